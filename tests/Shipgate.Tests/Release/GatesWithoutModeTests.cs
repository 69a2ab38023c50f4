using Shipgate.Audit;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Release;
using Shipgate.Release.Phases;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Release;

/// <summary>
/// Each gate says open or closed and never reads the mode: the same input gives the same blocker under a release's options and
/// a dry run's. What the run does with it is <see cref="GateRunner"/>'s: a release stops with the refusal, a dry run collects.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GatesWithoutModeTests
{
    private static readonly ReleaseOptions Release = new();
    private static readonly ReleaseOptions DryRun = new(DryRun: true);

    private static ReleaseContext Context(ReleaseScenario s, ReleaseOptions options, Func<ShipgateConfig, ShipgateConfig>? config = null,
        bool withGitHub = true)
    {
        var context = new PhaseRun(s, options, withGitHub ? new FakeCodeHost() : null).Context;
        return config is null ? context : context with { Policy = context.Policy with { Config = config(context.Policy.Config) } };
    }

    private static Gathered Gathered(ReleasePlan plan) =>
        new(plan, Gaps.Find(plan, new CiResult("t", CiState.Success, [], null), []), [], null, null);

    [Fact]
    public void The_control_gate_returns_the_same_blocker_in_either_mode()
    {
        using var s = new ReleaseScenario();
        var change = new ControlChange(".github/workflows/ci.yml", 66, null, "mallory", ["mallory"], ControlReview.NoIndependentApproval);
        var gathered = Gathered(new ReleasePlan("f", "t", [], 0, new DiffStat(0, 0, 0, []), [], [], [], []) { ControlChanges = [change] });

        var closed = ControlGate.Check(Context(s, Release), gathered);

        Assert.NotNull(closed);
        Assert.Equal(closed, ControlGate.Check(Context(s, DryRun), gathered));
        Assert.StartsWith("BLOCKED: this release changes files that steer CI, review or the release gate", closed.Message);
    }

    [Fact]
    public void The_review_gate_returns_the_same_blocker_in_either_mode()
    {
        using var s = new ReleaseScenario();
        var pr = new ReleasedPullRequest(7, "PR 7", null, "dev", null, null, null, MergeKind.Squash, new string('a', 40), [], [], [], null, false, []);
        var gathered = new Gathered(new ReleasePlan("f", "t", [], 0, new DiffStat(0, 0, 0, []), [pr], [], [], []), [], [], null, null);
        ShipgateConfig Required(ShipgateConfig c) => c with { GitHub = c.GitHub with { RequireIndependentReview = true } };

        var closed = ReviewGate.Check(Context(s, Release, Required), gathered);

        Assert.NotNull(closed);
        Assert.Equal(closed, ReviewGate.Check(Context(s, DryRun, Required), gathered));
        Assert.Equal("BLOCKED: github.require_independent_review is set, and #7 was not approved by anyone other than the author." +
            "\n\nGet an independent approval on GitHub, then release again.", closed.Message);
    }

    [Fact]
    public async Task The_CI_gate_returns_the_same_blocker_in_either_mode()
    {
        using var s = new ReleaseScenario();
        var failed = Task.FromResult(new CiVerdict("t", CiState.Failure, [new CiCheck("build", "failure", true)], ["build: failure"]));

        var (_, closed) = await Preflight.CheckCiAsync(Context(s, Release), "t", failed, "allowed");
        var (_, unverifiable) = await Preflight.CheckCiAsync(Context(s, Release, withGitHub: false), "t", null, "allowed");

        Assert.NotNull(closed);
        Assert.Equal(closed, (await Preflight.CheckCiAsync(Context(s, DryRun), "t", failed, "allowed")).Item2);
        Assert.StartsWith("BLOCKED: CI checks have not passed on staging.", closed.Message);
        Assert.NotNull(unverifiable);
        Assert.Equal(unverifiable, (await Preflight.CheckCiAsync(Context(s, DryRun, withGitHub: false), "t", null, "allowed")).Item2);
        Assert.StartsWith("BLOCKED: CI on staging cannot be verified: no GitHub in this test.", unverifiable.Message);
    }

    [Fact]
    public async Task The_signing_key_check_returns_the_same_blocker_in_either_mode()
    {
        using var s = new ReleaseScenario();
        ShipgateConfig Required(ShipgateConfig c) => c with { Audit = c.Audit with { Sign = true, SignRequired = true } };

        var closed = await SigningKeyGate.CheckAsync(Context(s, Release, Required), CancellationToken.None);

        Assert.NotNull(closed);
        Assert.Equal(closed, await SigningKeyGate.CheckAsync(Context(s, DryRun, Required), CancellationToken.None));
        Assert.StartsWith("BLOCKED: the release policy says audit.sign: required, but git has no signing key here", closed.Message);
    }

    [Fact]
    public void The_policy_gate_returns_the_same_blocker_in_either_mode()
    {
        using var s = new ReleaseScenario();
        var pushed = new UnaccountedPolicy(new string('b', 40), "chore: loosen the gate", "mallory", "mallory@example.com", new string('c', 40),
            [new string('b', 40)]);
        ReleaseContext Pushed(ReleaseOptions options)
        {
            var context = Context(s, options);
            return context with { Policy = context.Policy with { Unaccounted = pushed } };
        }

        var (_, closed) = PolicyGate.Check(Pushed(Release), TrailHealth.Unchecked);

        Assert.NotNull(closed);
        Assert.Equal(closed, PolicyGate.Check(Pushed(DryRun), TrailHealth.Unchecked).Blocked);
        Assert.StartsWith("BLOCKED: main's tip carries a release policy that no release or review accounts for: commit bbbbbbb", closed.Message);
    }

    [Fact]
    public void A_release_stops_with_the_gates_refusal_and_a_dry_run_shows_it_and_goes_on()
    {
        using var s = new ReleaseScenario();
        var gate = new WouldBlock("why", null, "BLOCKED: the refusal.", new GateNotice("[yellow]shown[/]", "goes on"));
        var run = new PhaseRun(s, DryRun);
        var dryRun = GateRunner.For(run.Context);

        var stopped = Assert.Throws<ReleaseBlockedException>(() => GateRunner.For(Context(s, Release)).Pass(gate));
        dryRun.Pass(null);
        dryRun.Pass(gate);
        dryRun.Pass(gate with { Notice = null });

        Assert.Equal("BLOCKED: the refusal.", stopped.Message);
        Assert.Equal(2, dryRun.Closed.Count);
        Assert.Equal("shown\ngoes on\n\n", run.Output.ReplaceLineEndings("\n"));
    }
}
