using Shipgate.Git;
using Shipgate.Release;
using Shipgate.Release.Phases;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Release;

/// <summary>The independent-review gate: blocks only when the policy asks for it, naming the PRs.</summary>
[Trait("Category", "Integration")]
public sealed class ReviewGateTests
{
    private static Gathered Gathered(params bool?[]? approvals)
    {
        var prs = (approvals ?? [null]).Select((approved, i) => new ReleasedPullRequest(i + 1, $"PR {i + 1}", null, "dev", null, null, null, MergeKind.Squash,
            new string('a', 40), [], [], [], null, approved, [])).ToList();
        var plan = new ReleasePlan("f", "t", [], 0, new DiffStat(0, 0, 0, []), prs, [], [], []);
        return new Gathered(plan, [], [], null, null);
    }

    /// <summary>The gate as a release runs it: a closed gate stops it.</summary>
    private static void Release(ReleaseContext context, Gathered gathered) => GateRunner.For(context).Pass(ReviewGate.Check(context, gathered));

    private static ReleaseContext Context(ReleaseScenario s, bool required, bool withGitHub)
    {
        var run = new PhaseRun(s, new ReleaseOptions(), withGitHub ? new FakeCodeHost() : null);
        var policy = run.Context.Policy;
        var config = policy.Config with { GitHub = policy.Config.GitHub with { RequireIndependentReview = required } };
        return run.Context with { Policy = policy with { Config = config } };
    }

    [Fact]
    public void Unapproved_PRs_block_when_the_policy_requires_independent_review()
    {
        using var s = new ReleaseScenario();

        var blocked = Assert.Throws<ReleaseBlockedException>(() => Release(Context(s, required: true, withGitHub: true), Gathered(true, false, null)));

        Assert.Contains("#2, #3 were not approved by anyone other than the author", blocked.Message);
    }

    [Fact]
    public void Without_GitHub_the_gate_says_the_reviews_cannot_be_read()
    {
        using var s = new ReleaseScenario();

        var blocked = Assert.Throws<ReleaseBlockedException>(() => Release(Context(s, required: true, withGitHub: false), Gathered([null])));

        Assert.Contains("the reviews of #1 cannot be read without GitHub (no GitHub in this test)", blocked.Message);
    }

    [Fact]
    public void The_gate_lets_approved_releases_and_unrequired_reviews_through()
    {
        using var s = new ReleaseScenario();

        Assert.Null(ReviewGate.Check(Context(s, required: true, withGitHub: true), Gathered(true, true)));
        Assert.Null(ReviewGate.Check(Context(s, required: false, withGitHub: true), Gathered(false)));
    }
}
