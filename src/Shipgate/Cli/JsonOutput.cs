using System.CommandLine;
using System.CommandLine.Parsing;
using Shipgate.Rendering;

namespace Shipgate.Cli;

/// <summary>
/// A command run with --json: the JSON document alone on standard output, everything for people (screens,
/// warnings, the error message) on standard error. A failure is a JSON document too, with its exit code
/// (<c>schemas/cli-error.v1.json</c>), a command line that cannot be parsed included.
/// </summary>
internal static class JsonOutput
{
    /// <summary>The name of the option that asks a command for JSON.</summary>
    public const string OptionName = "--json";

    /// <summary>The failure document: what went wrong and the exit code the process ends with.</summary>
    public static string Error(ExitCode code, string message) => CliJson.Error(code, message);

    /// <summary>
    /// Whether a command line that failed to parse asked for JSON: the command it reached takes --json and the parser read
    /// the word as that flag (not as another option's value, not after <c>--</c>), given without <c>false</c>. Decided from
    /// the parser's own reading of the words, so <c>--resume --json</c> (a value) or <c>-- --json</c> (an argument) never count.
    /// </summary>
    public static bool Asked(ParseResult parsed)
    {
        var flag = parsed.CommandResult.Command.Options.FirstOrDefault(o => o.Name == OptionName);
        if (flag is null || parsed.GetResult(flag) is not OptionResult { Implicit: false } given) return false;
        return given.Tokens is [] || given.Tokens is [{ Value: var value }] && bool.TryParse(value, out var on) && on;
    }

    /// <param name="body">Runs with a host whose console is standard error; writes its document to the writer (standard output).</param>
    public static Task<int> GuardAsync(CliHost host, Secrets secrets, Func<CliHost, TextWriter, Task<ExitCode>> body, CancellationToken ct)
    {
        var stdout = host.Console.Profile.Out.Writer;
        var people = host with { Console = host.Errors };
        return ShipgateCli.GuardAsync(people, secrets, async () =>
        {
            try
            {
                return await body(people, stdout);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var code = e is ShipgateException known ? known.Code : ExitCode.Error;
                stdout.WriteLine(Error(code, SafeText.Lines(secrets.Redact(e.Message))));
                throw;
            }
        }, ct);
    }
}
