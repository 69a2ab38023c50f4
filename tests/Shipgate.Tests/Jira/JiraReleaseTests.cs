using System.Text;
using System.Text.Json;
using Shipgate.Emulators;
using Shipgate.Record;
using Shipgate.Testing;
using Shipgate.Tests.Linear;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Jira;

/// <summary>Whole releases over real git with Jira played by the emulator (JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN set).</summary>
[Trait("Category", "Integration")]
public sealed class JiraReleaseTests
{
    private const string Config = """
        github:
          repository: acme/shop
        areas:
          web:
            title: Web
            paths: ["web/**"]
        """;

    private static ReleaseScenario Connected(JiraEmulator jira, Action<GitScenario> build)
    {
        var scenario = new ReleaseScenario(build);
        scenario.Runner.Environment["JIRA_BASE_URL"] = jira.BaseUrl;
        scenario.Runner.Environment["JIRA_EMAIL"] = JiraWorld.Email;
        scenario.Runner.Environment["JIRA_API_TOKEN"] = JiraWorld.ApiToken;
        return scenario;
    }

    /// <summary>OPS-1 and OPS-404 (not in Jira) in a PR, OPS-2 (in review) in another, WEB-7 in a branch name.</summary>
    private static void OpsHistory(GitScenario git)
    {
        Scenarios.Configure(git, Config);
        git.SquashPullRequest(201, "OPS-1: Rotate the signing keys", new() { ["web/keys.ts"] = "keys\n" }, body: "Also OPS-404. Handles UTF-8.");
        git.SquashPullRequest(202, "OPS-2: Tune the cache", new() { ["web/cache.ts"] = "cache\n" });
        git.MergePullRequest(203, "dev/web-7-checkout", "Checkout button", ("Checkout button", new() { ["web/checkout.ts"] = "checkout\n" }));
    }

