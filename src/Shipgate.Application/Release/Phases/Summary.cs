using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 3, summary. Shows the PRODUCTION RELEASE SUMMARY: everything that will ship and every
/// compliance gap, each box ticked or unticked with its reason. Skipped: never. Fails: never.
/// </summary>
internal static class Summary
{
    public static void Show(ReleaseContext context, Gathered gathered) =>
        SummaryScreen.Show(context.Console, context.Policy, gathered,
            Gaps.Checklist(gathered.Gaps, gathered.Plan.ReviewsKnown, policyCompared: true, controlsJudged: true));
}
