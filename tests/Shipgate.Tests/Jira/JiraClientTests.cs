using System.Text.Json;
using Shipgate.Emulators;
using Shipgate.Integrations;
using Shipgate.Jira;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Jira;

/// <summary>The Jira client against the emulator: batched lookups, missing keys, retries, refusals and wrong shapes.</summary>
[Trait("Category", "Integration")]
public sealed class JiraClientTests
{
    [Fact]
    public async Task A_hundred_and_fifty_tickets_of_two_projects_take_two_bulk_fetches_and_missing_keys_are_simply_absent()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.Site(JiraWorld.Done("OPS", 1, 100).Concat(JiraWorld.Done("WEB", 1, 48))));
        var ids = Enumerable.Range(1, 100).Select(n => $"OPS-{n}").Concat(Enumerable.Range(1, 50).Select(n => $"WEB-{n}")).ToList();

        var found = await JiraWorld.Client(jira).GetTicketsAsync(ids, CancellationToken.None).Bounded();

        Assert.Equal(148, found.Count);
        Assert.DoesNotContain("WEB-49", found.Keys);
        Assert.DoesNotContain("WEB-50", found.Keys);
        var ops7 = found["OPS-7"];
        Assert.Equal(("OPS change 7", "Done", "done", TicketSystem.Jira, true), (ops7.Title, ops7.Status, ops7.StateType, ops7.System, ops7.IsCompleted));
        Assert.Equal(jira.BrowseUrl("OPS-7"), ops7.Url);
        var fetches = JiraWorld.Calls(jira, "POST", "/rest/api/3/issue/bulkfetch");
        Assert.Equal(2, fetches.Count);
        Assert.Equal(2, jira.Requests.Count);
        Assert.All(fetches, f => Assert.True(JsonDocument.Parse(f.Body).RootElement.GetProperty("issueIdsOrKeys").GetArrayLength() <= 100));
        JiraWorld.AssertWireClean(jira);
    }

    [Fact]
    public async Task A_ticket_in_progress_is_verified_but_not_done()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.SmallSite());

        var found = await JiraWorld.Client(jira).GetTicketsAsync(["OPS-2", "OPS-404"], CancellationToken.None).Bounded();

        var ops2 = Assert.Single(found.Values);
        Assert.Equal(("OPS-2", "In Review", "indeterminate", false), (ops2.Id, ops2.Status, ops2.StateType, ops2.IsCompleted));
        JiraWorld.AssertWireClean(jira);
    }

    [Fact]
    public async Task Project_keys_come_from_Jira_page_after_page()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.Site([], [.. Enumerable.Range(0, 150).Select(n => $"P{n:D3}")]));

        var keys = await JiraWorld.Client(jira).GetTeamKeysAsync(CancellationToken.None).Bounded();

        Assert.Equal(150, keys.Count);
        Assert.Equal(("P000", "P149"), (keys[0], keys[^1]));
        // A hundred projects a page, the most Jira gives.
        Assert.Equal(2, JiraWorld.Calls(jira, "GET", "/rest/api/3/project/search").Count);
        JiraWorld.AssertWireClean(jira);
    }

    [Fact]
    public async Task A_rate_limit_is_waited_out_as_Jira_asks_and_5xx_is_retried()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.SmallSite());
        jira.Faults.RateLimit(count: 1, retryAfter: TimeSpan.FromSeconds(7));
        var waits = new List<TimeSpan>();

        var found = await JiraWorld.Client(jira, waits).GetTicketsAsync(["OPS-1"], CancellationToken.None).Bounded();
        jira.Faults.Fail(503, count: 1);
        var again = await JiraWorld.Client(jira, waits).GetTicketsAsync(["OPS-1"], CancellationToken.None).Bounded();

        Assert.Single(found);
        Assert.Single(again);
        Assert.Equal(TimeSpan.FromSeconds(7), waits[0]);
        Assert.Equal(2, waits.Count);
        Assert.Equal(4, JiraWorld.Calls(jira, "POST", "/rest/api/3/issue/bulkfetch").Count);
    }

    [Fact]
    public async Task Refused_credentials_stop_the_tracker_and_the_message_names_the_variables_never_the_token()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.SmallSite());
        var secrets = new Secrets();

        var error = await Assert.ThrowsAsync<TrackerUnavailableException>(() =>
            JiraWorld.Client(jira, token: "wrong-token-123456", secrets: secrets).GetTicketsAsync(["OPS-1"], CancellationToken.None).Bounded());

        Assert.Equal(401, error.Status);
        Assert.Contains("JIRA_EMAIL and JIRA_API_TOKEN", error.Message);
        Assert.DoesNotContain("wrong-token-123456", error.Message);
        Assert.Equal("***", secrets.Redact("wrong-token-123456"));
        Assert.Single(jira.Requests);
    }

    [Fact]
    public async Task An_answer_of_the_wrong_shape_is_an_error_naming_the_endpoint_never_an_empty_lookup()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.SmallSite());
        jira.ValidateResponses = false;
        jira.Faults.Reshape(body => { body!.AsObject()["issues"] = new System.Text.Json.Nodes.JsonObject(); return body; }, "bulkfetch");

        var error = await Assert.ThrowsAsync<ApiException>(() => JiraWorld.Client(jira).GetTicketsAsync(["OPS-1"], CancellationToken.None).Bounded());

        Assert.Contains("POST /rest/api/3/issue/bulkfetch", error.Message);
        Assert.Contains("issues as an object where a list belongs", error.Message);
    }

    [Fact]
    public async Task Marking_a_ticket_released_twice_leaves_one_comment_one_link_one_version_and_one_fix_version()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.SmallSite());
        var client = JiraWorld.Client(jira);
        var notice = new ReleaseNotice("release-2026-11-27-101500", DateTimeOffset.Parse("2026-11-27T10:15:00Z"), "acme/shop",
            "Released to production in release-2026-11-27-101500\n\nRelease: https://github.com/acme/shop/blob/compliance-archives/releases/x.json",
            "https://github.com/acme/shop/blob/compliance-archives/releases/x.json");

        var first = await client.MarkReleasedAsync("OPS-1", notice, CancellationToken.None).Bounded();
        var second = await JiraWorld.Client(jira).MarkReleasedAsync("OPS-1", notice, CancellationToken.None).Bounded();

        Assert.Empty(first);
        Assert.Empty(second);
        var comment = Assert.Single(jira.State.CommentsOn("OPS-1"));
        Assert.StartsWith("Released to production in release-2026-11-27-101500", comment.Text);
        Assert.Equal([notice.RecordUrl!], comment.Links);
        var link = Assert.Single(jira.State.RemoteLinksOn("OPS-1"));
        Assert.Equal((JiraClient.GlobalId("acme/shop", notice.ReleaseId), notice.RecordUrl), (link.GlobalId, link.Url));
        var version = Assert.Single(jira.State.VersionsOf("OPS"));
        Assert.Equal((notice.ReleaseId, true, "2026-11-27"), (version.Name, version.Released, version.ReleaseDate));
        Assert.Equal([notice.ReleaseId], jira.State.FixVersionsOf("OPS-1"));
        JiraWorld.AssertWireClean(jira);
    }

    [Fact]
    public async Task A_moved_issue_is_found_by_the_key_the_release_names()
    {
        var site = JiraWorld.SmallSite();
        site.Issues.Add(new JiraIssueFixture("WEB-20", "Moved from OPS", "Done", "done"));
        site.Issues.Add(new JiraIssueFixture("WEB-21", "Also moved", "Done", "done"));
        site.MovedKeys["OPS-9"] = "WEB-20";
        site.MovedKeys["OPS-10"] = "WEB-21";
        await using var jira = await JiraEmulator.StartAsync(site);

        var one = await JiraWorld.Client(jira).GetTicketsAsync(["OPS-1", "OPS-9", "OPS-404"], CancellationToken.None).Bounded();
        var two = await JiraWorld.Client(jira).GetTicketsAsync(["OPS-9", "OPS-10", "OPS-404"], CancellationToken.None).Bounded();

        Assert.Equal(["OPS-1", "OPS-9"], one.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("Moved from OPS", jira.BrowseUrl("WEB-20")), (one["OPS-9"].Title, one["OPS-9"].Url));
        Assert.Equal(["OPS-10", "OPS-9"], two.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Also moved", two["OPS-10"].Title);
        JiraWorld.AssertWireClean(jira);
    }

    [Fact]
    public async Task A_version_made_earlier_but_not_released_is_marked_released_and_reused()
    {
        var site = JiraWorld.SmallSite();
        site.Versions.Add(new JiraVersionFixture("10101", site.Project("OPS").Id, "release-2026-11-27-101500"));
        await using var jira = await JiraEmulator.StartAsync(site);
        var notice = new ReleaseNotice("release-2026-11-27-101500", DateTimeOffset.Parse("2026-11-27T10:15:00Z"), "acme/shop",
            "Released to production in release-2026-11-27-101500", null);

        var problems = await JiraWorld.Client(jira).MarkReleasedAsync("OPS-2", notice, CancellationToken.None).Bounded();

        Assert.Empty(problems);
        var version = Assert.Single(jira.State.VersionsOf("OPS"));
        Assert.Equal(("10101", true, "2026-11-27"), (version.Id, version.Released, version.ReleaseDate));
        Assert.Equal(["release-2026-11-27-101500"], jira.State.FixVersionsOf("OPS-2"));
        Assert.Empty(jira.State.RemoteLinksOn("OPS-2")); // no record address, no link
        Assert.Empty(JiraWorld.Calls(jira, "POST", "/rest/api/3/version"));
        JiraWorld.AssertWireClean(jira);
    }
}
