using System.Text.Json;
using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Audit;

/// <summary>One thing wrong with the trail; <see cref="Link"/> is the record it concerns, when there is one.</summary>
internal sealed record TrailProblem(TrailCheck Check, string? Link, string Message);

/// <summary>A commit of main that no release record covers.</summary>
internal sealed record DirectPush(string Sha, string Subject, string Author, string AuthorEmail);

/// <summary>A direct push acknowledged by a review record of someone other than its author: a reviewed exception.</summary>
internal sealed record ReviewedDirectPush(DirectPush Push, string ReviewId, string ReviewedBy)
{
    /// <summary>When a later release starts where acknowledged pushes end (a hotfix): the release before the push.</summary>
    public string? AfterRelease { get; init; }

    /// <summary>The release that continued the trail from the push.</summary>
    public string? BeforeRelease { get; init; }
}

/// <summary>An emergency release and where its review stands.</summary>
internal sealed record EmergencyReviewStatus(string ReleaseId, string Reason, DateTimeOffset ReleasedAt, string? ReviewId, bool Overdue);

internal sealed record TrailVerdict(
    bool Ok,
    int Releases,
    int Reviews,
    string? FirstBroken,
    IReadOnlyList<TrailProblem> Problems,
    /// <summary>Direct pushes nobody acknowledged: each breaks the trail.</summary>
    IReadOnlyList<DirectPush> DirectPushes,
    IReadOnlyList<ReviewedDirectPush> ReviewedDirectPushes,
    IReadOnlyList<EmergencyReviewStatus> Emergencies,
    bool SignaturesRequired)
{
    /// <summary>What GitHub's record of pushes says of the trail; null before it was asked.</summary>
    public WitnessVerdict? Witness { get; init; }

    /// <summary>This verdict with the witness's: what GitHub contradicts breaks the trail like any other problem.</summary>
    public TrailVerdict WithWitness(WitnessVerdict witness) => this with
    {
        Ok = Ok && witness.Problems.Count == 0,
        FirstBroken = FirstBroken ?? witness.Problems.Select(p => p.Link).FirstOrDefault(l => l is not null),
        Problems = [.. Problems, .. witness.Problems],
        Witness = witness,
    };

    /// <summary>Reviews nothing proves the reviewer of (<see cref="ReviewProofCheck"/>): counted and flagged, not a break.</summary>
    public IReadOnlyList<UnprovenReview> Unproven { get; init; } = [];
}

/// <summary>
/// Judges the trail, in the manner of CloudTrail's log-file validation: every record matches its
/// schema; each links to the one before by the SHA-256 of its bytes; release tags and records match
/// both ways (<see cref="ReleaseTagCheck"/>); records were only ever added,
/// in order; release ranges are contiguous; every change of main since the first release is in a
/// recorded range or acknowledged as a direct push; record commits are signed when required;
/// emergencies are reviewed in time; no review is by the releaser or the author it answers for.
/// Pure: <c>TrailReader</c> gathers the facts.
/// </summary>
internal static class TrailVerifier
{
    public static TrailVerdict Verify(TrailFacts facts, DateTimeOffset now, TimeSpan reviewWithin)
    {
        var problems = new List<TrailProblem>();
        CheckAppendOnly(facts, problems);
        CheckOrder(facts, problems);

        var releases = new List<(TrailLink Link, ReleaseRecord Record)>();
        var reviews = new List<(TrailLink Link, ReviewRecord Record)>();
        TrailLink? previous = null;
        // Each record against its schema on every core (the most work verify does in-process); then judged in order.
        var schemaErrors = facts.Links.AsParallel().AsOrdered().Select(link => RecordSchemas.ValidateLink(link.Id, link.Bytes)).ToList();
        foreach (var (link, errors) in facts.Links.Zip(schemaErrors))
        {
            if (errors.Count > 0)
                // Nothing in a record that breaks the schema can be trusted; it still counts as a link for the next one's hash.
                problems.Add(new(TrailCheck.Schema, link.Id, $"{link.Path} does not match the published schema: {string.Join("; ", errors.Take(5))}"));
            else
                CheckLink(link, previous, problems, releases, reviews);
            previous = link;
        }

        PrArchives.PrArchiveCheck.Check(facts, problems);
        // A release approved in a GitHub Environment: the channel's rules, re-checked from what the record says GitHub answered.
        problems.AddRange(releases.SelectMany(r => Release.EnvironmentApproval.RecordProblems(r.Record)
            .Select(p => new TrailProblem(TrailCheck.Independence, r.Link.Id, $"{r.Link.Id} was approved in a GitHub Environment, but {p}."))));
        ReleaseTagCheck.Check(facts, releases, problems);
        ReleaseTagCheck.CheckSignatures(facts, problems);
        var (refuted, unproven) = ReviewProofCheck.Check(facts, releases, reviews, problems);
        var counted = reviews.Where(r => !refuted.Contains(r.Link.Id)).ToList();
        // Without a release, main's history is all of main and nothing asks about it.
        var history = new CommitGraph(releases.Count > 0 ? facts.MainSinceFirstRelease : []);
        // Acknowledged direct pushes are known before the ranges are judged (a release may start where they end); the problems keep their order.
        var later = new List<TrailProblem>();
        var uncovered = CheckCoverage(facts, history, releases, later);
        var acknowledged = CheckRanges(facts, history, releases, CheckDirectPushReviews(facts, uncovered, counted, later), problems);
        problems.AddRange(later);
        var acknowledgedShas = acknowledged.Select(a => a.Push.Sha).ToHashSet();
        var pushes = uncovered.Where(p => !acknowledgedShas.Contains(p.Sha)).ToList();
        if (pushes.Count > 0)
            problems.Add(new(TrailCheck.Coverage, null,
                (pushes.Count == 1
                    ? $"1 commit on {facts.ProductionBranch} is in no release record (a direct push): "
                    : $"{pushes.Count} commits on {facts.ProductionBranch} are in no release record (direct pushes): ") +
                string.Join(", ", pushes.Take(10).Select(p => $"{Short(p.Sha)} \"{p.Subject}\"")) + (pushes.Count > 10 ? ", …" : "") +
                ". Someone other than their author can acknowledge them: shipgate audit review --direct-push <sha>… --note <text>."));
        CheckSignatures(facts, problems);
        var emergencies = CheckEmergencies(releases, counted, now, reviewWithin, problems);

        var firstBroken = problems.Where(p => p.Link is not null).Select(p => p.Link!).Order(RecordFiles.ChainOrder).FirstOrDefault();
        return new TrailVerdict(problems.Count == 0, releases.Count, reviews.Count, firstBroken, problems, pushes, acknowledged, emergencies,
            facts.Signatures is not null)
        { Unproven = unproven };
    }

