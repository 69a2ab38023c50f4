using Shipgate.Emulators;
using Shipgate.Linear;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Linear;

/// <summary>Whole releases over real git with Linear played by the emulator (LINEAR_API_KEY and LINEAR_API_URL set).</summary>
[Trait("Category", "Integration")]
public sealed class LinearReleaseTests
{
    private static ReleaseScenario Connected(LinearEmulator linear, Action<GitScenario> build, string key = LinearWorld.ApiKey)
    {
        var scenario = new ReleaseScenario(build);
        scenario.Runner.Environment["LINEAR_API_KEY"] = key;
        scenario.Runner.Environment["LINEAR_API_URL"] = linear.Url;
        return scenario;
    }

    /// <summary>
    /// BOL-1..60 in a commit body, BOL-61..120 in a squash PR's body, ENG-1..10 in PR branch names,
    /// ENG-11..30 in PR commits; UTF-8 and SHA-256 too.
    /// </summary>
    private static void HundredFiftyTickets(GitScenario git)
    {
        Scenarios.Configure(git, "areas:\n  web:\n    title: Web\n    paths: [\"web/**\"]");
        string Ids(string team, int from, int to) => string.Join(", ", Enumerable.Range(from, to - from + 1).Select(n => $"{team}-{n}"));
        git.DirectCommit("staging", $"Bulk clean-up\n\nRefs {Ids("BOL", 1, 60)}. Handles UTF-8 and SHA-256.", new() { ["web/a.ts"] = "a\n" });
        git.SquashPullRequest(300, "Bulk fixes", new() { ["web/b.ts"] = "b\n" }, body: $"Fixes {Ids("BOL", 61, 120)}");
        for (var n = 1; n <= 10; n++)
        {
            git.MergePullRequest(300 + n, $"dev/eng-{n}-change", $"Change {n}",
                ($"Change {n}" + (n <= 2 ? $"\n\nAlso {Ids("ENG", 11 + (n - 1) * 10, 20 + (n - 1) * 10)}" : ""), new() { [$"web/eng{n}.ts"] = $"{n}\n" }));
        }
    }

    [Fact]
    public async Task Tickets_from_commits_PR_bodies_and_branch_names_resolve_in_batches_of_a_hundred()
    {
        await using var linear = await LinearEmulator.StartAsync(
            LinearWorld.Workspace(LinearWorld.Done("BOL", 1, 120).Concat(LinearWorld.Done("ENG", 1, 30)), "BOL", "ENG", "OPS"));
        using var s = Connected(linear, HundredFiftyTickets);

        var result = await s.ReleaseAsync(null, "--dry-run");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("Tickets: 150 Linear tickets", result.Output);
        Assert.Contains("[x] All tickets linked and verified", result.Output);
        Assert.DoesNotContain("NOT FOUND", result.Output);
        Assert.DoesNotContain("UTF-8 ", result.Output.Split("LINEAR TICKETS INCLUDED")[1]);
        // One teams query, then per team key one query per hundred tickets: BOL 120 -> 2, ENG 30 -> 1.
        // At most (team keys - 1) + ceil(150 / 100) = 3 ticket queries, never one per ticket.
        Assert.Single(LinearWorld.Operations(linear, LinearDocuments.TeamsOperation));
        var ticketQueries = LinearWorld.Operations(linear, LinearDocuments.TicketsOperation);
        // The batches go out at once, so they may arrive in any order.
        Assert.Equal(["BOL", "BOL", "ENG"], ticketQueries.Select(r => LinearWorld.Variables(r).GetProperty("team").GetString()).Order());
        Assert.Equal(4, linear.Requests.Count);
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task Without_configured_keys_the_team_keys_come_from_Linear_so_UTF_8_is_never_a_ticket()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.Workspace([new LinearIssueFixture("BOL-7", "Parser", "Done")], "BOL"));
        using var s = Connected(linear, git =>
        {
            Scenarios.Configure(git, "areas:\n  web:\n    title: Web\n    paths: [\"web/**\"]");
            git.DirectCommit("staging", "BOL-7: parse UTF-8 names and SHA-256 sums (ISO-8601 dates)", new() { ["web/parse.ts"] = "p\n" });
        });

