using System.Text.Json.Serialization;
using Shipgate.Record;

namespace Shipgate.Release;

/// <summary>The verdict of a dry run: whether the release would go ahead now.</summary>
internal enum PlanVerdict
{
    [JsonStringEnumMemberName("would_release")] WouldRelease,
    [JsonStringEnumMemberName("blocked")] Blocked,
    [JsonStringEnumMemberName("nothing_to_release")] NothingToRelease,
}

/// <summary>schemas/release-plan.v1.json: the verdict, the checklist and, once gathered, the plan.</summary>
/// <param name="BlockedReason">Why a gate refused the release (already free of secrets), null when none did.</param>
/// <param name="PlanDigest">The SHA-256 of what the release would do (what --approved-plan names); absent without a plan.</param>
/// <param name="Word">The word a GitHub Environment's reviewer types to approve the plan; only inside GitHub Actions.</param>
internal sealed record PlanJson(
    int SchemaVersion, ToolInfo Tool, string Repository, PlanVerdict Verdict, string? BlockedReason, IReadOnlyList<PlanBox> Checklist,
    PlanFields? Plan,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PlanDigest = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Word = null);

/// <summary>One box of the summary's checklist; <see cref="Reason"/> says why it is unticked.</summary>
internal sealed record PlanBox(string Label, bool Passed, string? Reason);

/// <summary>
/// The record's fields that describe what would ship, under the record's names and in its order (control_changes last, and only
/// when the release changes a control file); the rest (id, releaser, confirmation, chain) exist only once released.
/// </summary>
internal sealed record PlanFields(
    string Repository, string FromRef, string FromSha, string ToRef, string ToSha, int CommitsCount, int MergeCommitsCount, int FilesChanged,
    int Insertions, int Deletions, IReadOnlyList<RecordCommit> Commits, IReadOnlyList<RecordPullRequest> PullRequests,
    IReadOnlyList<RecordTicket> LinearTickets, IReadOnlyList<RecordTicket> JiraTickets, IReadOnlyDictionary<string, IReadOnlyList<string>> ChangeSummary,
    IReadOnlyDictionary<string, string> AreaTitles, IReadOnlyList<RecordUnspecced> UnspeccedChanges, RecordCiStatus CiStatus,
    IReadOnlyList<RecordOpenPullRequest> OpenPrs, IReadOnlyList<string> Warnings, RecordEmergency? Emergency, RecordPolicy? Policy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RecordControlChange>? ControlChanges)
{
    /// <summary>The plan's part of a record built from the dry run.</summary>
    public static PlanFields Of(ReleaseRecord r) => new(
        r.Repository, r.FromRef, r.FromSha, r.ToRef, r.ToSha, r.CommitsCount, r.MergeCommitsCount, r.FilesChanged, r.Insertions, r.Deletions,
        r.Commits, r.PullRequests, r.LinearTickets, r.JiraTickets, r.ChangeSummary, r.AreaTitles, r.UnspeccedChanges, r.CiStatus, r.OpenPrs,
        r.Warnings, r.Emergency, r.Policy, r.ControlChanges);
}
