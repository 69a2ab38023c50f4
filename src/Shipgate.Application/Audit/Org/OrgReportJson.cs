using Shipgate.Audit.Report;

namespace Shipgate.Audit.Org;

/// <summary>
/// schemas/audit-report-org.v1.json: the organisation's summary, then each repository's verdict and its own report
/// (as <c>audit report --format json</c> writes it in a clone), null when its trail could not be read.
/// </summary>
internal sealed record OrgReportJson(ReportPeriodJson Period, GeneratedTime GeneratedAt, OrgReportSummaryJson Summary, IReadOnlyList<OrgRepositoryReportJson> Repositories)
{
    public static OrgReportJson Of(OrgEvidence org)
    {
        var (verify, t) = (org.Totals.Verify, org.Totals.Totals);
        return new(ReportPeriodJson.Of(org.Period), new GeneratedTime(org.GeneratedAt.ToUniversalTime(), AsCopied: false),
            new OrgReportSummaryJson(verify.Repositories, verify.Intact, verify.Broken, verify.NotVerified, verify.NoTrail, t.Releases, t.PullRequests,
                t.IndependentlyReviewed, t.ReviewUnknown, t.ShareIndependentlyReviewed, t.Emergencies, t.EmergenciesUnreviewed, t.DirectPushesAcknowledged,
                org.Totals.DirectPushesUnacknowledged, t.Gaps, t.UnspeccedChanges),
            [.. org.Repositories.Select(r => new OrgRepositoryReportJson(r.Name, r.Source.Given, new OrgRepositoryVerifyJson(r.Status, r.FirstProblem),
                r.Report is null ? null : ReportDocumentJson.Of(r.Report, inOrganisation: true)))]);
    }
}

internal sealed record OrgReportSummaryJson(
    int Repositories, int Intact, int Broken, int NotVerified, int NoTrail, int Releases, int PullRequests, int IndependentlyReviewed,
    int ReviewUnknown, string ShareIndependentlyReviewed, int Emergencies, int EmergenciesUnreviewed, int DirectPushesAcknowledged,
    int DirectPushesUnacknowledged, int Gaps, int UnspeccedChanges);

internal sealed record OrgRepositoryReportJson(string Repository, string Source, OrgRepositoryVerifyJson Verify, ReportDocumentJson? Report);

internal sealed record OrgRepositoryVerifyJson(RepositoryStatus Status, string? FirstProblem);
