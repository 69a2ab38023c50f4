using Shipgate.Integrations;
using Shipgate.Release;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Release;

/// <summary>Phase 1 over a real repository and a code host answered from memory.</summary>
[Trait("Category", "Integration")]
public sealed class PreflightTests
{
    [Fact]
    public async Task Failing_CI_blocks_and_names_each_failing_check()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var host = new FakeCodeHost { Verdict = new CiVerdict("x", CiState.Failure, [new CiCheck("build", "failure", false)], ["build: failure", "lint: missing"]) };
        var run = new PhaseRun(s, new ReleaseOptions(), host);

        var blocked = await Assert.ThrowsAsync<ReleaseBlockedException>(() => Phases.PreflightAsync(run.Context));

        Assert.Equal(ExitCode.Blocked, blocked.Code);
        Assert.Contains("BLOCKED: CI checks have not passed on staging.", blocked.Message);
        Assert.Contains("- build: failure\n- lint: missing", blocked.Message);
    }

    [Fact]
    public async Task An_emergency_goes_past_failing_CI_and_hands_on_the_failures()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var host = new FakeCodeHost { Verdict = new CiVerdict("x", CiState.Failure, [], ["build: failure"]) };
        var run = new PhaseRun(s, new ReleaseOptions(Emergency: "payments down"), host);

        var preflighted = await Phases.PreflightAsync(run.Context);

        Assert.NotNull(preflighted);
        Assert.False(preflighted.Ci.Passed);
        Assert.Equal(["build: failure"], preflighted.Ci.Failures);
        Assert.Contains("EMERGENCY RELEASE:", run.Output);
    }

    [Fact]
    public async Task Open_PRs_are_warned_of_and_handed_on_and_the_releaser_is_known_only_for_a_release()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var host = new FakeCodeHost();
        host.OpenPullRequests.Add(new OpenPullRequest(77, "Half-done feature", "dev", null));
        var release = new PhaseRun(s, new ReleaseOptions(), host);
        var dryRun = new PhaseRun(s, new ReleaseOptions(DryRun: true), host);

        var forRelease = await Phases.PreflightAsync(release.Context);
        var forDryRun = await Phases.PreflightAsync(dryRun.Context);

        Assert.Equal(77, Assert.Single(forRelease!.OpenPullRequests).Number);
        Assert.Contains("WARNING: 1 open PR targeting staging", release.Output);
        Assert.Equal(("rita", s.Git.RemoteSha("staging")), (forRelease.Releaser?.Login, forRelease.Tips.Staging));
        Assert.Null(forDryRun!.Releaser);
    }

    [Fact]
    public async Task A_token_that_cannot_read_the_user_leaves_the_login_unknown_and_says_so()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var host = new FakeCodeHost { LoginFailure = new ShipgateException(ExitCode.Error, "GitHub answered 403 to GET /user") };
        var run = new PhaseRun(s, new ReleaseOptions(), host);

        var preflighted = await Phases.PreflightAsync(run.Context);

        Assert.NotNull(preflighted?.Releaser);
        Assert.Null(preflighted.Releaser.Login);
        Assert.Contains("the GitHub login behind the token is unknown", run.Output);
    }

    [Fact]
    public async Task Nothing_ahead_ends_the_release_with_no_result()
    {
        using var s = new ReleaseScenario();
        var run = new PhaseRun(s, new ReleaseOptions(), new FakeCodeHost());

        Assert.Null(await Phases.PreflightAsync(run.Context));
        Assert.Contains("Nothing to release.", run.Output);
    }
}
