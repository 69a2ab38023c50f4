using System.Text.Json;
using System.Text.Json.Nodes;
using Shipgate.Rendering;

namespace Shipgate.Cli;

/// <summary>
/// A command run with --json: the JSON document alone on standard output, everything for people (screens,
/// warnings, the error message) on standard error. A failure is a JSON document too, with its exit code.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Text(JsonNode document) => document.ToJsonString(Indented);

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
                stdout.WriteLine(Text(new JsonObject
                {
                    ["error"] = new JsonObject { ["exit_code"] = (int)code, ["message"] = SafeText.Lines(secrets.Redact(e.Message)) },
                }));
                throw;
            }
        }, ct);
    }
}
