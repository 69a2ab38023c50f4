using System.Text.Json;
using System.Text.Json.Serialization;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Audit.Report;

/// <summary>schemas/audit-report.v1.json: the evidence pack's totals and each release as its record file holds it.</summary>
internal sealed record ReportDocumentJson(
    string Repository, ReportPeriodJson Period, GeneratedTime GeneratedAt, ReportTotalsJson Totals, IReadOnlyList<ReleaseEvidenceJson> Releases,
    IReadOnlyList<string> UnreadableRecords, IReadOnlyList<ReviewRecord> DirectPushReviews, IReadOnlyList<FreezeRecord> Freezes, ReportVerifyJson? Verify)
{
    /// <param name="inOrganisation">Part of the organisation's report, which has always written its time as copied (<see cref="RecordedTime"/>).</param>
    public static ReportDocumentJson Of(EvidenceReport report, bool inOrganisation = false) => new(
        report.Repository, ReportPeriodJson.Of(report.Period), new GeneratedTime(report.GeneratedAt.ToUniversalTime(), inOrganisation),
        ReportTotalsJson.Of(report.Totals),
        [.. report.Releases.Select(r => new ReleaseEvidenceJson(r.Record, r.Review, r.DeploymentOutcome, r.Deployment, r.DuringFreeze)
        {
            Tag = r.Tag, RecordPath = r.RecordPath, RecordSha256 = r.RecordSha256,
        })],
        report.UnreadableRecords, report.DirectPushReviews, report.Freezes,
        report.Verify is { } v ? new ReportVerifyJson(v.Intact ? "intact" : "broken", v.FirstProblem, v.Witness) : null);
}

/// <summary>Verify's verdict on the trail the report was read from: intact or broken, its first problem, what GitHub's witness said.</summary>
internal sealed record ReportVerifyJson(string Status, string? FirstProblem, string Witness);

/// <summary>The audit period, its first and last day (YYYY-MM-DD, UTC, both included).</summary>
internal sealed record ReportPeriodJson(string Since, string Until)
{
    public static ReportPeriodJson Of(ReportPeriod period) => new(period.Since.ToString("yyyy-MM-dd"), period.Until.ToString("yyyy-MM-dd"));
}

internal sealed record ReportTotalsJson(
    int Releases, int PullRequests, int IndependentlyReviewed, int ReviewUnknown, string ShareIndependentlyReviewed, int UnspeccedChanges, int Gaps,
    int Emergencies, int EmergenciesUnreviewed, int DirectPushesAcknowledged)
{
    public static ReportTotalsJson Of(ReportTotals t) => new(
        t.Releases, t.PullRequests, t.IndependentlyReviewed, t.ReviewUnknown, t.ShareIndependentlyReviewed, t.UnspeccedChanges, t.Gaps,
        t.Emergencies, t.EmergenciesUnreviewed, t.DirectPushesAcknowledged);
}

/// <summary>A release of the period: its record, its review, how its deployment ended and the deployment record.</summary>
/// <param name="DeploymentOutcome">succeeded, failed, timed_out, or not_followed when no deployment was recorded.</param>
/// <param name="DuringFreeze">Made during a freeze: the freeze record in force, or "freeze window"; null when not.</param>
internal sealed record ReleaseEvidenceJson(ReleaseRecord Record, ReviewRecord? Review, string DeploymentOutcome, DeploymentRecord? Deployment,
    string? DuringFreeze = null)
{
    /// <summary>The release's tag on the remote; null when none was found.</summary>
    public string? Tag { get; init; }

    public required string RecordPath { get; init; }

    /// <summary>The SHA-256 of the record's bytes on the archive branch.</summary>
    public string? RecordSha256 { get; init; }
}

/// <summary>When a report was made; <see cref="AsCopied"/>: written as the organisation's report has always written it.</summary>
[JsonConverter(typeof(GeneratedTimeConverter))]
internal readonly record struct GeneratedTime(DateTimeOffset At, bool AsCopied);

internal sealed class GeneratedTimeConverter : JsonConverter<GeneratedTime>
{
    private static readonly RecordedTime Copied = new();
    private static readonly PlainTime Plain = new();

    public override GeneratedTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("documents are written, never read");

    public override void Write(Utf8JsonWriter writer, GeneratedTime value, JsonSerializerOptions options)
    {
        if (value.AsCopied) Copied.Write(writer, value.At, options);
        else Plain.Write(writer, value.At, options);
    }
}
