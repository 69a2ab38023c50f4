using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Onboarding;

/// <summary>
/// <c>shipgate config check [FILE]</c> on a real clone: the working tree's policy file judged as a release would judge the
/// committed one, before it is committed, while doctor and releases keep reading what production has.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConfigCheckTests
{
    [Fact]
    public async Task An_edited_local_file_is_judged_and_summarised_and_nothing_else_changes()
    {
        using var s = new ReleaseScenario(git => Scenarios.Configure(git, Scenarios.Config));
        var path = Path.Combine(s.Runner.WorkingDirectory, ".shipgate.yml");
        var edited = "tickets:\n  keys: [OPS, WEB]\ngithub:\n  required_checks: [build, test]\naudit:\n  review_identity: git-config\n";
        File.WriteAllText(path, edited);
        var refsBefore = s.OriginRefs();

        var result = await s.Runner.RunAsync(["config", "check"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains($"{path} is a valid release policy", result.Output);
        Assert.Contains("tickets.keys: OPS, WEB", result.Output);
        Assert.Contains("github.required_checks: build, test", result.Output);
        Assert.Contains("audit.review_identity: git-config", result.Output);
        Assert.Equal(edited, File.ReadAllText(path));
        Assert.Equal(" M .shipgate.yml", GitScenario.Run(s.Runner.WorkingDirectory, "status", "--porcelain").TrimEnd());
        Assert.Equal(refsBefore, s.OriginRefs());
    }

    [Fact]
    public async Task A_mistake_in_the_local_file_is_named_by_line_and_key_while_doctor_judges_the_committed_file()
    {
        using var s = new ReleaseScenario(git => Scenarios.Configure(git, Scenarios.Config));
        var path = Path.Combine(s.Runner.WorkingDirectory, ".shipgate.yml");
        File.WriteAllText(path, "tickets:\n  keys: [OPS]\ngithub:\n  requried_checks: [build]\n");

        var check = await s.Runner.RunAsync(["config", "check"]);
        var doctor = await s.Runner.RunAsync(["doctor"]);

        Assert.Equal(ExitCode.Usage, check.Code);
        Assert.Contains($"{path}:4", check.Errors);
        Assert.Contains("requried_checks", check.Errors);
        Assert.DoesNotContain("is a valid release policy", check.Output);
        Assert.Contains("[ok] config: origin/main:.shipgate.yml loads", doctor.Output);
    }

    [Fact]
    public async Task A_file_naming_another_remote_is_refused_as_a_release_would_refuse_it()
    {
        using var s = new ReleaseScenario(git => Scenarios.Configure(git, Scenarios.Config));
        File.WriteAllText(Path.Combine(s.Runner.WorkingDirectory, "proposed.yml"), "remote: upstream\n");

        var result = await s.Runner.RunAsync(["config", "check", "proposed.yml"]);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains("proposed.yml sets remote: upstream, but Shipgate read the release policy from 'origin'", Flat(result.Errors));
    }

    [Fact]
    public async Task A_named_file_is_checked_and_a_file_that_is_not_there_is_a_usage_error()
    {
        using var s = new ReleaseScenario(git => Scenarios.Configure(git, Scenarios.Config));
        File.WriteAllText(Path.Combine(s.Runner.WorkingDirectory, "proposed.yml"), "tickets:\n  keys: [BOL]\n");

        var named = await s.Runner.RunAsync(["config", "check", "proposed.yml"]);
        var missing = await s.Runner.RunAsync(["config", "check", "absent.yml"]);

        Assert.True(named.Code == ExitCode.Success, named.Output);
        Assert.Contains("tickets.keys: BOL", named.Output);
        Assert.Equal(ExitCode.Usage, missing.Code);
        Assert.Contains("There is no file", missing.Errors);
        Assert.Contains("absent.yml", missing.Errors);
    }

    /// <summary>The output with its lines joined: a long message wraps at the console's width.</summary>
    private static string Flat(string output) => string.Join(' ', output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
