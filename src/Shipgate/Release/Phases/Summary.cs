using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>Phase 3. Shows the PRODUCTION RELEASE SUMMARY: everything that will ship and every compliance gap.</summary>
public sealed class Summary : IReleasePhase
{
    public string Name => "release summary";

    public string? SkipReason(ReleaseContext context) => null;

    public Task<PhaseOutcome> RunAsync(ReleaseContext context, CancellationToken ct)
    {
        Screens.Summary(context.Console, context);
        if (context.Options.DryRun)
        {
            context.Console.WriteLine();
            context.Console.WriteLine("DRY RUN MODE - No changes were made.");
            context.Console.WriteLine();
            context.Console.WriteLine($"If released now, {context.Config.ProductionBranch} would move to {context.RequirePlan.ToSha[..7]} and a record would be added to {context.Config.ArchiveBranch}.");
            context.Console.WriteLine();
            context.Console.WriteLine("To execute this release, run: shipgate release");
            return Task.FromResult(PhaseOutcome.Finished);
        }
        return Task.FromResult(PhaseOutcome.Continue);
    }
}
