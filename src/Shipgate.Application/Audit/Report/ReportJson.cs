using System.Text.Json;
using System.Text.Json.Nodes;
using Shipgate.Record;

namespace Shipgate.Audit.Report;

/// <summary>
/// The evidence pack as JSON for scripts and dashboards: the totals, and each release as its record file holds it
/// (the same fields and bytes' meaning as <c>schemas/release-record.v1.json</c>) with its review, and how its
/// deployment ended (<c>deployment_outcome</c>, with the deployment record when there is one).
/// </summary>
internal static class ReportJson
{
    public static string Render(EvidenceReport report)
    {
        var totals = report.Totals;
        var document = new JsonObject
        {
            ["repository"] = report.Repository,
            ["period"] = new JsonObject { ["since"] = report.Period.Since.ToString("yyyy-MM-dd"), ["until"] = report.Period.Until.ToString("yyyy-MM-dd") },
            ["generated_at"] = report.GeneratedAt.ToUniversalTime(),
            ["totals"] = new JsonObject
            {
                ["releases"] = totals.Releases,
                ["pull_requests"] = totals.PullRequests,
                ["independently_reviewed"] = totals.IndependentlyReviewed,
                ["review_unknown"] = totals.ReviewUnknown,
                ["share_independently_reviewed"] = totals.ShareIndependentlyReviewed,
                ["unspecced_changes"] = totals.UnspeccedChanges,
                ["gaps"] = totals.Gaps,
                ["emergencies"] = totals.Emergencies,
                ["emergencies_unreviewed"] = totals.EmergenciesUnreviewed,
                ["direct_pushes_acknowledged"] = totals.DirectPushesAcknowledged,
            },
            ["releases"] = new JsonArray([.. report.Releases.Select(r => new JsonObject
            {
                ["record"] = JsonNode.Parse(RecordFiles.ToJsonBytes(r.Record)),
                ["review"] = r.Review is { } review ? JsonNode.Parse(RecordFiles.ToJsonBytes(review)) : null,
                ["deployment_outcome"] = r.DeploymentOutcome,
                ["deployment"] = r.Deployment is { } deployment ? JsonNode.Parse(RecordFiles.ToJsonBytes(deployment)) : null,
            })]),
            ["unreadable_records"] = new JsonArray([.. report.UnreadableRecords.Select(u => JsonValue.Create(u))]),
            ["direct_push_reviews"] = new JsonArray([.. report.DirectPushReviews.Select(r => JsonNode.Parse(RecordFiles.ToJsonBytes(r)))]),
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
