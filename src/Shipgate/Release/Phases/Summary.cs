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
        RequireIndependentReview(context);
        if (context.Options.DryRun)
        {
            // The phases after this one skip a dry run; this is its last word.
            context.Console.WriteLine();
            context.Console.WriteLine("DRY RUN MODE - No changes were made.");
            context.Console.WriteLine();
            context.Console.WriteLine($"If released now, {context.Config.ProductionBranch} would move to {context.RequirePlan.ToSha[..7]} and a record would be added to {context.Config.ArchiveBranch}.");
            context.Console.WriteLine();
            context.Console.WriteLine("To execute this release, run: shipgate release");
        }
        return Task.FromResult(PhaseOutcome.Continue);
    }

    /// <summary>With github.require_independent_review, a PR not approved by someone other than its author blocks the release (a dry run says so too).</summary>
    private static void RequireIndependentReview(ReleaseContext context)
    {
        if (!context.Config.GitHub.RequireIndependentReview) return;
        var unapproved = context.RequirePlan.PullRequests.Where(p => p.IndependentlyApproved != true).Select(p => $"#{p.Number}").ToList();
        if (unapproved.Count == 0) return;
        throw new ReleaseBlockedException(context.CodeHost is null
            ? $"BLOCKED: github.require_independent_review is set, and the reviews of {string.Join(", ", unapproved)} cannot be read without GitHub ({context.CodeHostMissing})."
            : $"BLOCKED: github.require_independent_review is set, and {string.Join(", ", unapproved)} {(unapproved.Count == 1 ? "was" : "were")} not approved by anyone other than the author.\n\nGet an independent approval on GitHub, then release again.");
    }
}
