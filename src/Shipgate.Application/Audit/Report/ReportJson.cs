using Shipgate.Rendering;

namespace Shipgate.Audit.Report;

/// <summary>
/// The evidence pack as JSON for scripts and dashboards (<c>schemas/audit-report.v1.json</c>): the totals, and each release as its
/// record file holds it (the same fields and bytes' meaning as <c>schemas/release-record.v1.json</c>) with its review, and how its
/// deployment ended (<c>deployment_outcome</c>, with the deployment record when there is one).
/// </summary>
internal static class ReportJson
{
    public static string Render(EvidenceReport report) =>
        DocumentJson.Text(ReportDocumentJson.Of(report), DocumentJson.Default.ReportDocumentJson) + "\n";
}
