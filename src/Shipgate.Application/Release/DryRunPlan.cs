using Shipgate.Release.Phases;
using Shipgate.Rendering;

namespace Shipgate.Release;

/// <summary>The dry run told as its plan document (<c>release --dry-run --json</c>, MCP's release_plan).</summary>
internal static class DryRunPlan
{
    /// <summary>The dry run as a plan document; a gate's refusal is its verdict (exit 3), told to people too.</summary>
    public static async Task<(System.Text.Json.Nodes.JsonObject Document, ExitCode Code)> RunAsync(ReleaseContext context, CancellationToken ct)
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
