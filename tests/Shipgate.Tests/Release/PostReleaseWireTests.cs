using System.Text.RegularExpressions;
using Shipgate.Emulators;
using Shipgate.Integrations;
using Shipgate.Tests.Jira;
using Shipgate.Tests.Linear;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Release;

/// <summary>
/// Phase 6 on the wire: whole releases with Linear and Jira played by the emulators. The comments of one tracker go out
/// at most four at a time (the first alone), both trackers side by side; the emulators' <see cref="RequestBarrier"/>
/// proves requests were in flight together, no time is measured. What is reported comes in ticket order.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PostReleaseWireTests
{
    private const string Config = """
        github:
          repository: acme/shop
        areas:
          web:
            title: Web
            paths: ["web/**"]
        """;

    private static string Ids(string project, int from, int to) =>
        string.Join(", ", Enumerable.Range(from, to - from + 1).Select(n => $"{project}-{n}"));

    /// <summary>A release of the given tickets (one commit names them all) with Jira, and Linear when given.</summary>
    private static ReleaseScenario Connected(JiraEmulator jira, LinearEmulator? linear, string policy, string tickets)
    {
        var scenario = new ReleaseScenario(git =>
        {
            Scenarios.Configure(git, Config + policy);
            git.DirectCommit("staging", $"Bulk clean-up\n\nRefs {tickets}.", new() { ["web/a.ts"] = "a\n" });
        });
        scenario.Runner.Environment["JIRA_BASE_URL"] = jira.BaseUrl;
        scenario.Runner.Environment["JIRA_EMAIL"] = JiraWorld.Email;
        scenario.Runner.Environment["JIRA_API_TOKEN"] = JiraWorld.ApiToken;
        if (linear is not null)
        {
            scenario.Runner.Environment["LINEAR_API_KEY"] = LinearWorld.ApiKey;
            scenario.Runner.Environment["LINEAR_API_URL"] = linear.Url;
        }
        return scenario;
    }

    private static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");

    /// <summary>The screen's warnings, in the order shown.</summary>
    private static List<string> Warnings(RunResult result) =>
        [.. Regex.Matches(Flat(result), @"WARNING: (could not comment on )?(?<id>[A-Z]+-\d+)").Select(m => m.Groups["id"].Value)];

    /// <summary>The ticket ids the screen lists after <paramref name="label"/>.</summary>
    private static List<string> Listed(string flat, string label) =>
        [.. Regex.Match(flat, Regex.Escape(label) + @": (?<ids>[A-Z]+-\d+(, [A-Z]+-\d+)*)").Groups["ids"].Value.Split(", ", StringSplitOptions.RemoveEmptyEntries)];

    private static IEnumerable<string> Keys(string project, int from, int to) => Enumerable.Range(from, to - from + 1).Select(n => $"{project}-{n}");

    [Fact]
    public async Task Linear_and_Jira_tickets_are_updated_four_at_a_time_each_side_by_side()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.Site(JiraWorld.Done("OPS", 1, 10), "OPS"));
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.Workspace(LinearWorld.Done("BOL", 1, 10), "BOL"));
        using var s = Connected(jira, linear, "\ntickets:\n  keys: [BOL]\njira:\n  projects: [OPS]", $"{Ids("BOL", 1, 10)}, {Ids("OPS", 1, 10)}");
        // After each tracker's first ticket, its next four meet here: four Linear comments and four Jira tickets' first requests at once.
        var together = new RequestBarrier(8);
        for (var n = 2; n <= 5; n++)
        {
            linear.Faults.Hold(together, bodyContains: $"\"issueId\":\"BOL-{n}\"");
            jira.Faults.Hold(together, pathContains: $"/issue/OPS-{n}/comment");
        }

        var result = await s.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.True(together.Met);
        Assert.Contains($"Tickets updated with release comment: {Ids("BOL", 1, 10)}, {Ids("OPS", 1, 10)}", Flat(result));
        Assert.DoesNotContain("NOT updated", result.Output);
        Assert.Equal(10, linear.State.Comments.Count);
        foreach (var key in Keys("OPS", 1, 10))
        {
            Assert.Single(jira.State.CommentsOn(key));
            Assert.Single(jira.State.RemoteLinksOn(key));
        }
        // Never more than the channel's bound in flight on either service.
        Assert.InRange(linear.MostInFlight, 4, ApiChannel.MaxInFlight);
        Assert.InRange(jira.MostInFlight, 4, ApiChannel.MaxInFlight);
        JiraWorld.AssertWireClean(jira);
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task Tickets_of_two_projects_updated_together_make_one_version_per_project_and_resume_makes_none()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.Site(JiraWorld.Done("OPS", 1, 12).Concat(JiraWorld.Done("WEB", 1, 12))));
        using var s = Connected(jira, null, "\njira:\n  projects: [OPS, WEB]", $"{Ids("OPS", 1, 12)}, {Ids("WEB", 1, 12)}");
        // WEB's first four tickets start together, so they come to the version at the same time.
        var together = new RequestBarrier(4);
        for (var n = 1; n <= 4; n++) jira.Faults.Hold(together, pathContains: $"/issue/WEB-{n}/comment");
        var tickets = Keys("OPS", 1, 12).Concat(Keys("WEB", 1, 12)).ToList();

        var result = await s.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.True(together.Met);
        var releaseId = s.LastRecord().GetProperty("release_id").GetString()!;
        Assert.Contains($"Jira tickets updated with release comment: {string.Join(", ", tickets)}", Flat(result));
        foreach (var project in new[] { "OPS", "WEB" })
        {
            var version = Assert.Single(jira.State.VersionsOf(project));
            Assert.Equal((releaseId, true), (version.Name, version.Released));
            Assert.Single(JiraWorld.Calls(jira, "GET", $"/rest/api/3/project/{project}/versions"));
        }
        Assert.Equal(2, JiraWorld.Calls(jira, "POST", "/rest/api/3/version").Count);
        Assert.All(tickets, key => Assert.Equal([releaseId], jira.State.FixVersionsOf(key)));
        JiraWorld.AssertWireClean(jira);

        jira.ClearRequests();
        var resumed = await s.Runner.RunAsync(["release", "--resume", releaseId]);

        Assert.True(resumed.Code == ExitCode.Success, resumed.Output);
        Assert.Contains($"Jira tickets updated with release comment: {string.Join(", ", tickets)}", Flat(resumed));
        Assert.Single(jira.State.VersionsOf("OPS"));
        Assert.Single(jira.State.VersionsOf("WEB"));
        Assert.Equal(2, jira.State.Versions.Count);
        Assert.Empty(JiraWorld.Calls(jira, "POST", "/rest/api/3/version"));
        Assert.DoesNotContain(jira.Requests, q => q.Method == "PUT" && q.Path.StartsWith("/rest/api/3/version/", StringComparison.Ordinal));
        foreach (var key in tickets)
        {
            Assert.Single(jira.State.CommentsOn(key));
            Assert.Single(jira.State.RemoteLinksOn(key));
            Assert.Equal([releaseId], jira.State.FixVersionsOf(key));
        }
        JiraWorld.AssertWireClean(jira);
    }

    [Fact]
    public async Task Warnings_of_tickets_Jira_refuses_come_in_ticket_order_whatever_order_they_were_answered_in()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.Site(JiraWorld.Done("OPS", 1, 12), "OPS"));
        using var s = Connected(jira, null, "\njira:\n  projects: [OPS]", Ids("OPS", 1, 12));
        // OPS-2's link is refused only once OPS-12 has started, long after OPS-5's comment and OPS-9's link were refused.
        var late = new RequestBarrier(2);
        jira.Faults.Hold(late, pathContains: "/issue/OPS-2/remotelink");
        jira.Faults.Hold(late, pathContains: "/issue/OPS-12/comment");

        var result = await s.ReleaseAsync(word =>
        {
            jira.Faults.Fail(400, pathContains: "/issue/OPS-2/remotelink");
            jira.Faults.Fail(404, pathContains: "/issue/OPS-5/comment");
            jira.Faults.Fail(400, pathContains: "/issue/OPS-9/remotelink");
            return word;
        });

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.True(late.Met);
        Assert.Contains("RELEASE COMPLETE", result.Output);
        Assert.Equal(["OPS-2", "OPS-5", "OPS-9"], Warnings(result));
        Assert.Contains("WARNING: OPS-2: link to the record: Jira refused POST /rest/api/3/issue/OPS-2/remotelink (400", Flat(result));
        Assert.Contains("WARNING: OPS-5: comment: Jira refused GET /rest/api/3/issue/OPS-5/comment (404", Flat(result));
        Assert.Contains("Jira tickets updated with release comment: OPS-1, OPS-3, OPS-4, OPS-6, OPS-7, OPS-8, OPS-10, OPS-11, OPS-12", Flat(result));
        Assert.Contains("Jira tickets NOT updated: OPS-2, OPS-5, OPS-9", Flat(result));
        // What could be done was: OPS-2 has its comment and version, OPS-5 its link and version.
        Assert.Single(jira.State.CommentsOn("OPS-2"));
        Assert.Empty(jira.State.CommentsOn("OPS-5"));
        Assert.Single(jira.State.RemoteLinksOn("OPS-5"));
        Assert.All(Keys("OPS", 1, 12), key => Assert.Single(jira.State.FixVersionsOf(key)));
        Assert.Single(jira.State.VersionsOf("OPS"));
        Assert.DoesNotContain(JiraWorld.ApiToken, result.Output);
    }

    [Fact]
    public async Task Jira_down_is_tried_for_one_ticket_only_and_told_once_while_Linear_is_updated()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.Site(JiraWorld.Done("OPS", 1, 10), "OPS"));
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.Workspace(LinearWorld.Done("BOL", 1, 10), "BOL"));
        using var s = Connected(jira, linear, "\ntickets:\n  keys: [BOL]\njira:\n  projects: [OPS]", $"{Ids("BOL", 1, 10)}, {Ids("OPS", 1, 10)}");

        var result = await s.ReleaseAsync(word =>
        {
            jira.ClearRequests();
            jira.Faults.Fail(503, count: 1000);
            return word;
        });

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("RELEASE COMPLETE", result.Output);
        Assert.Contains($"Tickets updated with release comment: {Ids("BOL", 1, 10)}", Flat(result));
        Assert.Contains($"Tickets NOT updated: {Ids("OPS", 1, 10)}", Flat(result));
        Assert.Equal(["OPS-1"], Warnings(result));
        Assert.Contains("WARNING: could not comment on OPS-1 and did not try the others: Jira did not answer", Flat(result));
        Assert.Equal(10, linear.State.Comments.Count);
        // Only the first ticket was tried, to the retry limit: none other is asked of a Jira that is down.
        Assert.NotEmpty(jira.Requests);
        Assert.All(jira.Requests, q => Assert.StartsWith("/rest/api/3/issue/OPS-1/", q.Path));
        Assert.Empty(jira.State.Comments);
    }

    [Fact]
    public async Task Credentials_refused_midway_start_no_further_ticket_and_those_under_way_are_reported_as_they_ended()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.Site(JiraWorld.Done("OPS", 1, 20), "OPS"));
        using var s = Connected(jira, null, "\njira:\n  projects: [OPS]", Ids("OPS", 1, 20));

        var result = await s.ReleaseAsync(word =>
        {
            jira.Faults.Fail(401, pathContains: "/issue/OPS-6/comment");
            return word;
        });

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var flat = Flat(result);
        Assert.Equal(["OPS-6"], Warnings(result));
        Assert.Contains("WARNING: could not comment on OPS-6 and did not try the others: Jira at", flat);
        Assert.Contains("refused the credentials in JIRA_EMAIL and JIRA_API_TOKEN", flat);
        Assert.DoesNotContain(JiraWorld.ApiToken, result.Output);
        Assert.DoesNotContain(JiraWorld.BasicCredentials, result.Output);
        var all = Keys("OPS", 1, 20).ToList();
        var commented = (Done: Listed(flat, "Jira tickets updated with release comment"), Not: Listed(flat, "Jira tickets NOT updated"));
        // Every ticket once, each list in ticket order; those started before OPS-6 ended as they would have; none is said to be done that is not.
        Assert.Equal(all, commented.Done.Concat(commented.Not).OrderBy(all.IndexOf));
        Assert.Equal(commented.Done.OrderBy(all.IndexOf), commented.Done);
        Assert.Equal(commented.Not.OrderBy(all.IndexOf), commented.Not);
        Assert.Equal(Keys("OPS", 1, 5), commented.Done.Take(5));
        Assert.Contains("OPS-6", commented.Not);
        Assert.All(all, key => Assert.Equal(commented.Done.Contains(key), jira.State.CommentsOn(key).Count == 1));
        // No ticket starts once OPS-6 met the refusal: the last is never asked.
        Assert.DoesNotContain(jira.Requests, q => q.Path.StartsWith("/rest/api/3/issue/OPS-20/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ctrl_C_while_tickets_are_under_way_leaves_the_release_made_and_resume_finishes_each_ticket_once()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.Site(JiraWorld.Done("OPS", 1, 8), "OPS"));
        using var s = Connected(jira, null, "\njira:\n  projects: [OPS]", Ids("OPS", 1, 8));
        // Four tickets under way at once, held until Ctrl-C.
        var never = new RequestBarrier(5, TimeSpan.FromSeconds(60));
        for (var n = 2; n <= 5; n++) jira.Faults.Hold(never, pathContains: $"/issue/OPS-{n}/comment");
        using var interrupt = new CancellationTokenSource();
        var pressCtrlC = Task.Run(async () =>
        {
            try
            {
                await never.SeatedAsync(4).WaitAsync(Bounds.Hang);
            }
            catch (TimeoutException)
            {
                // A bound on a hang, not a measure: Ctrl-C all the same, and the test fails on Seated.
            }
            await interrupt.CancelAsync();
        });

        var result = await s.Runner.RunAsync(["release", "--allow-unverified-ci", "tests: no GitHub"], ct: interrupt.Token);
        await pressCtrlC.Bounded();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Equal(4, never.Seated);
        var releaseId = s.LastRecord().GetProperty("release_id").GetString()!;
        Assert.Contains("Interrupted after the release was made", Flat(result));
        Assert.Contains($"run shipgate release --resume {releaseId}", Flat(result));
        Assert.DoesNotContain("RELEASE COMPLETE", result.Output);
        Assert.Single(jira.State.CommentsOn("OPS-1"));
        Assert.Empty(jira.State.CommentsOn("OPS-6"));
        jira.Faults.Clear();

        var resumed = await s.Runner.RunAsync(["release", "--resume", releaseId]);

        Assert.True(resumed.Code == ExitCode.Success, resumed.Output);
        Assert.Contains($"Jira tickets updated with release comment: {Ids("OPS", 1, 8)}", Flat(resumed));
        foreach (var key in Keys("OPS", 1, 8))
        {
            Assert.Single(jira.State.CommentsOn(key));
            Assert.Single(jira.State.RemoteLinksOn(key));
            Assert.Equal([releaseId], jira.State.FixVersionsOf(key));
        }
        Assert.Single(jira.State.VersionsOf("OPS"));
    }
}