        var result = await s.ReleaseAsync(null, "--dry-run");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("Tickets: 1 Linear ticket", result.Output);
        var query = Assert.Single(LinearWorld.Operations(linear, LinearDocuments.TicketsOperation));
        Assert.Equal("BOL", LinearWorld.Variables(query).GetProperty("team").GetString());
        Assert.Equal([7], LinearWorld.Variables(query).GetProperty("numbers").EnumerateArray().Select(n => n.GetInt32()));
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task A_missing_ticket_is_noted_in_summary_and_record_while_the_rest_resolve()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());
        using var s = Connected(linear, Scenarios.Rich);

        var result = await s.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("WARNING: Ticket BOL-9 not found in Linear.", result.Output);
        Assert.Contains("| BOL-407 | Session auth for browser API endpoints |", result.Output);
        Assert.Contains("All tickets linked and verified - not found: BOL-9; not completed: BOL-50 (In Progress)", result.Output);

        var record = s.LastRecord();
        var tickets = record.GetProperty("linear_tickets").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        Assert.Equal("not_found", tickets["BOL-9"].GetProperty("verification").GetString());
        foreach (var id in new[] { "BOL-1", "BOL-50", "BOL-407", "ENG-5" })
            Assert.Equal("verified", tickets[id].GetProperty("verification").GetString());
        Assert.Equal("Session auth for browser API endpoints", tickets["BOL-407"].GetProperty("title").GetString());
        Assert.Equal("In Progress", tickets["BOL-50"].GetProperty("status").GetString());
        var warnings = record.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.Contains("Ticket BOL-9 not found in Linear.", warnings);
        Assert.Contains("Ticket BOL-50 is not completed (status: In Progress).", warnings);
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task Every_released_ticket_gets_one_comment_with_the_release_id_and_record_link()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());
        using var s = Connected(linear, Scenarios.Rich);

        var result = await s.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var releaseId = s.LastRecord().GetProperty("release_id").GetString()!;
        var issueIds = linear.State.Issues.ToDictionary(i => i.Id, i => i.Identifier);
        var comments = linear.State.Comments.ToDictionary(c => issueIds[c.IssueId]);
        Assert.Equal(["BOL-1", "BOL-407", "BOL-50", "ENG-5"], comments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, linear.State.Comments.Count);
        foreach (var comment in comments.Values)
        {
            Assert.Contains($"Released to production in {releaseId}", comment.Body);
            Assert.Contains($"compliance-archives:releases/{releaseId}.json", comment.Body);
        }
        Assert.Contains("Linear tickets updated with release comment: BOL-1, BOL-50, BOL-407, ENG-5", result.Output);
        Assert.DoesNotContain("NOT updated", result.Output);
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task A_comment_that_fails_is_reported_and_the_release_stays_complete()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());
        using var s = Connected(linear, Scenarios.Rich);
        var staging = s.Git.RemoteSha("staging");

        // BOL-407 is deleted in Linear while the releaser reads the summary.
        var result = await s.ReleaseAsync(word =>
        {
            linear.Update(w => w.Issues.RemoveAll(i => i.Identifier == "BOL-407"));
            return word;
        });

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Equal(staging, s.Git.RemoteSha("main"));
        Assert.Contains("RELEASE COMPLETE", result.Output);
        Assert.Contains("WARNING: could not comment on BOL-407", result.Output);
        Assert.Contains("Linear tickets updated with release comment: BOL-1, BOL-50, ENG-5", result.Output);
        Assert.Contains("Linear tickets NOT updated: BOL-407", result.Output);
        Assert.Equal(3, linear.State.Comments.Count);
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task Linear_down_after_the_push_leaves_the_release_complete_and_every_ticket_reported()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());
        using var s = Connected(linear, Scenarios.Rich);
        var staging = s.Git.RemoteSha("staging");

        var result = await s.ReleaseAsync(word =>
        {
            linear.Faults.Fail(503, count: 1000);
            return word;
        });

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Equal(staging, s.Git.RemoteSha("main"));
        Assert.Contains("RELEASE COMPLETE", result.Output);
        Assert.Contains("Linear tickets NOT updated: BOL-1, BOL-50, BOL-407, ENG-5", result.Output);
        Assert.Empty(linear.State.Comments);
        // The first comment is retried to the limit; the others are not tried against a service that is down.
        Assert.Equal(LinearSettings.DefaultRetry.MaxAttempts, LinearWorld.Operations(linear, LinearDocuments.CommentOperation).Count);
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task Resume_finishes_the_comments_of_a_made_release_and_never_posts_twice()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());
        using var s = Connected(linear, Scenarios.Rich);
        var made = await s.ReleaseAsync(word =>
        {
            linear.Faults.Fail(503, count: 1000);
            return word;
        });
        Assert.True(made.Code == ExitCode.Success, made.Output);
        Assert.Empty(linear.State.Comments);
        var releaseId = s.LastRecord().GetProperty("release_id").GetString()!;
        var originAfterRelease = s.OriginRefs();
        linear.Faults.Clear();

        var first = await s.Runner.RunAsync(["release", "--resume", releaseId]);
        var second = await s.Runner.RunAsync(["release", "--resume", releaseId]);

        Assert.True(first.Code == ExitCode.Success, first.Output);
        Assert.True(second.Code == ExitCode.Success, second.Output);
        Assert.Contains($"Resuming {releaseId}", first.Output);
        Assert.Contains("Linear tickets updated with release comment: BOL-1, BOL-50, BOL-407, ENG-5", first.Output);
        Assert.Contains("Linear tickets updated with release comment: BOL-1, BOL-50, BOL-407, ENG-5", second.Output);
        var issueIds = linear.State.Issues.ToDictionary(i => i.Id, i => i.Identifier);
        Assert.Equal(["BOL-1", "BOL-407", "BOL-50", "ENG-5"], linear.State.Comments.Select(c => issueIds[c.IssueId]).Order(StringComparer.Ordinal));
        Assert.All(linear.State.Comments, c => Assert.Contains($"Released to production in {releaseId}", c.Body));
        Assert.Equal(originAfterRelease, s.OriginRefs());
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task Resume_of_an_unknown_release_is_a_usage_error()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());
        using var s = Connected(linear, Scenarios.Rich);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);

        var unknown = await s.Runner.RunAsync(["release", "--resume", "release-2001-01-01-000000"]);
        var malformed = await s.Runner.RunAsync(["release", "--resume", "yesterday"]);
        var mixed = await s.Runner.RunAsync(["release", "--resume", "release-2001-01-01-000000", "--dry-run"]);

        Assert.Equal(ExitCode.Usage, unknown.Code);
        Assert.Contains("There is no release record releases/release-2001-01-01-000000.json on compliance-archives", unknown.Output);
        Assert.Contains(s.LastRecord().GetProperty("release_id").GetString()!, unknown.Output);
        Assert.Equal(ExitCode.Usage, malformed.Code);
        Assert.Contains("--resume takes a release id such as release-2026-02-04-153045, not 'yesterday'", malformed.Output);
        Assert.Equal(ExitCode.Usage, mixed.Code);
        Assert.Contains("--resume finishes a release already made", mixed.Output);
    }

    [Fact]
    public async Task A_rate_limited_lookup_is_retried_and_the_release_goes_on()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());
        using var s = Connected(linear, Scenarios.Rich);
        linear.Faults.RateLimit(1, retryAfter: TimeSpan.FromMilliseconds(300));

        var result = await s.ReleaseAsync(null, "--dry-run");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("| BOL-407 | Session auth for browser API endpoints |", result.Output);
        // Two ticket batches at once (BOL, ENG): one is rate-limited and asked again.
        Assert.Equal([200, 200, 400], linear.Requests.Select(r => r.StatusCode).Order());
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task A_refused_key_stops_before_any_change_names_LINEAR_API_KEY_and_never_shows_it()
    {
        const string wrong = "lin_api_7d1f0c00notavalidkey00a9";
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());
        using var s = Connected(linear, Scenarios.Rich, wrong);
        var originBefore = s.OriginRefs();

        var result = await s.ReleaseAsync();

        Assert.Equal(ExitCode.Error, result.Code);
        Assert.Contains("LINEAR_API_KEY", result.Output);
        Assert.DoesNotContain(wrong, result.Output);
        Assert.DoesNotContain("CONFIRM RELEASE", result.Output);
        Assert.Equal(originBefore, s.OriginRefs());
        // The ticket batches go out at once (BOL and ENG here); each is refused once and none is tried again.
        Assert.All(linear.Requests, r => Assert.Equal(400, r.StatusCode));
        Assert.InRange(linear.Requests.Count, 1, 2);
        Assert.Distinct(linear.Requests.Select(r => r.Body));
    }
}
