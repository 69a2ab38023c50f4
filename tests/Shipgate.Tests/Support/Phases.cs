using Shipgate.Release;
using Shipgate.Release.Phases;

namespace Shipgate.Tests.Support;

/// <summary>
/// Phases 1 and 2 as <see cref="ReleasePipeline"/> runs them: the tips, the lookups started from them, pre-flight's checks, gather.
/// A closed gate stops a release here and is shown by a dry run, as the pipeline's <see cref="GateRunner"/> does.
/// </summary>
internal static class Phases
{
    /// <summary>Pre-flight; null when there is nothing to release.</summary>
    public static async Task<Preflighted?> PreflightAsync(ReleaseContext context)
    {
        if (await Preflight.ReadTipsAsync(context, needsIdentity: !context.Options.DryRun, GateRunner.For(context), CancellationToken.None) is not { } tips) return null;
        await using var lookups = Lookups.Start(context, tips, CancellationToken.None);
        return await Preflight.RunAsync(context, tips, lookups, GateRunner.For(context),
            ReleasePipeline.CiAllowedWording(context.Options.DryRun), CancellationToken.None);
    }

    /// <summary>Pre-flight and gather; fails the test when there is nothing to release.</summary>
    public static async Task<(Preflighted Preflighted, Gathered Gathered)> GatherAsync(ReleaseContext context)
    {
        var tips = await Preflight.ReadTipsAsync(context, needsIdentity: !context.Options.DryRun, GateRunner.For(context), CancellationToken.None);
        Assert.NotNull(tips);
        await using var lookups = Lookups.Start(context, tips, CancellationToken.None);
        var preflighted = await Preflight.RunAsync(context, tips, lookups, GateRunner.For(context),
            ReleasePipeline.CiAllowedWording(context.Options.DryRun), CancellationToken.None);
        return (preflighted, await Gather.RunAsync(context, preflighted, lookups, CancellationToken.None));
    }
}
