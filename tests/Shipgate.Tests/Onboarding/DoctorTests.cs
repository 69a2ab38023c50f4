using Shipgate.Emulators;
using Shipgate.GitHub;
using Shipgate.Onboarding;
using Shipgate.Tests.GitHub;
using Shipgate.Tests.Linear;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Onboarding;

/// <summary><c>shipgate doctor</c> against real clones and the GitHub and Linear emulators.</summary>
[Trait("Category", "Integration")]
public sealed class DoctorTests
{
    [Fact]
    public async Task With_everything_set_up_every_check_passes_and_the_exit_is_0()
    {
        await using var gh = await GitHubRelease.StartAsync(git => Scenarios.Configure(git, GitHubRelease.Config("  required_checks: [build, test]\n")),
            (repo, _) => repo.BranchRules["main"] =
            [
                new BranchRuleFixture("pull_request"),
                new BranchRuleFixture("required_status_checks", ["test", "build"]),
            ]);
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.Workspace([], "BOL", "ENG"));
        var runner = gh.Scenario.Runner;
        runner.Environment["LINEAR_API_KEY"] = LinearWorld.ApiKey;
        runner.Environment["LINEAR_API_URL"] = linear.Url;

        var result = await runner.RunAsync(["doctor"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        string[] names =
            ["git", "repository", "remote", "config", "branches", "GitHub token", "GitHub repository", "branch protection", "Linear key", "ticket keys"];
        foreach (var name in names)
            Assert.Contains($"[ok] {name}: ", result.Output);
        Assert.DoesNotContain("[FAIL]", result.Output);
        Assert.Contains("All checks passed.", result.Output);
        Assert.DoesNotContain(GitHubRelease.Token, result.Output);
        GitHubRelease.AssertWireClean(gh.GitHub);
    }

    [Fact]
    public async Task Without_tokens_each_failing_check_says_what_to_do_and_the_exit_is_not_0()
    {
        using var s = new ReleaseScenario(git => Scenarios.Configure(git, Scenarios.Config + "\naudit:\n  sign: true\n"));
        Shipgate.Testing.GitScenario.Run(s.Git.Releaser, "config", "user.signingkey", "");

        var result = await s.Runner.RunAsync(["doctor"]);

        Assert.Equal(ExitCode.Error, result.Code);
        Assert.Contains("[ok] config: origin/main:.shipgate.yml loads", result.Output);
        Assert.Contains("[FAIL] GitHub token: ", result.Output);
        // No tracker is a choice, not a failure: the line says what it means and how to verify tickets.
        Assert.Contains("[ok] tickets: no ticket tracker (LINEAR_API_KEY is not set): ticket ids are found by tickets.keys and listed unverified",
            Flat(result.Output));
        Assert.DoesNotContain("[FAIL] Linear", result.Output);
        Assert.Contains("[FAIL] signing key: audit.sign is on but git has no user.signingkey", result.Output);
        Assert.Contains("checks failed.", result.Output);
    }

    [Fact]
    public async Task A_broken_policy_fails_the_config_check_with_its_line()
    {
        using var s = new ReleaseScenario(git => Scenarios.ReleasedPolicy(git, "tickets:\n  keys: [BOL, ENG\nremote: origin"));

        var result = await s.Runner.RunAsync(["doctor"]);

        Assert.Equal(ExitCode.Error, result.Code);
        Assert.Contains("[FAIL] config: origin/main:.shipgate.yml:2: tickets.keys: not valid YAML", result.Output);
        // The finding is a sentence of its own: one full stop before what to do, never "..".
        Assert.DoesNotContain("..", result.Output.Replace("...", ""));
    }

    [Theory]
    [InlineData(new[] { "pull_request", "required_status_checks:build" }, new[] { "build" }, true, "direct pushes to main blocked")]
    [InlineData(new[] { "non_fast_forward", "required_status_checks:build" }, new[] { "build" }, false, "direct pushes to main are not blocked")]
    [InlineData(new[] { "update" }, new[] { "build" }, false, "no required status checks")]
    [InlineData(new[] { "pull_request", "required_status_checks:build" }, new[] { "build", "test" }, false,
        "the ruleset requires [build] but github.required_checks is [build, test]")]
    public void Branch_protection_needs_blocked_pushes_and_the_same_checks(string[] rules, string[] required, bool passes, string found)
    {
        var parsed = rules.Select(r => r.Split(':') is [var type, var check] ? new BranchRule(type, [check]) : new BranchRule(r, [])).ToList();

        var check = BranchProtection.Judge("main", parsed, required);

        Assert.Equal(passes, check.Passed);
        Assert.Contains(found, check.Found);
        Assert.Equal(passes, check.Fix is null);
    }

    /// <summary>The output with its lines joined: a long check wraps at the console's width.</summary>
    private static string Flat(string output) => string.Join(' ', output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
