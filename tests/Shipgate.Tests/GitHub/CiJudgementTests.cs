using Shipgate.GitHub;
using Shipgate.Integrations;
using Shipgate.Release;

namespace Shipgate.Tests.GitHub;

public sealed class CiJudgementTests
{
    private const string Sha = "abc1234";

    private static CheckRun Run(long id, string name, string? conclusion = "success", string status = "completed") =>
        new(id, name, Named<RunStatus>(status), conclusion is null ? null : Named<RunConclusion>(conclusion), null);

    private static StatusContext Status(string context, string state) => new(context, Named<CommitState>(state), null);

    /// <summary>The enum value GitHub writes as <paramref name="name"/>.</summary>
    private static T Named<T>(string name) where T : struct, Enum => Enum.GetValues<T>().Single(v => JsonNames.Of(v) == name);

    [Fact]
    public void Check_runs_without_any_status_pass()
    {
        var verdict = CiJudgement.Judge(Sha, [], [Run(1, "build"), Run(2, "lint", "neutral"), Run(3, "docs", "skipped")], ["build"]);

        Assert.True(verdict.Passed);
        Assert.Equal(CiState.Success, verdict.Status);
        Assert.Equal(["build", "docs", "lint"], verdict.Checks.Select(c => c.Name));
    }

    [Fact]
    public void The_latest_run_of_a_check_counts_whichever_order_GitHub_lists_them()
    {
        var rerunPassed = CiJudgement.Judge(Sha, [], [Run(9, "test"), Run(4, "test", "failure")], []);
        var rerunFailed = CiJudgement.Judge(Sha, [], [Run(4, "test"), Run(9, "test", "failure")], []);

        Assert.True(rerunPassed.Passed);
        Assert.Single(rerunPassed.Checks);
        Assert.Equal(["test: failure"], rerunFailed.Problems);
    }

    [Theory]
    [InlineData("failure")]
    [InlineData("cancelled")]
    [InlineData("timed_out")]
    [InlineData("action_required")]
    [InlineData("stale")]
    [InlineData(null)]
    public void Any_other_conclusion_fails(string? conclusion)
    {
        var verdict = CiJudgement.Judge(Sha, [], [Run(1, "build"), Run(2, "deploy-preview", conclusion)], []);

        Assert.Equal(CiState.Failure, verdict.Status);
        Assert.Equal([$"deploy-preview: {conclusion ?? "none"}"], verdict.Problems);
    }

    [Fact]
    public void A_check_still_running_is_pending_and_named()
    {
        var verdict = CiJudgement.Judge(Sha, [], [Run(1, "build"), Run(2, "e2e", null, "in_progress")], []);

        Assert.Equal(CiState.Pending, verdict.Status);
        Assert.Equal(["e2e: in_progress (not completed)"], verdict.Problems);
    }

    [Fact]
    public void Every_required_check_must_be_reported()
    {
        var verdict = CiJudgement.Judge(Sha, [Status("ci/jenkins", "success")], [Run(1, "build")], ["build", "ci/jenkins", "security-scan"]);

        Assert.Equal(["security-scan: required check not reported"], verdict.Problems);
        Assert.Equal(CiState.Pending, verdict.Status);
    }

    [Fact]
    public void Statuses_are_judged_when_there_are_some_and_each_failure_is_named()
    {
        var verdict = CiJudgement.Judge(Sha,
            [Status("ci/a", "success"), Status("ci/b", "error"), Status("ci/c", "pending")],
            [Run(1, "build")], []);

        Assert.Equal(CiState.Failure, verdict.Status);
        Assert.Equal(["ci/b: error", "ci/c: pending"], verdict.Problems);
    }

    [Fact]
    public void The_newest_status_of_a_context_counts()
    {
        var verdict = CiJudgement.Judge(Sha, [Status("ci/a", "success"), Status("ci/a", "failure")], [], []);

        Assert.True(verdict.Passed);
    }

    [Fact]
    public void A_commit_with_no_CI_at_all_does_not_pass()
    {
        var verdict = CiJudgement.Judge(Sha, [], [], []);

        Assert.False(verdict.Passed);
        Assert.Equal([$"no statuses or check runs reported for {Sha}"], verdict.Problems);
    }
}
