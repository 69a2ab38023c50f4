using System.Text;
using System.Text.Json;
using Shipgate.Audit;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Cli;

/// <summary>
/// A command line that asked for JSON and cannot be parsed or is used wrongly: the error document of every --json failure
/// (schemas/cli-error.v1.json) alone on stdout, exit 2, the human words on stderr as without --json.
/// </summary>
public sealed class JsonUsageErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Task<RunResult> RunAsync(params string[] args) => new ShipgateRunner(_folder.Path, Path.Combine(_folder.Path, "state")).RunAsync(args);

    private const string Missing = "/no-such-folder-shipgate-test";

    /// <summary>Each command that takes --json, with an unknown option, a missing value and a bad value (read by the parser, or after it).</summary>
    public static TheoryData<string, string[]> UsageErrors() => new()
    {
        { "unknown option", ["release", "--dry-run", "--json", "--bogus"] },
        { "missing value", ["release", "--dry-run", "--json", "--repo"] },
        { "bad value", ["release", "--dry-run", "--json", "--emergency", " "] },
        { "bad folder", ["release", "--dry-run", "--json", "--repo", Missing] },
        { "unknown option", ["release", "--json", "--dryrun"] },
        { "missing value", ["release", "--json", "--allow-unverified-ci"] },
        { "bad value", ["release", "--allow-unverified-ci", "", "--json"] },
        { "unknown option", ["audit", "verify", "--bogus", "--json"] },
        { "missing value", ["audit", "verify", "--json", "--repo"] },
        { "bad folder", ["audit", "verify", "--json", "--repo", Missing] },
        { "unknown option", ["audit", "verify", "--json", "--repos", "repos.txt", "--bogus"] },
        { "missing value", ["audit", "verify", "--json", "--repos"] },
        { "bad value", ["audit", "verify", "--json", "--org", " "] },
        { "conflicting options", ["audit", "verify", "--json", "--repos", "repos.txt", "--org", "acme"] },
        { "bad list", ["audit", "verify", "--json", "--repos", "bad-repos.txt"] },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task A_usage_error_under_json_is_the_json_error_alone_on_stdout_with_exit_2(string what, string[] args)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "bad-repos.txt"), "not a repository at all\n");

        var result = await RunAsync(args);

        Assert.True(result.Code == ExitCode.Usage, $"{what}: {result.Output}");
        AssertOnlyTheErrorDocument(result);
        Assert.False(string.IsNullOrWhiteSpace(result.Errors));
        // The same words as on stderr (where a long line may be wrapped at the console's width).
        var message = ErrorOf(result).GetProperty("message").GetString()!;
        Assert.Contains(Words(message.Split('\n')[0]), Words(result.Errors));

        // Without --json nothing changes: the same words on stderr, nothing on stdout.
        var text = await RunAsync(args.Where(a => a != "--json").ToArray());
        Assert.Equal(ExitCode.Usage, text.Code);
        Assert.Equal("", text.Stdout);
        Assert.Equal(result.Errors, text.Errors);
    }

    [Fact]
    public async Task A_suggestion_is_in_the_json_message_too()
    {
        var result = await RunAsync("release", "--dryrun", "--json");

        AssertOnlyTheErrorDocument(result);
        Assert.Contains("Did you mean '--dry-run'?", ErrorOf(result).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Resume_with_json_is_a_conflict_answered_in_json()
    {
        var result = await RunAsync("release", "--resume", "release-2026-02-04-153045", "--json");

        Assert.Equal(ExitCode.Usage, result.Code);
        AssertOnlyTheErrorDocument(result);
        Assert.Contains("--resume takes no --json", ErrorOf(result).GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("release", "--resume", "--json")]            // the value of --resume, not the flag
    [InlineData("release", "--bogus", "--", "--json")]       // after --: an argument
    [InlineData("release", "--json", "false", "--bogus")]    // asked not to
    [InlineData("relase", "--json")]                         // no command that takes --json was reached
    [InlineData("audit", "review", "release-2026-02-04-153045", "--note", "x", "--json")] // a command without --json
    public async Task Json_is_asked_only_by_the_flag_itself_of_a_command_that_takes_it(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Equal("", result.Stdout);
        Assert.Contains("Run shipgate --help for usage.", result.Errors);
    }

    [Theory]
    [InlineData("release", "--emergency", "--json")]
    [InlineData("release", "--dry-run", "--emergency", "--wait")]
    [InlineData("release", "--dry-run", "--allow-unverified-ci", "--json")]
    public async Task An_option_is_never_taken_as_a_reason(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Equal("", result.Stdout);
        Assert.Contains($"takes the reason right after it, and got the option {args[^1]} instead", Words(result.Errors));
    }

    private static void AssertOnlyTheErrorDocument(RunResult result)
    {
        // JsonDocument.Parse refuses anything after the one document: stdout holds nothing else.
        Assert.StartsWith("{", result.Stdout);
        Assert.Empty(RecordSchemas.ValidateError(Encoding.UTF8.GetBytes(result.Stdout)));
        Assert.Equal(result.ExitCode, ErrorOf(result).GetProperty("exit_code").GetInt32());
    }

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static JsonElement ErrorOf(RunResult result)
    {
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.GetProperty("error").Clone();
    }
}
