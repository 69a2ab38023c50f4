using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Release.Phases;
using Shipgate.Rendering;

namespace Shipgate.Release;

/// <summary>
/// The release, phase by phase (DESIGN.md). Each phase is one class in <c>Release/Phases</c> that takes the
/// results of the phases before it and hands on its own, immutable. Read top to bottom:
/// <list type="bullet">
/// <item>the dry run is phases 1-3: <see cref="Preflight"/>, <see cref="Gather"/>, <see cref="Summary"/>, <see cref="ReviewGate"/>;</item>
/// <item>the release is the dry run, then <see cref="Confirmation"/> and <see cref="RecordAndPromote"/> (the push);</item>
/// <item>after the push, <see cref="DeploymentCheck"/> and <see cref="PostRelease"/> only report: the release has happened,
/// and nothing after it may say otherwise. <c>--resume</c> runs just these for a release already made.</item>
/// </list>
/// </summary>
internal static class ReleasePipeline
{
    public static async Task<ExitCode> RunAsync(ReleaseContext context, CancellationToken ct)
    {
        if (context.Options.DryRun)
            return await DryRunAsync(context, ct) is { Blockers.Count: > 0 } ? ExitCode.Blocked : ExitCode.Success;

        using var terminal = Confirmation.RequireTerminal(context);
        if (await DryRunAsync(context, ct) is not var (preflighted, gathered, _))
            return ExitCode.Success;
        var confirmation = await Confirmation.RunAsync(context, gathered, terminal, ct);
        var released = await RecordAndPromote.RunAsync(context, preflighted, gathered, confirmation, ct);
        await AfterReleaseAsync(context, released, ct);
        return ExitCode.Success;
    }

    /// <summary>Phases 1-3: what would ship and every gate that would stop it. Changes nothing. Null: nothing to release.</summary>
    /// <remarks>A dry run goes past a closed gate to show everything, and names the gates at the end (exit 3).</remarks>
    private static async Task<DryRunResult?> DryRunAsync(ReleaseContext context, CancellationToken ct)
    {
        if (await Preflight.RunAsync(context, ct) is not { } preflighted)
            return null;
        var gathered = await Gather.RunAsync(context, preflighted, ct);
        Summary.Show(context, gathered);
        var blockers = preflighted.Blockers.Concat(ReviewGate.Check(context, gathered)).ToList();
        if (context.Options.DryRun)
            Screens.DryRunEnd(context.Console, context.Config, gathered.Plan, context.Options, blockers);
        return new DryRunResult(preflighted, gathered, blockers);
    }

    /// <summary>
    /// The phases after the push. A failure or Ctrl-C here must not report the release as failed or
    /// aborted: it is reported, with how to finish the rest later.
    /// </summary>
    public static async Task AfterReleaseAsync(ReleaseContext context, Released released, CancellationToken ct)
    {
        var phase = "deployment check";
        try
        {
            var deployment = await DeploymentCheck.RunAsync(context, released, ct);
            phase = "post-release";
            await PostRelease.RunAsync(context, released, deployment, ct);
        }
        catch (Exception e)
        {
            var record = released.Record;
            var what = ct.IsCancellationRequested ? "Interrupted" : $"{phase} failed ({SafeText.OneLine(context.Secrets.Redact(e.Message))})";
            context.Console.MarkupLine($"[yellow]{Markup.Escape(what)} after the release was made: {Markup.Escape(context.Config.ProductionBranch)} is at " +
                $"{Sha.Short(record.ToSha)} and {Markup.Escape(RecordFiles.JsonPath(record.ReleaseId))} is on {Markup.Escape(context.Config.ArchiveBranch)}. " +
                $"Deployment check and ticket comments were not finished: run shipgate release --resume {Markup.Escape(record.ReleaseId)}.[/]");
        }
    }
}
