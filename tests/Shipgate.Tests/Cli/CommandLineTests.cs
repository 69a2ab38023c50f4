using System.Text.RegularExpressions;
using Shipgate.Rendering;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Cli;

/// <summary>The command line itself: version, "did you mean", and where errors go.</summary>
public sealed class CommandLineTests
{
    private static Task<RunResult> RunAsync(params string[] args) => new ShipgateRunner(Path.GetTempPath(), Path.GetTempPath()).RunAsync(args);

    [Fact]
    public async Task Version_prints_the_version_and_the_commit_on_stdout()
    {
        var result = await RunAsync("--version");

        Assert.Equal(ExitCode.Success, result.Code);
        Assert.Matches(@"^shipgate \d+\.\d+\.\d+(-[\w.]+)? \(commit [0-9a-f]{7,40}\)\s*$", result.Output);
        Assert.Equal("", result.Errors);
    }

    [Theory]
    [InlineData(new[] { "relase" }, "Did you mean 'release'?")]
    [InlineData(new[] { "audti", "verify" }, "Did you mean 'audit'?")]
    [InlineData(new[] { "audit", "verfy" }, "Did you mean 'verify'?")]
    [InlineData(new[] { "release", "--dryrun" }, "Did you mean '--dry-run'?")]
    public async Task A_mistyped_command_or_option_suggests_the_nearest_on_stderr(string[] args, string hint)
    {
        var result = await RunAsync(args);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains(hint, result.Errors);
        Assert.Equal(result.Output, result.Errors);
    }

    [Fact]
    public async Task A_word_near_nothing_suggests_nothing()
    {
        var result = await RunAsync("xyzzyplugh");

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.DoesNotContain("Did you mean", result.Errors);
    }

    [Theory]
    [InlineData("relase", "release")]
    [InlineData("RELEASE", "release")]
    [InlineData("audt", "audit")]
    [InlineData("init", "init")]
    [InlineData("deploy", null)]
    public void The_nearest_name_is_within_a_few_edits(string typed, string? expected) =>
        Assert.Equal(expected, NearestName.Nearest(typed, ["release", "audit", "init", "doctor"]));
}

/// <summary>A broken policy file, run through the real CLI: exit 2, file, line and key, on stderr.</summary>
[Trait("Category", "Integration")]
public sealed class ConfigErrorCliTests
{
    [Fact]
    public async Task An_unclosed_list_in_the_policy_is_exit_2_with_file_line_and_key()
    {
        using var s = new ReleaseScenario(git => Scenarios.ReleasedPolicy(git, "tickets:\n  keys: [BOL, ENG\nremote: origin"));

        var result = await s.Runner.RunAsync(["release", "--dry-run"]);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Matches(new Regex(@"origin/main:\.shipgate\.yml:2: tickets\.keys: not valid YAML"), result.Errors);
        Assert.DoesNotContain("Unexpected error", result.Output);
    }
}

/// <summary>Results on stdout, warnings and errors on stderr: a piped summary holds the summary only.</summary>
[Trait("Category", "Integration")]
public sealed class OutputStreamTests
{
    [Fact]
    public async Task Gap_warnings_go_to_stderr_and_the_summary_to_stdout()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);

        var result = await s.ReleaseAsync(null, "--dry-run");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("WARNING: PR #10 has no compliance archive.", result.Errors);
        Assert.DoesNotContain("PRODUCTION RELEASE SUMMARY", result.Errors);
        Assert.Contains("PRODUCTION RELEASE SUMMARY", result.Output);
    }
}