    [Fact]
    public async Task A_dry_run_shows_Jira_tickets_with_the_missing_key_as_a_gap_and_a_warning()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.SmallSite());
        using var s = Connected(jira, OpsHistory);

        var result = await s.ReleaseAsync(null, "--dry-run");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("Tickets: 4 Jira tickets", result.Output);
        Assert.Contains("JIRA TICKETS INCLUDED", result.Output);
        Assert.Contains("| OPS-1   | Rotate the signing keys | Done", result.Output);
        Assert.Contains("WARNING: Ticket OPS-404 not found in Jira.", result.Output);
        Assert.Contains("All tickets linked and verified - not found: OPS-404; not completed: OPS-2 (In Review)", result.Output);
        // One project search for the keys, one bulk fetch for the four tickets.
        Assert.Single(JiraWorld.Calls(jira, "GET", "/rest/api/3/project/search"));
        Assert.Single(JiraWorld.Calls(jira, "POST", "/rest/api/3/issue/bulkfetch"));
        Assert.Equal(2, jira.Requests.Count);
        JiraWorld.AssertWireClean(jira);
    }

    /// <summary>With jira.projects, only the tickets are asked; without, the project keys first: 1 + ceil(150/100) requests.</summary>
    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 3)]
    public async Task A_hundred_and_fifty_ticket_release_takes_two_Jira_lookups(bool projectsNamed, int requests)
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.Site(JiraWorld.Done("OPS", 1, 120).Concat(JiraWorld.Done("WEB", 1, 30))));
        using var s = Connected(jira, git =>
        {
            Scenarios.Configure(git, Config + (projectsNamed ? "\njira:\n  projects: [OPS, WEB]" : ""));
            string Ids(string project, int from, int to) => string.Join(", ", Enumerable.Range(from, to - from + 1).Select(n => $"{project}-{n}"));
            git.DirectCommit("staging", $"Bulk clean-up\n\nRefs {Ids("OPS", 1, 120)}.", new() { ["web/a.ts"] = "a\n" });
            git.SquashPullRequest(300, "Bulk fixes", new() { ["web/b.ts"] = "b\n" }, body: $"Fixes {Ids("WEB", 1, 30)}");
        });

        var result = await s.ReleaseAsync(null, "--dry-run");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("Tickets: 150 Jira tickets", result.Output);
        Assert.Contains("[x] All tickets linked and verified", result.Output);
        Assert.Equal(2, JiraWorld.Calls(jira, "POST", "/rest/api/3/issue/bulkfetch").Count);
        Assert.Equal(requests, jira.Requests.Count);
        JiraWorld.AssertWireClean(jira);
    }

    [Fact]
    public async Task A_release_comments_links_and_adds_each_verified_ticket_to_a_released_version_of_its_project()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.SmallSite());
        using var s = Connected(jira, OpsHistory);

        var result = await s.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var record = s.LastRecord();
        var releaseId = record.GetProperty("release_id").GetString()!;
        var recordUrl = $"https://github.com/acme/shop/blob/compliance-archives/releases/{releaseId}.json";
        Assert.Contains("Jira tickets updated with release comment: OPS-1, OPS-2, WEB-7", result.Output);
        foreach (var key in new[] { "OPS-1", "OPS-2", "WEB-7" })
        {
            var comment = Assert.Single(jira.State.CommentsOn(key));
            Assert.StartsWith($"Released to production in {releaseId}", comment.Text);
            Assert.Contains(recordUrl, comment.Links);
            var link = Assert.Single(jira.State.RemoteLinksOn(key));
            Assert.Equal(($"shipgate:acme/shop:{releaseId}", recordUrl), (link.GlobalId, link.Url));
            Assert.Equal([releaseId], jira.State.FixVersionsOf(key));
        }
        foreach (var project in new[] { "OPS", "WEB" })
        {
            var version = Assert.Single(jira.State.VersionsOf(project));
            Assert.Equal((releaseId, true), (version.Name, version.Released));
        }

        var tickets = record.GetProperty("jira_tickets").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        Assert.Equal(["OPS-1", "OPS-2", "OPS-404", "WEB-7"], tickets.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("not_found", tickets["OPS-404"].GetProperty("verification").GetString());
        Assert.Equal(("verified", "Rotate the signing keys", jira.BrowseUrl("OPS-1"), "Done"),
            (tickets["OPS-1"].GetProperty("verification").GetString(), tickets["OPS-1"].GetProperty("title").GetString(),
             tickets["OPS-1"].GetProperty("url").GetString(), tickets["OPS-1"].GetProperty("status").GetString()));
        Assert.Empty(record.GetProperty("linear_tickets").EnumerateArray());
        Assert.Contains("Ticket OPS-404 not found in Jira.", record.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        var markdown = Encoding.UTF8.GetString(s.OriginFile("compliance-archives", $"releases/{releaseId}.md"));
        Assert.Contains("## Jira Tickets", markdown);
        Assert.Contains($"| [OPS-1]({jira.BrowseUrl("OPS-1")}) | Rotate the signing keys | Done |", markdown);

        var verify = await s.Runner.RunAsync(["audit", "verify"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output);
        var report = Path.Combine(s.Folder, "q.md");
        var today = DateTime.UtcNow;
        var written = await s.Runner.RunAsync(["audit", "report", "--since", today.AddDays(-2).ToString("yyyy-MM-dd"),
            "--until", today.AddDays(2).ToString("yyyy-MM-dd"), "--format", "md", "--out", report]);
        Assert.True(written.Code == ExitCode.Success, written.Output);
        Assert.Contains($"]({jira.BrowseUrl("OPS-1")})", File.ReadAllText(report));
        Assert.Contains("not found in Jira", File.ReadAllText(report));
        JiraWorld.AssertWireClean(jira);
    }

    [Fact]
    public async Task Resume_after_Jira_was_down_finishes_every_ticket_once_however_often_it_runs()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.SmallSite());
        using var s = Connected(jira, OpsHistory);
        var made = await s.ReleaseAsync(word =>
        {
            jira.Faults.Fail(503, count: 1000);
            return word;
        });
        Assert.True(made.Code == ExitCode.Success, made.Output);
        Assert.Contains("RELEASE COMPLETE", made.Output);
        Assert.Contains("Jira tickets NOT updated: OPS-1, OPS-2, WEB-7", made.Output);
        Assert.Empty(jira.State.Comments);
        var releaseId = s.LastRecord().GetProperty("release_id").GetString()!;
        jira.Faults.Clear();

        var first = await s.Runner.RunAsync(["release", "--resume", releaseId]);
        var second = await s.Runner.RunAsync(["release", "--resume", releaseId]);

        Assert.True(first.Code == ExitCode.Success, first.Output);
        Assert.True(second.Code == ExitCode.Success, second.Output);
        Assert.Contains("Jira tickets updated with release comment: OPS-1, OPS-2, WEB-7", second.Output);
        foreach (var key in new[] { "OPS-1", "OPS-2", "WEB-7" })
        {
            Assert.Single(jira.State.CommentsOn(key));
            Assert.Single(jira.State.RemoteLinksOn(key));
            Assert.Equal([releaseId], jira.State.FixVersionsOf(key));
        }
        Assert.Single(jira.State.VersionsOf("OPS"));
        Assert.Single(jira.State.VersionsOf("WEB"));
        Assert.Equal(2, jira.State.Versions.Count);
        JiraWorld.AssertWireClean(jira);
    }

    [Fact]
    public async Task A_ticket_Jira_refuses_to_update_is_listed_and_the_others_are_done()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.SmallSite());
        using var s = Connected(jira, OpsHistory);

        var result = await s.ReleaseAsync(word =>
        {
            jira.Update(site => site.Issues.RemoveAll(i => i.Key == "OPS-2"));
            return word;
        });

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("RELEASE COMPLETE", result.Output);
        Assert.Contains("WARNING: OPS-2: comment: Jira refused", result.Output);
        Assert.Contains("Jira tickets updated with release comment: OPS-1, WEB-7", result.Output);
        Assert.Contains("Jira tickets NOT updated: OPS-2", result.Output);
        Assert.Single(jira.State.CommentsOn("OPS-1"));
    }

    [Fact]
    public async Task The_token_stays_in_the_Authorization_header_never_in_output_or_record()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.SmallSite());
        using var s = Connected(jira, OpsHistory);

        var result = await s.ReleaseAsync();
        var dry = await s.Runner.RunAsync(["release", "--dry-run", "--json", "--allow-unverified-ci", "tests: no GitHub"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var releaseId = s.LastRecord().GetProperty("release_id").GetString()!;
        var written = string.Join("\n", result.Output, dry.Output, dry.Stdout,
            Encoding.UTF8.GetString(s.OriginFile("compliance-archives", RecordFiles.JsonPath(releaseId))),
            Encoding.UTF8.GetString(s.OriginFile("compliance-archives", $"releases/{releaseId}.md")),
            GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "log", "--all", "--format=%B"));
        Assert.DoesNotContain(JiraWorld.ApiToken, written);
        Assert.DoesNotContain(JiraWorld.BasicCredentials, written);
        JiraWorld.AssertWireClean(jira);
    }

    [Fact]
    public async Task Refused_credentials_stop_before_any_change_naming_the_variables()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.SmallSite());
        using var s = Connected(jira, OpsHistory);
        s.Runner.Environment["JIRA_API_TOKEN"] = "not-the-token-4711";
        var before = s.OriginRefs();

        var result = await s.ReleaseAsync();

        Assert.Equal(ExitCode.Error, result.Code);
        Assert.Contains("JIRA_EMAIL and JIRA_API_TOKEN", result.Output);
        Assert.DoesNotContain("not-the-token-4711", result.Output);
        Assert.Equal(before, s.OriginRefs());
    }

    [Fact]
    public async Task A_site_named_only_by_an_unreleased_policy_gets_no_token()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.SmallSite());
        using var s = new ReleaseScenario(git =>
        {
            git.DirectCommit("staging", "chore: policy", new() { [".shipgate.yml"] = $"jira:\n  site: {jira.BaseUrl}\n" });
            git.SquashPullRequest(201, "OPS-1: Rotate the signing keys", new() { ["web/keys.ts"] = "keys\n" });
        });
        s.Runner.Environment["JIRA_EMAIL"] = JiraWorld.Email;
        s.Runner.Environment["JIRA_API_TOKEN"] = JiraWorld.ApiToken;

        var result = await s.ReleaseAsync(null, "--dry-run");

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains("Refusing to send a Jira token", result.Output);
        Assert.Contains("JIRA_BASE_URL", result.Output);
        Assert.Empty(jira.Requests);
    }

    [Fact]
    public async Task Without_credentials_Jira_tickets_stay_unverified_and_the_record_says_which_variables()
    {
        using var s = new ReleaseScenario(git =>
        {
            Scenarios.Configure(git, Config + "\njira:\n  site: https://acme.atlassian.net\n  projects: [OPS]");
            git.SquashPullRequest(201, "OPS-1: Rotate the signing keys", new() { ["web/keys.ts"] = "keys\n" });
        });

        var result = await s.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var record = s.LastRecord();
        var ticket = Assert.Single(record.GetProperty("jira_tickets").EnumerateArray());
        Assert.Equal(("OPS-1", "unverified"), (ticket.GetProperty("id").GetString(), ticket.GetProperty("verification").GetString()));
        Assert.Contains("Tickets not verified in Jira (JIRA_EMAIL or JIRA_API_TOKEN not set): OPS-1.",
            record.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains("Jira tickets not updated: JIRA_EMAIL and JIRA_API_TOKEN are not set.", result.Output);
        Assert.Equal("https://acme.atlassian.net", record.GetProperty("policy").GetProperty("jira_site").GetString());
        Assert.True((await s.Runner.RunAsync(["audit", "verify"])).Code == ExitCode.Success);
    }

    [Fact]
    public async Task Linear_and_Jira_together_each_key_goes_to_the_tracker_that_owns_it()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.SmallSite());
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.Workspace(
            [new LinearIssueFixture("BOL-1", "Login page", "Done"), new LinearIssueFixture("BOL-9", "Old bug", "Done")], "BOL"));
        using var s = Connected(jira, git =>
        {
            Scenarios.Configure(git, Config + "\ntickets:\n  keys: [BOL]\njira:\n  projects: [OPS]");
            git.SquashPullRequest(201, "OPS-1: Rotate the signing keys", new() { ["web/keys.ts"] = "keys\n" });
            git.SquashPullRequest(202, "BOL-1: Login page", new() { ["web/login.ts"] = "login\n" }, body: "Also BOL-9 and OPS-404");
        });
        s.Runner.Environment["LINEAR_API_KEY"] = LinearWorld.ApiKey;
        s.Runner.Environment["LINEAR_API_URL"] = linear.Url;

        var result = await s.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("Tickets: 4 tickets (2 Linear, 2 Jira)", result.Output);
        Assert.Contains("| Ticket  | Tracker | Title", result.Output);
        Assert.Contains("| BOL-1   | Linear  | Login page", result.Output);
        Assert.Contains("| OPS-1   | Jira    | Rotate the signing keys", result.Output);
        Assert.Contains("WARNING: Ticket OPS-404 not found in Jira.", result.Output);
        var record = s.LastRecord();
        Assert.Equal(["BOL-1", "BOL-9"], record.GetProperty("linear_tickets").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Equal(["OPS-1", "OPS-404"], record.GetProperty("jira_tickets").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Contains("Tickets updated with release comment: BOL-1, BOL-9, OPS-1", result.Output);
        Assert.Equal(2, linear.State.Comments.Count);
        Assert.Single(jira.State.CommentsOn("OPS-1"));
        // Each tracker was asked only for its own tickets.
        var fetch = Assert.Single(JiraWorld.Calls(jira, "POST", "/rest/api/3/issue/bulkfetch"));
        Assert.Equal(["OPS-1", "OPS-404"], JsonDocument.Parse(fetch.Body).RootElement.GetProperty("issueIdsOrKeys").EnumerateArray().Select(k => k.GetString()));
        Assert.DoesNotContain(linear.Requests, r => r.Body.Contains("OPS", StringComparison.Ordinal));
        JiraWorld.AssertWireClean(jira);
        LinearWorld.AssertEveryRequestValid(linear);
    }
}
