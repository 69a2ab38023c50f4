namespace Shipgate.Release;

/// <summary>The release, phase by phase (DESIGN.md).</summary>
public static class ReleasePipeline
{
    public static IReadOnlyList<IReleasePhase> Phases { get; } =
    [
        new Phases.Preflight(),
        new Phases.Gather(),
        new Phases.Summary(),
        new Phases.Confirmation(),
        new Phases.RecordAndPromote(),
        new Phases.DeploymentCheck(),
        new Phases.PostRelease(),
    ];

    public static async Task<ExitCode> RunAsync(ReleaseContext context, CancellationToken ct)
    {
        foreach (var phase in Phases)
        {
            if (phase.SkipReason(context) is not null) continue;
            try
            {
                if (await phase.RunAsync(context, ct) == PhaseOutcome.Finished) break;
            }
            catch (Exception e) when (context.Record is not null)
            {
                // After the push the release has happened: a failure or Ctrl-C now must not report it as failed or aborted.
                var record = context.Record;
                var what = ct.IsCancellationRequested ? "Interrupted" : $"{phase.Name} failed ({Rendering.SafeText.OneLine(context.Secrets.Redact(e.Message))})";
                context.Console.MarkupLine($"[yellow]{Markup.Escape(what)} after the release was made: {Markup.Escape(context.Config.ProductionBranch)} is at {record.ToSha[..7]} and {Markup.Escape(Record.RecordFiles.JsonPath(record.ReleaseId))} is on {Markup.Escape(context.Config.ArchiveBranch)}. Deployment check and ticket comments were not finished.[/]");
                return ExitCode.Success;
            }
        }
        return ExitCode.Success;
    }
}
