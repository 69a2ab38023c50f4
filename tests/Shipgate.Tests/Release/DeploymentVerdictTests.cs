using Shipgate.Integrations;
using Shipgate.Release;
using Shipgate.Release.After;

namespace Shipgate.Tests.Release;

/// <summary>How a followed deployment ended, and when that is exit 7.</summary>
public sealed class DeploymentVerdictTests
{
    private static WorkflowRun Run(RunStatus status, RunConclusion? conclusion, long id = 1) =>
        new(id, "deploy", status, conclusion, $"https://github.com/acme/shop/actions/runs/{id}");

    private static DeploymentSeen Seen(params WorkflowRun[] runs) => new(runs, null);

    [Fact]
    public void Every_run_passing_is_success_and_exit_0()
    {
        var outcome = DeploymentVerdict.Judge(Seen(Run(RunStatus.Completed, RunConclusion.Success), Run(RunStatus.Completed, RunConclusion.Skipped, 2)), true);
        Assert.Equal(DeploymentOutcome.Succeeded, outcome);
        Assert.Equal(ExitCode.Success, DeploymentVerdict.ExitCodeOf(outcome));
    }

    [Theory]
    [InlineData("failure")]
    [InlineData("cancelled")]
    [InlineData("timed_out")]
    [InlineData("startup_failure")]
    public void One_run_not_passing_is_a_failure_and_exit_7(string wireName)
    {
        var conclusion = Enum.GetValues<RunConclusion>().Single(c => JsonNames.Of(c) == wireName);
        var outcome = DeploymentVerdict.Judge(Seen(Run(RunStatus.Completed, RunConclusion.Success), Run(RunStatus.Completed, conclusion, 2)), true);
        Assert.Equal(DeploymentOutcome.Failed, outcome);
        Assert.Equal(ExitCode.DeploymentFailed, DeploymentVerdict.ExitCodeOf(outcome));
        Assert.Equal(7, (int)DeploymentVerdict.ExitCodeOf(outcome));
    }

    [Fact]
    public void A_run_still_going_when_wait_gives_up_is_a_time_out_and_exit_7()
    {
        var outcome = DeploymentVerdict.Judge(Seen(Run(RunStatus.InProgress, null)), true);
        Assert.Equal(DeploymentOutcome.TimedOut, outcome);
        Assert.Equal(ExitCode.DeploymentFailed, DeploymentVerdict.ExitCodeOf(outcome));
    }

    [Fact]
    public void Without_wait_or_without_a_run_nothing_was_followed_and_the_exit_is_0()
    {
        Assert.Equal(DeploymentOutcome.NotFollowed, DeploymentVerdict.Judge(Seen(Run(RunStatus.Completed, RunConclusion.Failure)), false));
        Assert.Equal(DeploymentOutcome.NotFollowed, DeploymentVerdict.Judge(Seen(), true));
        Assert.Equal(DeploymentOutcome.NotFollowed, DeploymentVerdict.Judge(null, true));
        Assert.Equal(ExitCode.Success, DeploymentVerdict.ExitCodeOf(DeploymentOutcome.NotFollowed));
    }
}
