using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Audit;

/// <summary>The archive branch as a review record finds it: its tip, its files, and the last link of the hash chain.</summary>
internal sealed record ArchiveState(string Tip, IReadOnlyList<string> Files, PreviousRelease ChainTip);

/// <summary>
/// Review records on the archive branch: read its tip, build a review as the next link of the hash chain, and append it
/// with <see cref="ArchiveAppender"/> (one plumbing commit, one push guarded by a lease, retried when another record lands first).
/// </summary>
internal static class ReviewChain
{
    /// <summary>
    /// The remote's archive branch, fetched (objects only); a usage error when there is no release to review yet, and exit 5
    /// when the trail's tip was cut (<see cref="TrailGuard.RequireIntactAsync"/>): nothing is chained onto changed records.
    /// </summary>
    /// <param name="adding">What the caller would add, for the message ("this review").</param>
    public static async Task<ArchiveState> ReadAsync(GitRepository git, ShipgateConfig config, string adding, CancellationToken ct)
    {
        var heads = await git.RemoteHeadsAsync(config.Remote, [config.ArchiveBranch], ct);
        var archive = heads.GetValueOrDefault(config.ArchiveBranch)
            ?? throw new UsageException($"The remote has no {config.ArchiveBranch} branch: no release was recorded yet, so there is nothing to review.");
        await git.FetchObjectsAsync(config.Remote, [config.ArchiveBranch], ct);
        var files = await git.ListFilesAsync(archive, ct);
        var tip = await ArchiveChain.TipAsync(git, archive, files, ct)
            ?? throw new UsageException($"{config.ArchiveBranch} holds no release record yet, so there is nothing to review.");
        await TrailGuard.RequireIntactAsync(git, config, archive, files, adding, ct);
        return new ArchiveState(archive, files, tip.Link);
    }

    /// <summary>A review of <paramref name="kind"/> by <paramref name="reviewer"/>, dated now, as the next link of the chain.</summary>
    public static ReviewRecord NewReview(ArchiveState archive, ReviewKind kind, Reviewer reviewer, string note, DateTimeOffset now)
    {
        var at = RecordFiles.RecordTime(now);
        return new ReviewRecord
        {
            Kind = kind,
            ReviewId = RecordFiles.NewReviewId(at, archive.Files),
            Timestamp = at,
            ReviewedBy = reviewer.Name,
            ReviewedByEmail = reviewer.Email,
            ReviewedByLogin = reviewer.Login,
            Note = SafeText.OneLine(note),
            RecordedBy = reviewer.Name,
            RecordedByEmail = reviewer.Email,
            Tool = RecordBuilder.Tool,
            PreviousRelease = archive.ChainTip,
        };
    }

    /// <summary>
    /// Appends the review <paramref name="build"/> makes on <paramref name="archive"/> through
    /// <see cref="ArchiveAppender"/>: when another record lands first it is built again on the new tip (a new id, the new last link).
    /// </summary>
    /// <param name="proven">A review's proven reviewer: a commit their proof says is signed is signed, and checked before the push.</param>
    public static Task<ReviewRecord> AppendAsync(GitRepository git, ShipgateConfig config, ArchiveState archive, string adding,
        Func<ArchiveState, ReviewRecord> build, Func<ReviewRecord, string> subject, CancellationToken ct, ProvenReviewer? proven = null,
        AllowedSigners? signers = null)
    {
        var bySignature = proven?.Proof.Method == ProofMethod.SshSignature;
        return ArchiveAppender.AppendAsync(git, config, new ArchiveAppend<ReviewRecord>(adding, "review record", state =>
        {
            var review = build(state);
            return new ArchiveEntry<ReviewRecord>(review,
                new Dictionary<string, byte[]> { [RecordFiles.JsonPath(review.ReviewId)] = RecordFiles.ToJsonBytes(review) },
                $"{subject(review)}\n\nReview-Id: {review.ReviewId}\n");
        }, config.Audit.Sign || bySignature, "Run the command again.",
            bySignature ? commit => ReviewerProofs.RequireSignedAsync(git, commit, proven!, signers!, ct) : null, archive), ct);
    }
}
