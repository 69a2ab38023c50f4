using Shipgate.Rendering;

namespace Shipgate.Release;

/// <summary>The dry run told as its plan document (<c>release --dry-run --json</c>, MCP's release_plan).</summary>
internal static class DryRunPlan
{
    /// <summary>
    /// The dry run as a plan document; its closed gates are its verdict (exit 3). What refuses before anything is gathered
    /// (the branch, a diverged production, a cut trail) is the verdict too, without a plan, and told to people.
    /// </summary>
    public static async Task<(PlanJson Document, ExitCode Code)> RunAsync(ReleaseContext context, CancellationToken ct)
    {
        try
        {
            var done = await ReleasePipeline.DryRunAsync(context, ct);
            if (done is { Blockers.Count: > 0 })
                return (PlanDocument.Build(context, done.Preflighted, done.Gathered, string.Join("\n", done.Blockers.Select(b => b.Reason))), ExitCode.Blocked);
            return (PlanDocument.Build(context, done?.Preflighted, done?.Gathered, blocked: null), ExitCode.Success);
        }
        catch (ReleaseBlockedException e)
        {
            var reason = SafeText.Lines(context.Secrets.Redact(e.Message));
            context.Console.MarkupLine($"[yellow]{Markup.Escape(reason)}[/]");
            return (PlanDocument.Build(context, null, null, reason), ExitCode.Blocked);
        }
    }
}
