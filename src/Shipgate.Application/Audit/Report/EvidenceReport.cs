using System.Globalization;
using System.Text.Json;
using Shipgate.Git;
using Shipgate.Record;

namespace Shipgate.Audit.Report;

/// <summary>
/// One release of the period, with the review of it when it was an emergency and someone other
/// than its releaser reviewed it (a review by the releaser does not count; verify names it).
/// </summary>
internal sealed record ReleaseEvidence(ReleaseRecord Record, ReviewRecord? Review)
{
    public bool IsEmergency => Record.Emergency is not null;

    /// <summary>The deployment record of the release (the last, if --resume --wait recorded more than one); null: not followed.</summary>
    public DeploymentRecord? Deployment { get; init; }

    /// <summary>succeeded, failed, timed_out, or not_followed when no deployment was recorded.</summary>
    public string DeploymentOutcome => Deployment?.Outcome ?? "not_followed";

    /// <summary>Where the record is on the archive branch (<c>releases/&lt;id&gt;.json</c>), and the SHA-256 of its bytes there.</summary>
    public string RecordPath { get; init; } = RecordFiles.JsonPath(Record.ReleaseId);

    public string? RecordSha256 { get; init; }

    /// <summary>The release's tag on the remote (named as the release); null: none was found, or it was not looked for.</summary>
    public string? Tag { get; init; }

    /// <summary>Made during a freeze (an emergency): the freeze record in force, or "freeze window"; null when not.</summary>
    public string? DuringFreeze { get; init; }
}

/// <summary>What <c>audit verify</c> says of the whole trail, at the top of the pack: the sample is only as good as the trail.</summary>
/// <param name="FirstProblem">The first thing verify found broken; null when the trail is intact.</param>
/// <param name="Witness">What GitHub's record of pushes said: witnessed, not witnessed, or not asked and why.</param>
internal sealed record ReportVerify(bool Intact, int Problems, string? FirstProblem, string Witness)
{
    public static ReportVerify Of(TrailVerdict verdict) => new(
        verdict.Ok,
        verdict.Problems.Count,
        verdict.Problems.FirstOrDefault()?.Message,
        verdict.Witness switch
        {
            null => "not asked",
            { Asked: false } w => $"not asked: {w.NotAsked}",
            { Witnessed: true } => "witnessed",
            _ => "not witnessed",
        });
}

/// <summary>The figures an auditor starts from. <see cref="Gaps"/> counts every warning the releases recorded.</summary>
internal sealed record ReportTotals(
    int Releases,
    int PullRequests,
    int IndependentlyReviewed,
    int ReviewUnknown,
    int UnspeccedChanges,
    int Gaps,
    int Emergencies,
    int EmergenciesUnreviewed,
    int DirectPushesAcknowledged = 0)
{
    /// <summary>Independently reviewed PRs as a share of all PRs; PRs whose review is unknown count as not reviewed.</summary>
    public string ShareIndependentlyReviewed =>
        PullRequests == 0 ? "n/a" : (100.0 * IndependentlyReviewed / PullRequests).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}

