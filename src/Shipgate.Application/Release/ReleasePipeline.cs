using Shipgate.Release.Actions;
using Shipgate.Release.After;
using Shipgate.Release.Phases;
using Shipgate.Rendering;

namespace Shipgate.Release;

/// <summary>
/// The release, phase by phase (DESIGN.md). Each phase is one class in <c>Release/Phases</c> that takes the
/// results of the phases before it and hands on its own, immutable. Read top to bottom:
/// <list type="bullet">
/// <item>the dry run is phases 1-3: <see cref="Preflight"/>, <see cref="Gather"/>, <see cref="Summary"/>, <see cref="ReviewGate"/>, <see cref="ControlGate"/>;</item>
/// <item>the release is the dry run, then <see cref="Confirmation"/> and <see cref="RecordAndPromote"/> (the push);</item>
/// <item>after the push, the list <see cref="AfterPushSteps.All"/> (GitHub Release, <see cref="DeploymentCheck"/>, Slack, the deployment
/// record, <see cref="PostRelease"/>) only reports: the release has happened, and nothing after it may say otherwise.
/// <c>--resume</c> runs just this list for a release already made.</item>
/// </list>
/// </summary>
internal static class ReleasePipeline
{
    public static async Task<ExitCode> RunAsync(ReleaseContext context, CancellationToken ct)
    {
        if (context.Options.DryRun)
            return await DryRunAsync(context, ct) is { Blockers.Count: > 0 } ? ExitCode.Blocked : ExitCode.Success;
        if (context.Options.ApprovedPlan is not null)
            return (await ReleaseAsync(context, GitHubEnvironmentConfirmation.Require(context), ct)).Code;

        using var terminal = Confirmation.RequireTerminal(context);
        return (await ReleaseAsync(context, terminal, ct)).Code;
    }

    /// <summary>The dry run, then the word from a person (terminal or MCP elicitation), the push and what follows it.</summary>
    public static async Task<ReleaseOutcome> ReleaseAsync(ReleaseContext context, IConfirmationSource person, CancellationToken ct)
    {
        if (await DryRunAsync(context, ct) is not var (preflighted, gathered, blockers))
            return new ReleaseOutcome(null);
        // The runner stops a release at its first closed gate; this holds even if it ever only collected.
        if (blockers.Count > 0)
            throw new ReleaseBlockedException("BLOCKED: " + string.Join("\n", blockers.Select(b => b.Reason)));
        var confirmation = await Confirmation.RunAsync(context, preflighted, gathered, person, ct);
        var released = await RecordAndPromote.RunAsync(context, preflighted, gathered, confirmation, ct);
        var after = await AfterReleaseAsync(context, released, ct);
        return new ReleaseOutcome(gathered, released, after.Deployment, after.Comments, after.Code);
    }

    /// <summary>
    /// Phases 1-3: what would ship and every gate that would stop it. Changes nothing. Null: nothing to release.
    /// Each gate only says open or closed; the <see cref="GateRunner"/> chosen here decides: a dry run goes past a closed gate
    /// to show everything and names the gates at the end (<see cref="DryRunResult.Blockers"/>, exit 3); a release stops at the first.
    /// </summary>
    public static async Task<DryRunResult?> DryRunAsync(ReleaseContext context, CancellationToken ct)
    {
        var dryRun = context.Options.DryRun;
        var gates = GateRunner.For(context);
        if (await Preflight.ReadTipsAsync(context, needsIdentity: !dryRun, gates, ct) is not { } tips)
            return null;
        // What depends on the tips alone goes out together: GitHub's and Linear's first questions, and git's reads.
        await using var lookups = Lookups.Start(context, tips, ct);
        var preflighted = await Preflight.RunAsync(context, tips, lookups, gates, CiAllowedWording(dryRun), ct);
        var gathered = await Gather.RunAsync(context, preflighted, lookups, ct);
        Summary.Show(context, gathered);
        gates.Pass(ReviewGate.Check(context, gathered));
        gates.Pass(ControlGate.Check(context, gathered));
        var blockers = gates.Closed;
        if (dryRun)
        {
            DryRunEndScreen.Show(context.Console, context.Config, gathered.Plan, context.Options, blockers);
            ActionsPlan.Write(context, preflighted, gathered, blockers);
        }
        return new DryRunResult(preflighted, gathered, blockers);
    }

    /// <summary>How the record words --allow-unverified-ci: a dry run says it was given, a release that it released with it.</summary>
    internal static string CiAllowedWording(bool dryRun) =>
        dryRun ? "--allow-unverified-ci given" : "released with --allow-unverified-ci";

    /// <summary>The steps after the push, an ordered list that only reports (<see cref="AfterPushSteps"/>); <c>--resume</c> runs it too.</summary>
    public static Task<AfterRelease> AfterReleaseAsync(ReleaseContext context, Released released, CancellationToken ct) =>
        AfterPushSteps.RunAsync(context, released, ct);
}
