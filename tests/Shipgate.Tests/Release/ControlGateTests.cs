using Shipgate.Git;
using Shipgate.Release;
using Shipgate.Release.Phases;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Release;

/// <summary>The control-change gate: closed by an unreviewed control change, opened only by --emergency; without GitHub it records instead.</summary>
[Trait("Category", "Integration")]
public sealed class ControlGateTests
{
    private static Gathered Gathered(params ControlChange[] changes)
    {
        var plan = new ReleasePlan("f", "t", [], 0, new DiffStat(0, 0, 0, []), [], [], [], []) { ControlChanges = changes };
        return new Gathered(plan, Gaps.Find(plan, new CiResult("t", CiState.Success, [], null), []), [], null, null);
    }

    private static readonly ControlChange SelfApproved = new(".github/workflows/ci.yml", 66, null, "mallory", ["mallory"], ControlReview.NoIndependentApproval);
    private static readonly ControlChange Reviewed = new("CODEOWNERS", 67, null, "dana", ["sam"], ControlReview.Independent);

    private static ReleaseContext Context(ReleaseScenario s, ReleaseOptions options, bool withGitHub = true) =>
        new PhaseRun(s, options, withGitHub ? new FakeCodeHost() : null).Context;

    [Fact]
    public void An_unreviewed_control_change_blocks_a_release_and_is_named_by_a_dry_run()
    {
        using var s = new ReleaseScenario();

        var release = Context(s, new ReleaseOptions());
        var blocked = Assert.Throws<ReleaseBlockedException>(() => GateRunner.For(release).Pass(ControlGate.Check(release, Gathered(SelfApproved, Reviewed))));
        var dryRun = GateRunner.For(Context(s, new ReleaseOptions(DryRun: true)));
        dryRun.Pass(ControlGate.Check(Context(s, new ReleaseOptions(DryRun: true)), Gathered(SelfApproved, Reviewed)));
        var wouldBlock = Assert.Single(dryRun.Closed);

        Assert.Contains("not every change was independently reviewed: #66 (no approval by anyone other than its author).", blocked.Message);
        Assert.DoesNotContain("#67", blocked.Message);
        Assert.Contains("#66 (no approval by anyone other than its author)", wouldBlock.Reason);
        Assert.Equal("--emergency \"<reason>\"", wouldBlock.Flag);
    }

    [Fact]
    public void Reviewed_changes_an_emergency_and_a_release_without_GitHub_pass_the_gate()
    {
        using var s = new ReleaseScenario();

        Assert.Null(ControlGate.Check(Context(s, new ReleaseOptions()), Gathered(Reviewed)));
        Assert.Null(ControlGate.Check(Context(s, new ReleaseOptions(Emergency: "CI is down")), Gathered(SelfApproved)));
        Assert.Null(ControlGate.Check(Context(s, new ReleaseOptions(AllowUnverifiedCi: "no GitHub"), withGitHub: false),
            Gathered(SelfApproved with { Review = ControlReview.ReviewsNotRead })));
    }
}
