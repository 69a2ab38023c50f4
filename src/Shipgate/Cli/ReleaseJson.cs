using Shipgate.Release;
using Shipgate.Release.Phases;
using Shipgate.Rendering;

namespace Shipgate.Cli;

/// <summary>
/// <c>shipgate release --json</c>: the dry run's plan, checklist and verdict, or, after the word was typed at the
/// terminal, what the release did. The terminal rule is unchanged: a release still needs a person at a terminal.
/// </summary>
internal static class ReleaseJson
{
    public static Task<int> RunAsync(CliHost host, ReleaseOptions options, string folder, Secrets secrets, CancellationToken ct) =>
        JsonOutput.GuardAsync(host, secrets, async (people, stdout) =>
        {
            var context = await ReleaseCommand.CreateContextAsync(people, options, folder, secrets, ct);
            if (options.DryRun)
            {
                var (document, code) = await PlanAsync(context, ct);
                stdout.WriteLine(JsonOutput.Text(document));
                return code;
            }
            using var terminal = Confirmation.RequireTerminal(context);
            var outcome = await ReleasePipeline.ReleaseAsync(context, terminal, ct);
            stdout.WriteLine(JsonOutput.Text(ReleaseResult.Build(context, outcome)));
            return outcome.Code;
        }, ct);

    /// <summary>The dry run as a plan document; a gate's refusal is its verdict (exit 3), told to people too.</summary>
    public static async Task<(System.Text.Json.Nodes.JsonObject Document, ExitCode Code)> PlanAsync(ReleaseContext context, CancellationToken ct)
    {
        (Preflighted, Gathered)? seen = null;
        try
        {
            var done = await ReleasePipeline.DryRunAsync(context, ct, (p, g) => seen = (p, g));
            if (done is { Blockers.Count: > 0 })
                return (PlanDocument.Build(context, done.Preflighted, done.Gathered, string.Join("\n", done.Blockers.Select(b => b.Reason))), ExitCode.Blocked);
            return (PlanDocument.Build(context, done?.Preflighted, done?.Gathered, blocked: null), ExitCode.Success);
        }
        catch (ReleaseBlockedException e)
        {
            var reason = SafeText.Lines(context.Secrets.Redact(e.Message));
            context.Console.MarkupLine($"[yellow]{Markup.Escape(reason)}[/]");
            return (PlanDocument.Build(context, seen?.Item1, seen?.Item2, reason), ExitCode.Blocked);
        }
    }
}
