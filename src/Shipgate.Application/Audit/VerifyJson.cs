using System.Globalization;
using System.Text.Json.Serialization;
using Shipgate.Integrations;
using Shipgate.Rendering;

namespace Shipgate.Audit;

/// <summary>schemas/audit-verify.v1.json: the verdict, every problem and direct push, the emergencies, the witness.</summary>
internal sealed record VerifyJson(
    bool Ok, string Repository, string ArchiveBranch, string? ArchiveSha, string ProductionBranch, string? ProductionSha, int Releases,
    int ReleaseTags, int Reviews, string? FirstBroken, IReadOnlyList<ProblemJson> Problems, IReadOnlyList<DirectPushJson> DirectPushes,
    IReadOnlyList<ReviewedDirectPushJson> ReviewedDirectPushes, IReadOnlyList<EmergencyJson> Emergencies, bool SignaturesRequired,
    WitnessJson? Witness, int Unproven, IReadOnlyList<UnprovenReviewJson> UnprovenReviews)
{
    public static VerifyJson Of(TrailFacts facts, TrailVerdict verdict) => new(
        verdict.Ok, facts.Repository, facts.ArchiveBranch, facts.ArchiveTip, facts.ProductionBranch, facts.MainTip, verdict.Releases,
        facts.ReleaseTags.Count, verdict.Reviews, verdict.FirstBroken, [.. verdict.Problems.Select(ProblemJson.Of)],
        [.. verdict.DirectPushes.Select(p => new DirectPushJson(p.Sha, p.Subject, p.Author, p.AuthorEmail))],
        [.. verdict.ReviewedDirectPushes.Select(r => new ReviewedDirectPushJson(
            r.Push.Sha, r.Push.Subject, r.Push.Author, r.Push.AuthorEmail, r.ReviewId, r.ReviewedBy, r.AfterRelease, r.BeforeRelease))],
        [.. verdict.Emergencies.Select(e => new EmergencyJson(e.ReleaseId, e.Reason, e.ReleasedAt, e.ReviewId, e.Overdue))],
        verdict.SignaturesRequired, WitnessJson.Of(verdict.Witness), verdict.Unproven.Count,
        [.. verdict.Unproven.Select(u => new UnprovenReviewJson(u.ReviewId, u.ReviewedBy, u.Why))]);
}

/// <summary>One problem: the check it fails (its wire name), the record it concerns, and what is wrong.</summary>
internal sealed record ProblemJson(TrailCheck Check, string? Record, string Message)
{
    public static ProblemJson Of(TrailProblem p) => new(p.Check, p.Link, p.Message);
}

internal sealed record DirectPushJson(string Sha, string Subject, string Author, string AuthorEmail);

internal sealed record ReviewedDirectPushJson(
    string Sha, string Subject, string Author, string AuthorEmail, string ReviewId, string ReviewedBy, string? AfterRelease, string? BeforeRelease);

internal sealed record EmergencyJson(
    string ReleaseId, string Reason, [property: JsonConverter(typeof(PlainTime))] DateTimeOffset ReleasedAt, string? ReviewId, bool Overdue);

internal sealed record UnprovenReviewJson(string ReviewId, string ReviewedBy, string Reason);

/// <summary>The witness's section: its verdict, what GitHub answered for, each record witnessed or why not, the claims.</summary>
/// <param name="AnsweredSince">UTC, to the second (yyyy-MM-ddTHH:mm:ssZ).</param>
internal sealed record WitnessJson(
    WitnessStatus Status, string? NotAskedReason, string? AnsweredSince, IReadOnlyList<RecordWitnessJson> Records, ClaimsJson? Claims,
    IReadOnlyList<WithoutActorJson> WithoutActor)
{
    public static WitnessJson? Of(WitnessVerdict? witness) => witness is null ? null : new(
        witness.Status, witness.NotAsked, witness.AnsweredSince is { } since ? Time(since) : null,
        [.. witness.Records.Select(r => new RecordWitnessJson(r.Id, r.Witnessed, r.WhyNot))],
        witness.Claims is not { } claims ? null
            : new ClaimsJson(claims.NotChecked, claims.Records, claims.PullRequests, claims.Commits, claims.CiChecked, claims.Problems.Count),
        [.. witness.WithoutActor.Select(a => new WithoutActorJson(a.Ref, a.Before, a.After, a.Type, Time(a.Timestamp)))]);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

internal sealed record RecordWitnessJson(string Record, bool Witnessed, string? Reason);

internal sealed record ClaimsJson(string? NotCheckedReason, int Records, int PullRequests, int Commits, int CiChecked, int Contradicted);

/// <param name="ActivityType">GitHub's activity type (push, force_push, ...).</param>
internal sealed record WithoutActorJson(string Ref, string Before, string After, RefActivityType ActivityType, string Timestamp);