    private static void CheckAppendOnly(TrailFacts facts, List<TrailProblem> problems)
    {
        foreach (var commit in facts.ArchiveHistory)
            foreach (var change in commit.Changes.Where(c => c.Path.StartsWith(RecordFiles.Folder, StringComparison.Ordinal) && c.Status != 'A'))
            {
                var id = Path.GetFileNameWithoutExtension(change.Path);
                var what = change.Status == 'D' ? "deleted" : "edited";
                problems.Add(new(TrailCheck.AppendOnly, id,
                    $"{change.Path} was {what} by commit {Sha.Short(commit.Sha)} (\"{SafeText.OneLine(commit.Subject)}\"); " +
                    "records may only be added."));
            }
    }

    private static void CheckOrder(TrailFacts facts, List<TrailProblem> problems)
    {
        TrailLink? latest = null;
        foreach (var link in facts.Links)
        {
            if (latest is not null && RecordFiles.ChainOrder.Compare(link.Id, latest.Id) < 0)
                problems.Add(new(TrailCheck.Order, link.Id,
                    $"{link.Id} was added after {latest.Id} but is dated before it: a record was inserted or reordered later."));
            else latest = link;
        }
    }

    private static void CheckLink(TrailLink link, TrailLink? previous, List<TrailProblem> problems,
        List<(TrailLink, ReleaseRecord)> releases, List<(TrailLink, ReviewRecord)> reviews)
    {
        PreviousRelease? claimed;
        try
        {
            if (link.IsRelease)
            {
                var record = RecordFiles.FromJsonBytes(link.Bytes) ?? throw new JsonException("empty");
                if (record.ReleaseId != link.Id)
                    problems.Add(new(TrailCheck.Chain, link.Id, $"{link.Path} says it is {record.ReleaseId}: records were swapped or renamed."));
                claimed = record.PreviousRelease;
                releases.Add((link, record));
            }
            else if (RecordFiles.IsDeploymentId(link.Id))
            {
                var deployment = RecordFiles.DeploymentFromJsonBytes(link.Bytes) ?? throw new JsonException("empty");
                if (deployment.DeploymentId != link.Id)
                    problems.Add(new(TrailCheck.Chain, link.Id, $"{link.Path} says it is {deployment.DeploymentId}: records were swapped or renamed."));
                if (!releases.Any(r => r.Item2.ReleaseId == deployment.DeploysRelease))
                    problems.Add(new(TrailCheck.Chain, link.Id, $"{link.Id} records the deployment of {deployment.DeploysRelease}, " +
                        "which is not on the archive branch before it."));
                claimed = deployment.PreviousRelease;
            }
            else if (RecordFiles.IsFreezeId(link.Id))
            {
                var freeze = RecordFiles.FreezeFromJsonBytes(link.Bytes) ?? throw new JsonException("empty");
                if (freeze.FreezeId != link.Id)
                    problems.Add(new(TrailCheck.Chain, link.Id, $"{link.Path} says it is {freeze.FreezeId}: records were swapped or renamed."));
                claimed = freeze.PreviousRelease;
            }
            else
            {
                var review = RecordFiles.ReviewFromJsonBytes(link.Bytes) ?? throw new JsonException("empty");
                if (review.ReviewId != link.Id)
                    problems.Add(new(TrailCheck.Chain, link.Id, $"{link.Path} says it is {review.ReviewId}: records were swapped or renamed."));
                claimed = review.PreviousRelease;
                reviews.Add((link, review));
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            problems.Add(new(TrailCheck.Schema, link.Id, $"{link.Path} cannot be read as a record: {e.Message}"));
            return;
        }

        if (previous is null)
        {
            if (claimed is not null)
                problems.Add(new(TrailCheck.Chain, link.Id,
                    $"{link.Id} links to {claimed.Id}, which is not on the archive branch: a record before it was removed."));
        }
        else if (claimed is null)
            problems.Add(new(TrailCheck.Chain, link.Id, $"{link.Id} links to nothing, but {previous.Id} was recorded before it."));
        else if (claimed.Id != previous.Id || claimed.Sha256 != previous.Sha256)
            problems.Add(new(TrailCheck.Chain, link.Id,
                claimed.Id != previous.Id
                    ? $"{link.Id} links to {claimed.Id}, but the record before it is {previous.Id}: " +
                      "the chain was broken by a removed, inserted or reordered record."
                    : $"{link.Id} holds SHA-256 {Short(claimed.Sha256, 12)}… of {previous.Id}, whose bytes now hash to {Short(previous.Sha256, 12)}…: " +
                      $"{previous.Id} was changed after it was recorded."));
    }

    /// <summary>
    /// Each release starts where the one before it ended, or where direct pushes acknowledged by reviews end (a hotfix: those
    /// pushes are then named as lying between the two releases); where not, the message says whether it is a gap, an overlap
    /// or off the line. Returns the acknowledged pushes, those between two releases saying so.
    /// </summary>
    private static IReadOnlyList<ReviewedDirectPush> CheckRanges(TrailFacts facts, CommitGraph history,
        List<(TrailLink Link, ReleaseRecord Record)> releases, IReadOnlyList<ReviewedDirectPush> acknowledged, List<TrailProblem> problems)
    {
        var bySha = acknowledged.ToDictionary(a => a.Push.Sha);
        for (var i = 1; i < releases.Count; i++)
        {
            var (link, record) = releases[i];
            var before = releases[i - 1].Record;
            if (record.FromSha == before.ToSha) continue;
            var trailStart = releases[0].Record.FromSha;
            var kind = RangeBreak.Classify(history, trailStart, before.ToSha, record.FromSha);
            if (kind == RangeBreakKind.Gap && RangeBreak.AcknowledgedGap(history, before.ToSha, record.FromSha, bySha.Keys.ToHashSet()) is { } between)
            {
                foreach (var sha in between)
                    bySha[sha] = bySha[sha] with { AfterRelease = before.ReleaseId, BeforeRelease = link.Id };
                continue;
            }
            problems.Add(new(TrailCheck.Ranges, link.Id,
                RangeBreak.Message(kind, facts.ProductionBranch, trailStart, before.ReleaseId, before.ToSha, link.Id, record.FromSha)));
        }
        return acknowledged.Select(a => bySha[a.Push.Sha]).ToList();
    }

    /// <summary>The commits of main since the first release that no release covers (acknowledged or not).</summary>
    private static IReadOnlyList<DirectPush> CheckCoverage(TrailFacts facts, CommitGraph history, List<(TrailLink Link, ReleaseRecord Record)> releases,
        List<TrailProblem> problems)
    {
        if (releases.Count == 0) return [];
        if (!facts.FirstReleaseStartIsOnMain)
        {
            problems.Add(new(TrailCheck.Coverage, releases[0].Link.Id,
                $"{facts.ProductionBranch} no longer contains {Short(releases[0].Record.FromSha)}, where the first release started: " +
                "its history was rewritten."));
            return [];
        }
        var covered = new HashSet<string>();
        foreach (var (link, record) in releases)
        {
            if (!history.Contains(record.ToSha) && record.ToSha != record.FromSha)
            {
                problems.Add(new(TrailCheck.Coverage, link.Id,
                    $"{facts.ProductionBranch} no longer contains {Short(record.ToSha)}, released by {link.Id}: its history was rewritten."));
                continue;
            }
            covered.UnionWith(history.Range(record.FromSha, record.ToSha));
        }
        return facts.MainSinceFirstRelease.Where(c => !covered.Contains(c.Sha))
            .Select(c => new DirectPush(c.Sha, SafeText.OneLine(c.Subject), SafeText.OneLine(c.AuthorName), c.AuthorEmail)).ToList();
    }

    /// <summary>The direct pushes acknowledged by a review of someone other than their author; any other acknowledgement is a problem.</summary>
    private static IReadOnlyList<ReviewedDirectPush> CheckDirectPushReviews(TrailFacts facts, IReadOnlyList<DirectPush> uncovered,
        List<(TrailLink Link, ReviewRecord Record)> reviews, List<TrailProblem> problems)
    {
        var bySha = uncovered.ToDictionary(p => p.Sha);
        var result = new List<ReviewedDirectPush>();
        foreach (var (link, review) in reviews.Where(r => r.Record.Kind == ReviewKind.DirectPushReview))
        {
            var reviewer = SeparationOfDuties.ReviewerOf(review);
            foreach (var claimed in review.DirectPushes ?? [])
            {
                if (!bySha.TryGetValue(claimed.Sha, out var push))
                    problems.Add(new(TrailCheck.Reviews, link.Id,
                        $"{link.Id} acknowledges {Short(claimed.Sha)}, which is not a direct push to {facts.ProductionBranch}."));
                else if (SeparationOfDuties.IsAuthor(reviewer, push.AuthorEmail))
                    problems.Add(new(TrailCheck.Independence, link.Id,
                        $"{link.Id} acknowledges {Short(push.Sha)} \"{push.Subject}\", but its reviewer {reviewer.Email} wrote that commit: " +
                        "someone else must acknowledge it."));
                else if (result.All(r => r.Push.Sha != push.Sha))
                    result.Add(new ReviewedDirectPush(push, link.Id, SafeText.OneLine(reviewer.Name)));
            }
        }
        return result;
    }

    private static void CheckSignatures(TrailFacts facts, List<TrailProblem> problems)
    {
        if (facts.Signatures is null) return;
        foreach (var link in facts.Links)
            if (facts.Signatures.GetValueOrDefault(link.AddedIn) is { ByAllowedSigner: false } check)
                problems.Add(new(TrailCheck.Signatures, link.Id,
                    $"commit {Short(link.AddedIn)} that added {link.Id} is not signed by an allowed signer: {SafeText.OneLine(check.WhyNot)}"));
    }

    private static IReadOnlyList<EmergencyReviewStatus> CheckEmergencies(
        List<(TrailLink Link, ReleaseRecord Record)> releases, List<(TrailLink Link, ReviewRecord Record)> reviews,
        DateTimeOffset now, TimeSpan reviewWithin, List<TrailProblem> problems)
    {
        // A review by the releaser is no review: it is named, and the release still awaits an independent one.
        var independent = new List<ReviewRecord>();
        foreach (var (link, review) in reviews.Where(r => r.Record.Kind == ReviewKind.Review))
        {
            var release = releases.FirstOrDefault(x => x.Record.ReleaseId == review.ReviewsRelease).Record;
            if (release is null)
                problems.Add(new(TrailCheck.Reviews, link.Id, $"{link.Id} reviews {review.ReviewsRelease}, which is not on the archive branch."));
            else if (SeparationOfDuties.ReleaserConflict(SeparationOfDuties.ReviewerOf(review), release) is { } conflict)
                problems.Add(new(TrailCheck.Independence, link.Id,
                    $"{link.Id} reviews {release.ReleaseId}, but {conflict}: a release is reviewed by someone other than its releaser, " +
                    "so it does not count."));
            else independent.Add(review);
        }

        var result = new List<EmergencyReviewStatus>();
        foreach (var (link, record) in releases.Where(r => r.Record.Emergency is not null))
        {
            var review = independent.FirstOrDefault(r => r.ReviewsRelease == record.ReleaseId);
            var overdue = review is null && now - record.Timestamp > reviewWithin;
            result.Add(new EmergencyReviewStatus(record.ReleaseId, record.Emergency!.Reason, record.Timestamp, review?.ReviewId, overdue));
            if (overdue)
                problems.Add(new(TrailCheck.Reviews, link.Id,
                    $"emergency release {record.ReleaseId} has no review {(now - record.Timestamp).TotalHours:0} h after it " +
                    $"(allowed: {reviewWithin.TotalHours:0} h). " +
                    $"Someone other than its releaser runs: shipgate audit review {record.ReleaseId} --note <text>."));
        }
        return result;
    }

    /// <summary>The start of a hash for messages; records under audit may hold anything, so never assume a length.</summary>
    private static string Short(string? hash, int length = 7) => hash is null ? "(none)" : hash[..Math.Min(length, hash.Length)];
}
