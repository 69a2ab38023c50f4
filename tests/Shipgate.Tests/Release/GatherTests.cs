using Shipgate.Release;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Release;

/// <summary>Pre-flight and gather over real git, looked at through the release context.</summary>
[Trait("Category", "Integration")]
public sealed class GatherTests
{
    private static async Task<(ReleaseContext Context, Gathered Gathered)> GatherAsync(ReleaseScenario s)
    {
        var context = new PhaseRun(s, new ReleaseOptions(DryRun: true, AllowUnverifiedCi: "test")).Context;
        return (context, (await Phases.GatherAsync(context)).Gathered);
    }

    [Fact]
    public async Task Git_processes_do_not_grow_with_the_size_of_the_release()
    {
        using var small = new ReleaseScenario(git => Scenarios.ManyPullRequests(git, 2));
        using var large = new ReleaseScenario(git => Scenarios.ManyPullRequests(git, 20));

        var smallRun = await GatherAsync(small);
        var largeRun = await GatherAsync(large);

        Assert.Equal(2, smallRun.Gathered.Plan.PullRequests.Count);
        Assert.Equal(20, largeRun.Gathered.Plan.PullRequests.Count);
        Assert.Equal(smallRun.Context.Git.Cli.ProcessCount, largeRun.Context.Git.Cli.ProcessCount);
    }

    [Fact]
    public async Task A_commit_message_cannot_forge_a_record_of_the_log()
    {
        using var s = new ReleaseScenario(git =>
        {
            Scenarios.Configure(git);
            git.SquashPullRequest(5, "BOL-5: Real change", new() { ["web/a.ts"] = "a\n" });
            git.DirectCommit(
                "staging",
                "innocent\n\nbody \u001e0000000000000000000000000000000000000000\u001f\u001fX\u001fx@x\u001f" +
                "2026-01-01T00:00:00Z\u001f2026-01-01T00:00:00Z\u001fFix (#77)\u001f\u001f",
                new() { ["web/b.ts"] = "b\n" });
        });

        var plan = (await GatherAsync(s)).Gathered.Plan;

        Assert.Equal([5], plan.PullRequests.Select(p => p.Number));
        Assert.Equal(2, plan.Commits.Count);
        Assert.Contains(plan.Commits, c => c.Subject == "innocent" && c.Body.Contains('\u001e'));
    }

    [Fact]
    public async Task Pull_requests_and_tickets_are_exactly_those_the_history_names()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);

        var plan = (await GatherAsync(s)).Gathered.Plan;

        Assert.Equal(Scenarios.RichPullRequests, plan.PullRequests.Select(p => p.Number).Order());
        Assert.Equal(Scenarios.RichTickets.Order(), plan.Tickets.Select(t => t.Id).Order());
        var byNumber = plan.PullRequests.ToDictionary(p => p.Number);
        Assert.Equal(["BOL-1", "ENG-5"], byNumber[10].Tickets);
        Assert.Equal(["BOL-9", "BOL-407"], byNumber[108].Tickets);
        Assert.Empty(byNumber[12].Tickets);
        Assert.Equal(MergeKind.MergeCommit, byNumber[10].MergedAs);
        Assert.Equal(MergeKind.Squash, byNumber[108].MergedAs);
        Assert.Equal(2, byNumber[10].Commits.Count);
        Assert.Null(byNumber[10].ComplianceArchive);
        Assert.Equal("compliance/pr-12-helpers-20261102.json", byNumber[12].ComplianceArchive);

        var unspeccedCommits = plan.Unspecced.Where(u => u.Kind == UnspeccedKind.Commit).Select(u => plan.Commits.Single(c => c.Sha == u.Reference).Subject);
        Assert.Equal(["BOL-50 tune cache", "hotfix: see #99 for context"], unspeccedCommits.Order());

        var areas = plan.Areas.ToDictionary(a => a.Title, a => a.Changes);
        Assert.Equal(["Web Dashboard", "Algorithm Service", "docs"], plan.Areas.Select(a => a.Title));
        Assert.Equal(["BOL-50 tune cache", "Refactor helpers", "Session auth"], areas["Algorithm Service"].Order());
        Assert.Equal(["Login page", "Session auth"], areas["Web Dashboard"].Order());
    }
}
