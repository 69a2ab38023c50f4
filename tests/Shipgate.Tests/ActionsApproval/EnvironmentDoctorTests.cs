using System.Text.RegularExpressions;
using Shipgate.Emulators;

namespace Shipgate.Tests.ActionsApproval;

/// <summary>shipgate doctor inside GitHub Actions reports the protection rules of the environment that approves releases.</summary>
[Trait("Category", "Integration")]
public sealed class EnvironmentDoctorTests
{
    [Fact]
    public async Task Doctor_in_Actions_reports_the_environments_rules()
    {
        await using var r = await ActionsRelease.StartAsync();

        var result = await r.Scenario.Runner.RunAsync(["doctor"]);

        Assert.Contains("[ok] GitHub environment: production: required reviewers bob, carol; prevent self-review on; wait timer none; " +
            "deploying branches: all", Regex.Replace(result.Output, @"\s+", " "));
    }

    [Fact]
    public async Task Doctor_in_Actions_fails_an_environment_that_lets_the_starter_approve()
    {
        await using var r = await ActionsRelease.StartAsync();
        r.Environment(new EnvironmentFixture("production") { Reviewers = ["bob"], WaitTimer = 10 });

        var result = await r.Scenario.Runner.RunAsync(["doctor"]);

        Assert.Equal(ExitCode.Error, result.Code);
        var flat = Regex.Replace(result.Output, @"\s+", " ");
        Assert.Contains("[FAIL] GitHub environment: GitHub's environment 'production' lets the person who started a run approve it", flat);
        Assert.Contains("prevent self-review off; wait timer 10 min", flat);
    }

    [Fact]
    public async Task Doctor_outside_Actions_does_not_ask_for_the_environment()
    {
        await using var r = await ActionsRelease.StartAsync();
        r.Scenario.Runner.Environment["GITHUB_ACTIONS"] = null;

        var result = await r.Scenario.Runner.RunAsync(["doctor"]);

        Assert.DoesNotContain("GitHub environment", result.Output);
        Assert.DoesNotContain(r.GitHub.GitHub.Requests, q => q.Path.Contains("/environments/", StringComparison.Ordinal));
    }
}
