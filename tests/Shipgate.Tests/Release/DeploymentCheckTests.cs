using Shipgate.Integrations;
using Shipgate.Release;
using Shipgate.Release.Phases;
using Shipgate.Tests.Support;
using static Shipgate.Tests.Release.MadeRelease;

namespace Shipgate.Tests.Release;

/// <summary>Phase 5, after the push: the deployment run of the new production commit, with a code host answered from memory.</summary>
[Trait("Category", "Integration")]
public sealed class DeploymentCheckTests
{
    [Fact]
    public async Task The_deployment_run_is_looked_for_until_it_appears_and_followed_with_wait()
    {
        using var s = new ReleaseScenario();
        var host = new FakeCodeHost();
        host.RunAnswers.AddRange([[], [], [Run(RunStatus.InProgress)], [Run(RunStatus.Completed)]]);
        using var clock = new SteppingClock();
        var run = new PhaseRun(s, new ReleaseOptions(WaitForDeployment: true), host, clock: clock);

        var seen = await DeploymentCheck.RunAsync(run.Context, Made(), CancellationToken.None).Bounded();

        Assert.Equal(RunStatus.Completed, Assert.Single(seen.Runs).Status);
        Assert.Null(seen.Note);
        Assert.Equal(4, host.RunQueries);
        Assert.Contains("Deployment triggered.", run.Output);
    }

    [Fact]
    public async Task No_run_within_the_bound_is_a_warning_not_a_failure()
    {
        using var s = new ReleaseScenario();
        var host = new FakeCodeHost();
        using var clock = new SteppingClock();
        var run = new PhaseRun(s, new ReleaseOptions(), host, clock: clock);

        var seen = await DeploymentCheck.RunAsync(run.Context, Made(), CancellationToken.None).Bounded();

        Assert.Empty(seen.Runs);
        Assert.StartsWith($"WARNING: no GitHub Actions run started for bbbbbbb on main within {DeploymentCheck.AppearWithin.TotalSeconds:0} s", seen.Note);
        Assert.True(host.RunQueries > 1);
    }

    [Fact]
    public async Task With_wait_a_run_still_going_after_thirty_minutes_is_timed_out_and_exits_7()
    {
        using var s = new ReleaseScenario();
        var host = new FakeCodeHost();
        host.RunAnswers.Add([Run(RunStatus.InProgress)]);
        using var clock = new SteppingClock();
        var run = new PhaseRun(s, new ReleaseOptions(WaitForDeployment: true), host, clock: clock);
        var started = clock.GetUtcNow();

        // 600 polls of 3 s: run on the thread pool, not xUnit's two test threads, so that each poll's continuation does
        // not queue behind other tests' synchronous work (that queueing once took this past its bound on 2 busy cores).
        var seen = await Task.Run(() => DeploymentCheck.RunAsync(run.Context, Made(), CancellationToken.None)).Bounded();

        Assert.True(clock.GetUtcNow() - started >= DeploymentCheck.WaitAtMost);
        Assert.Equal(RunStatus.InProgress, Assert.Single(seen.Runs).Status);
        Assert.Equal($"WARNING: the deployment was still running after {DeploymentCheck.WaitAtMost.TotalMinutes:0} minutes; follow it on GitHub.", seen.Note);
        var outcome = Shipgate.Release.After.DeploymentVerdict.Judge(seen, followed: true);
        Assert.Equal(Shipgate.Release.After.DeploymentOutcome.TimedOut, outcome);
        Assert.Equal(ExitCode.DeploymentFailed, Shipgate.Release.After.DeploymentVerdict.ExitCodeOf(outcome));
        Assert.True(host.RunQueries > 2, $"asked {host.RunQueries} times");
    }
}
