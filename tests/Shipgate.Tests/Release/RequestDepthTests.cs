using System.Text.RegularExpressions;
using Shipgate.Emulators;
using Shipgate.Integrations;
using Shipgate.Linear;
using Shipgate.Tests.GitHub;
using Shipgate.Tests.Linear;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Release;

/// <summary>
/// A release waits for the depth of what depends on what, not for each request in turn: the emulators hold the
/// requests of one step at a <see cref="RequestBarrier"/> until all of them are in flight together, and fail them
/// if they never are. No time is measured. The request bounds hold as before.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RequestDepthTests
{
    /// <summary>Web and algo areas, acme/demo on GitHub, and no ticket keys: Linear's teams are asked.</summary>
    private const string NoKeys = "areas:\n  web:\n    title: Web\n    paths: [\"web/**\"]\ngithub:\n  repository: acme/demo\n";

    private static async Task<LinearEmulator> ConnectLinearAsync(GitHubRelease r, IEnumerable<LinearIssueFixture> issues, params string[] teams)
    {
        var linear = await LinearEmulator.StartAsync(LinearWorld.Workspace(issues, teams));
        r.Scenario.Runner.Environment["LINEAR_API_KEY"] = LinearWorld.ApiKey;
        r.Scenario.Runner.Environment["LINEAR_API_URL"] = linear.Url;
        return linear;
    }

    [Fact]
    public async Task CI_statuses_check_runs_open_PRs_the_login_and_Linear_teams_are_asked_together()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(NoKeys), GitHubStory.Seed);
        await using var linear = await ConnectLinearAsync(r, LinearWorld.Done("BOL", 1, 500).Concat(LinearWorld.Done("ENG", 1, 10)), "BOL", "ENG");
        // GitHub's first four requests and Linear's teams query meet here, or fail.
        var first = new RequestBarrier(5);
        r.GitHub.Faults.Hold(first);
        linear.Faults.Hold(first, bodyContains: LinearDocuments.TeamsOperation);

        var result = await r.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.True(first.Met);
        Assert.Equal(
            ["/repos/acme/demo/commits/{sha}/check-runs", "/repos/acme/demo/commits/{sha}/status", "/repos/acme/demo/pulls", "/user"],
            r.GitHub.Requests.Take(4).Select(q => q.Path.Replace(r.StagingHead, "{sha}")).Order(StringComparer.Ordinal));
        Assert.Equal("rita-releaser", r.LastRecord().GetProperty("released_by_login").GetString());
        GitHubRelease.AssertWireClean(r.GitHub);
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task The_PR_batches_go_out_together_then_the_ticket_batches_together_within_the_request_bounds()
    {
        const int pullRequests = 250;
        const string rebased = "Rebased change";
        await using var r = await GitHubRelease.StartAsync(git =>
        {
            Scenarios.Configure(git, "tickets:\n  keys: [BOL]\n" + NoKeys);
            GitHubReleaseTests.SquashMany(git, pullRequests);
            git.DirectCommit("staging", rebased, new() { ["web/rebased.ts"] = "x\n" });
        }, (repo, git) =>
        {
            for (var n = 1; n <= pullRequests; n++)
                repo.PullRequests.Add(new PullRequestFixture(1000 + n, $"BOL-{n}: change {n}", "dana", $"dev/bol-{n}")
                {
                    MergedAt = DateTimeOffset.UnixEpoch,
                    Reviews = [GitHubStory.Approval("sam")],
                });
            repo.PullRequests.Add(new PullRequestFixture(2000, "BOL-999: Rebased", "lee", "dev/bol-999")
            {
                MergedAt = DateTimeOffset.UnixEpoch,
                Commits = [GitHubRelease.Sha(git, rebased)],
            });
            repo.CheckRuns.Add(new CheckRunFixture(1, git.RemoteSha("staging"), "build"));
        });
        await using var linear = await ConnectLinearAsync(r, LinearWorld.Done("BOL", 1, 999), "BOL");
        // 250 PR numbers in three batches and one commit batch; 251 tickets of one team in three batches.
        var pullRequestBatches = new RequestBarrier(4);
        var ticketBatches = new RequestBarrier(3);
        r.GitHub.Faults.Hold(pullRequestBatches, pathContains: "/graphql");
        linear.Faults.Hold(ticketBatches, bodyContains: LinearDocuments.TicketsOperation);

        var result = await r.ReleaseAsync("--dry-run");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("Tickets: 251 Linear tickets", result.Output);
        Assert.True(pullRequestBatches.Met && ticketBatches.Met);
        // The bounds: GitHub <= 6 + ceil(N/100) + ceil(C/100), Linear <= 2 + ceil(T/100); at most four in flight per service.
        Assert.InRange(r.GitHub.Requests.Count, 1, 6 + 3 + 1);
        Assert.InRange(linear.Requests.Count, 1, 2 + 3);
        Assert.InRange(r.GitHub.MostInFlight, 4, ApiChannel.MaxInFlight);
        Assert.InRange(linear.MostInFlight, 3, ApiChannel.MaxInFlight);
        GitHubRelease.AssertWireClean(r.GitHub);
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task A_barrier_never_met_fails_its_requests_so_requests_sent_in_turn_cannot_pass()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);
        // A fifth GitHub request never comes alongside the first four (the PR batch needs the CI step done), so they are failed.
        var impossible = new RequestBarrier(5, TimeSpan.FromSeconds(1));
        r.GitHub.Faults.Hold(impossible);

        var result = await r.ReleaseAsync("--dry-run");

        Assert.Equal(ExitCode.Error, result.Code);
        Assert.False(impossible.Met);
        Assert.Contains(r.GitHub.Requests, q => q.SpecViolations.Any(v => v.StartsWith("request barrier:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task When_requests_asked_together_fail_the_error_is_the_first_in_the_order_a_release_reads_them()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);
        r.GitHub.Faults.Fail(404, pathContains: "/pulls");
        r.GitHub.Faults.Fail(422, pathContains: "/check-runs");

        var result = await r.ReleaseAsync("--dry-run");

        Assert.Equal(ExitCode.Error, result.Code);
        Assert.Contains($"GitHub refused GET /repos/acme/demo/commits/{r.StagingHead}/check-runs", Regex.Replace(result.Output, @"\s+", " "));
        Assert.DoesNotContain("/pulls", result.Output);
        Assert.DoesNotContain(r.GitHub.Requests, q => q.Path == "/graphql");
    }
}