/// <summary>
/// The evidence pack for an audit period: every release recorded in it, oldest first, and the
/// totals. Built from the trail's records alone (pure); each renderer turns it into one format.
/// Integrity of the trail is <c>audit verify</c>'s job: a record that cannot be read is listed, not judged.
/// </summary>
internal sealed record EvidenceReport(
    string Repository,
    ReportPeriod Period,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ReleaseEvidence> Releases,
    ReportTotals Totals,
    IReadOnlyList<string> UnreadableRecords,
    /// <summary>Reviews, dated in the period, that acknowledged commits pushed straight to production.</summary>
    IReadOnlyList<ReviewRecord> DirectPushReviews)
{
    /// <summary>Verify's verdict on the trail the pack was read from; null when it was not verified (a pack built from records alone).</summary>
    public ReportVerify? Verify { get; init; }

    /// <summary>The pack as <c>audit report</c> writes it: the period's evidence from the trail, each release's tag, verify's verdict on top.</summary>
    public static EvidenceReport Of(string repository, TrailFacts facts, TrailVerdict verdict, ReportPeriod period, DateTimeOffset generatedAt) =>
        Build(repository, facts.Links, period, generatedAt, facts.ReleaseTags) with { Verify = ReportVerify.Of(verdict) };
    /// <summary>Freezes started or ended by hand, dated in the period.</summary>
    public IReadOnlyList<FreezeRecord> Freezes { get; init; } = [];

    /// <param name="links">The trail in chain order, as <see cref="TrailReader"/> reads it.</param>
    /// <param name="tags">The remote's release tags; null: not looked for.</param>
    public static EvidenceReport Build(string repository, IReadOnlyList<TrailLink> links, ReportPeriod period, DateTimeOffset generatedAt,
        IReadOnlyList<TagObject>? tags = null)
    {
        var shas = new Dictionary<string, string>();
        var tagged = (tags ?? []).Select(t => ReleaseTag.ReleaseIdOf(t.Ref)).OfType<string>().ToHashSet();
        var releases = new List<ReleaseRecord>();
        var reviews = new List<ReviewRecord>();
        var deployments = new List<DeploymentRecord>();
        var freezes = new List<FreezeRecord>();
        var duringFreeze = new Dictionary<string, string>();
        string? inForce = null;
        var unreadable = new List<string>();
        foreach (var link in links)
        {
            try
            {
                if (link.IsRelease)
                {
                    releases.Add(RecordFiles.FromJsonBytes(link.Bytes) ?? throw new JsonException("empty"));
                    shas[link.Id] = link.Sha256;
                    var inWindow = releases[^1].Warnings.Any(w => w.Contains(Release.Phases.FreezeGate.WarningMark, StringComparison.Ordinal));
                    if ((inForce ?? (inWindow ? "freeze window" : null)) is { } freeze) duringFreeze[releases[^1].ReleaseId] = freeze;
                }
                else if (RecordFiles.IsDeploymentId(link.Id))
                    deployments.Add(RecordFiles.DeploymentFromJsonBytes(link.Bytes) ?? throw new JsonException("empty"));
                else if (RecordFiles.IsFreezeId(link.Id))
                {
                    freezes.Add(RecordFiles.FreezeFromJsonBytes(link.Bytes) ?? throw new JsonException("empty"));
                    inForce = freezes[^1].Action == FreezeAction.Start ? freezes[^1].FreezeId : null;
                }
                else reviews.Add(RecordFiles.ReviewFromJsonBytes(link.Bytes) ?? throw new JsonException("empty"));
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
            {
                if (DatedIn(link.Id, period)) unreadable.Add(link.Id);
            }
        }

        // A review may come after the period ends; it still answers for an emergency inside it.
        var evidence = releases
            .Where(r => period.Contains(r.Timestamp))
            .Select(r => new ReleaseEvidence(r, reviews.FirstOrDefault(v => v.Kind == ReviewKind.Review && v.ReviewsRelease == r.ReleaseId
                && SeparationOfDuties.ReleaserConflict(SeparationOfDuties.ReviewerOf(v), r) is null))
            {
                Deployment = deployments.LastOrDefault(d => d.DeploysRelease == r.ReleaseId),
                RecordSha256 = shas.GetValueOrDefault(r.ReleaseId),
                Tag = tagged.Contains(r.ReleaseId) ? r.ReleaseId : null,
                DuringFreeze = duringFreeze.GetValueOrDefault(r.ReleaseId),
            })
            .ToList();
        var directPushReviews = reviews.Where(v => v.Kind == ReviewKind.DirectPushReview && period.Contains(v.Timestamp)).ToList();
        var pullRequests = evidence.SelectMany(e => e.Record.PullRequests).ToList();
        var totals = new ReportTotals(
            evidence.Count,
            pullRequests.Count,
            pullRequests.Count(p => p.IndependentlyApproved == true),
            pullRequests.Count(p => p.IndependentlyApproved is null),
            evidence.Sum(e => e.Record.UnspeccedChanges.Count),
            evidence.Sum(e => e.Record.Warnings.Count),
            evidence.Count(e => e.IsEmergency),
            evidence.Count(e => e.IsEmergency && e.Review is null),
            directPushReviews.Sum(v => v.DirectPushes?.Count ?? 0));
        return new EvidenceReport(repository, period, generatedAt, evidence, totals, unreadable, directPushReviews)
        {
            Freezes = [.. freezes.Where(f => period.Contains(f.Timestamp))],
        };
    }

    /// <summary>The day in a record id (release-YYYY-MM-DD-…), which is all that is left of an unreadable record.</summary>
    private static bool DatedIn(string id, ReportPeriod period) =>
        id.Split('-', 2) is [_, var rest] && rest.Length >= 10 && DateOnly.TryParseExact(rest[..10], "yyyy-MM-dd", out var day)
        && day >= period.Since && day <= period.Until;
}
