using System.Text.RegularExpressions;
using Shipgate.Cli;

namespace Shipgate.Tests.Support;

/// <summary>The outcome of one in-process run of the real CLI.</summary>
/// <param name="Output">Everything shown, stdout and stderr together, as a terminal shows them.</param>
/// <param name="Errors">What went to stderr alone: errors, warnings, and people's text when stdout carries JSON.</param>
/// <param name="Stdout">What went to stdout alone: the results (JSON with --json).</param>
internal sealed record RunResult(int ExitCode, string Output, string Errors = "", string Stdout = "")
{
    public ExitCode Code => (ExitCode)ExitCode;

    /// <summary>The confirmation word the run showed, if any.</summary>
    public string? WordShown => Regex.Match(Output, @"type the word: (\S+)") is { Success: true } m ? m.Groups[1].Value : null;
}

/// <summary>
/// Runs <c>shipgate</c> in-process against a real repository, with a captured console and an
/// answer to the confirmation prompt decided when the prompt is shown.
/// </summary>
internal sealed class ShipgateRunner(string workingDirectory, string stateFolder)
{
    public Dictionary<string, string?> Environment { get; } = new()
    {
        ["XDG_STATE_HOME"] = stateFolder,
        ["GH_TOKEN"] = null,
        ["GITHUB_TOKEN"] = null,
        ["LINEAR_API_KEY"] = null,
    };

    /// <summary>The clone the runs are in.</summary>
    public string WorkingDirectory => workingDirectory;

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>True: standard error is a terminal, where a progress line may be drawn.</summary>
    public bool ErrorsAreTerminal { get; set; }

    /// <summary>False: the run has no controlling terminal, as under CI or with piped input.</summary>
    public bool HasTerminal { get; set; } = true;

    /// <param name="answer">Given the word shown, returns what the "user" types (null: end of input).</param>
    public async Task<RunResult> RunAsync(string[] args, Func<string, string?>? answer = null, CancellationToken ct = default)
    {
        var (output, stdout, errors) = (new StringWriter(), new StringWriter(), new StringWriter());
        Func<TextReader?> terminal = () => HasTerminal ? new PromptAnswerer(output, answer ?? (word => word)) : null;
        var host = new CliHost(CapturedConsole.Create(new BothWriter(output, stdout)), terminal, Lookup, Clock, workingDirectory)
        {
            Errors = CapturedConsole.Create(new BothWriter(output, errors)),
            ErrorsAreTerminal = ErrorsAreTerminal,
        };
        var code = await ShipgateCli.RunAsync(args, host, ct).Bounded();
        return new RunResult(code, output.ToString(), errors.ToString(), stdout.ToString());
    }

    /// <summary>
    /// The run's environment: what the test set, plus only PATH and HOME from the process, so that a
    /// CI machine's own GITHUB_* or LINEAR_* variables never leak into a test.
    /// </summary>
    private string? Lookup(string name) =>
        Environment.TryGetValue(name, out var value) ? value
        : name is "PATH" or "HOME" ? System.Environment.GetEnvironmentVariable(name)
        : null;

    /// <summary>Answers ReadLine by reading the word from what the console printed so far.</summary>
    private sealed class PromptAnswerer(StringWriter output, Func<string, string?> answer) : TextReader
    {
        public override string? ReadLine()
        {
            var shown = Regex.Matches(output.ToString(), @"type the word: (\S+)");
            return answer(shown.Count > 0 ? shown[^1].Groups[1].Value : "");
        }
    }
}

/// <summary>Writes to two writers: stderr is both kept apart and shown in order with stdout.</summary>
internal sealed class BothWriter(TextWriter first, TextWriter second) : TextWriter
{
    public override System.Text.Encoding Encoding => first.Encoding;
    public override void Write(char value) { first.Write(value); second.Write(value); }
    public override void Write(string? value) { first.Write(value); second.Write(value); }
}
