using Shipgate.Audit.Report;

namespace Shipgate.Audit.Org;

/// <summary>
/// The organisation's figures for the period, summed over the repositories whose trail could be read: what an auditor
/// starts from. <see cref="Totals"/> are the single-repository report's totals added up; the verify counts and the
/// unacknowledged direct pushes come from each repository's verdict as it stands now.
/// </summary>
internal sealed record OrgTotals(OrgSummary Verify, ReportTotals Totals, int DirectPushesUnacknowledged);

/// <summary>
/// The evidence pack for the whole organisation: the summary, then each repository with its verify verdict and, when
/// its trail could be read, its own <see cref="EvidenceReport"/> for the period (built by the single-repository code).
/// </summary>
internal sealed record OrgEvidence(ReportPeriod Period, DateTimeOffset GeneratedAt, IReadOnlyList<RepositoryVerdict> Repositories, OrgTotals Totals)
{
    public static OrgEvidence Build(IReadOnlyList<RepositoryVerdict> repositories, ReportPeriod period, DateTimeOffset generatedAt)
    {
        var reports = repositories.Select(r => r.Report?.Totals).OfType<ReportTotals>().ToList();
        var totals = new ReportTotals(
            reports.Sum(t => t.Releases),
            reports.Sum(t => t.PullRequests),
            reports.Sum(t => t.IndependentlyReviewed),
            reports.Sum(t => t.ReviewUnknown),
            reports.Sum(t => t.UnspeccedChanges),
            reports.Sum(t => t.Gaps),
            reports.Sum(t => t.Emergencies),
            reports.Sum(t => t.EmergenciesUnreviewed),
            reports.Sum(t => t.DirectPushesAcknowledged));
        return new OrgEvidence(period, generatedAt, repositories,
            new OrgTotals(OrgSummary.Of(repositories), totals, repositories.Sum(r => r.Verdict?.DirectPushes.Count ?? 0)));
    }

    /// <summary>How the verdict reads in every format: intact, or BROKEN / NO TRAIL / NOT VERIFIED with the first problem.</summary>
    public static string VerdictText(RepositoryVerdict repository) => repository.Status switch
    {
        RepositoryStatus.Intact => "intact",
        RepositoryStatus.Broken => $"BROKEN: {repository.FirstProblem}",
        RepositoryStatus.NoTrail => $"NO TRAIL: {repository.FirstProblem}",
        _ => $"NOT VERIFIED: {repository.FirstProblem}",
    };
}
