using System.CommandLine;
using System.Text;
using System.Text.Json;
using Shipgate.Cli;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Cli;

/// <summary>
/// Every command as the parser defines it (so a command added later is covered), used wrongly: an option without its value,
/// an option with a bad value, an unknown option. None may crash: exit 2 (or the documented code of what the bad value
/// led to), one message naming what is wrong, no stack trace, and under --json the error document alone on stdout.
/// </summary>
public sealed class CommandTreeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A value no option of shipgate takes: a control character, which is never a folder, an id, a duration or a date.</summary>
    private const string BadValue = "\u0001bad";

    public static TheoryData<string[]> MissingValues() =>
        Cases((path, option) => option.Arity.MinimumNumberOfValues > 0 ? [[.. path, option.Name]] : []);

    public static TheoryData<string[]> BadValues() =>
        Cases((path, option) => [option.Arity.MinimumNumberOfValues > 0 ? [.. path, option.Name, BadValue] : [.. path, $"{option.Name}={BadValue}"]]);

    public static TheoryData<string[]> UnknownOptions() =>
        [.. Commands(Tree(), []).Select(c => (string[])[.. c.Path, .. Required(c.Command, except: null), "--no-such-option"])];

    [Theory]
    [MemberData(nameof(MissingValues))]
    public async Task An_option_without_its_value_is_a_usage_error_that_names_it(params string[] args)
    {
        var result = await RunAsync(args);

        AssertUsageError(result, args);
        Assert.Contains(args[^1], result.Errors);
        await AssertTheSameUnderJsonAsync(args);
    }

    [Theory]
    [MemberData(nameof(UnknownOptions))]
    public async Task An_unknown_option_is_a_usage_error_that_names_it(params string[] args)
    {
        var result = await RunAsync(args);

        AssertUsageError(result, args);
        Assert.Contains("--no-such-option", result.Errors);
        await AssertTheSameUnderJsonAsync(args);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_value_ends_in_a_documented_failure_and_leaves_the_folder_as_it_was(params string[] args)
    {
        var before = Directory.GetFileSystemEntries(_folder.Path);

        var result = await RunAsync(args);

        Assert.True(Enum.IsDefined(result.Code) && result.Code != ExitCode.Success, $"{string.Join(' ', args)}: exit {result.ExitCode}\n{result.Output}");
        AssertNoCrash(result);
        Assert.False(string.IsNullOrWhiteSpace(result.Errors), "a failure says what is wrong");
        Assert.Equal(before, Directory.GetFileSystemEntries(_folder.Path).Where(p => Path.GetFileName(p) != "state"));
    }

    private async Task<RunResult> RunAsync(string[] args)
    {
        var runner = new ShipgateRunner(_folder.Path, Path.Combine(_folder.Path, "state")) { HasTerminal = false };
        return await runner.RunAsync(args);
    }

    private static void AssertUsageError(RunResult result, string[] args)
    {
        Assert.True(result.Code == ExitCode.Usage, $"{string.Join(' ', args)}: exit {result.ExitCode}\n{result.Output}");
        AssertNoCrash(result);
        Assert.Equal("", result.Stdout);
        Assert.Contains("Run shipgate --help for usage.", result.Errors);
    }

    private static void AssertNoCrash(RunResult result)
    {
        Assert.DoesNotContain("Exception", result.Output);
        Assert.DoesNotContain("Unexpected error", result.Output);
        Assert.DoesNotMatch(@"(?m)^\s+at \S+\(", result.Output);
    }

    /// <summary>A command that takes --json answers the same error as the JSON document alone on stdout.</summary>
    private async Task AssertTheSameUnderJsonAsync(string[] args)
    {
        if (!TakesJson(args)) return;
        var result = await RunAsync([.. args.Take(CommandDepth(args)), JsonOutput.OptionName, .. args.Skip(CommandDepth(args))]);

        Assert.Equal(ExitCode.Usage, result.Code);
        AssertNoCrash(result);
        Assert.StartsWith("{", result.Stdout);
        Assert.Empty(Shipgate.Audit.RecordSchemas.ValidateError(Encoding.UTF8.GetBytes(result.Stdout)));
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.Equal((int)ExitCode.Usage, document.RootElement.GetProperty("error").GetProperty("exit_code").GetInt32());
    }

    private static RootCommand Tree() => ShipgateCli.Commands(new CliHost(CapturedConsole.Create(TextWriter.Null), () => null, _ => null,
        TimeProvider.System, Path.GetTempPath()));

    private static int CommandDepth(string[] args)
    {
        Command command = Tree();
        var depth = 0;
        while (depth < args.Length && command.Subcommands.FirstOrDefault(c => c.Name == args[depth]) is { } sub)
            (command, depth) = (sub, depth + 1);
        return depth;
    }

    private static bool TakesJson(string[] args)
    {
        Command command = Tree();
        foreach (var word in args.Take(CommandDepth(args)))
            command = command.Subcommands.Single(c => c.Name == word);
        return command.Options.Any(o => o.Name == JsonOutput.OptionName);
    }

    /// <summary>The cases <paramref name="make"/> words for each option of each command of the tree, after the command's other required options.</summary>
    private static TheoryData<string[]> Cases(Func<string[], Option, IEnumerable<string[]>> make)
    {
        var cases = new TheoryData<string[]>();
        foreach (var (path, command) in Commands(Tree(), []))
            foreach (var option in command.Options)
                foreach (var args in make([.. path, .. Required(command, except: option)], option))
                    cases.Add(args);
        return cases;
    }

    /// <summary>Each required option but <paramref name="except"/> with a plain value, so that a case is about one thing only.</summary>
    private static IEnumerable<string> Required(Command command, Option? except) =>
        command.Options.Where(o => o.Required && o != except).SelectMany(o => new[] { o.Name, "x" });

    private static IEnumerable<(string[] Path, Command Command)> Commands(Command command, string[] path)
    {
        if (path.Length > 0) yield return (path, command);
        foreach (var sub in command.Subcommands)
            foreach (var found in Commands(sub, [.. path, sub.Name]))
                yield return found;
    }
}
