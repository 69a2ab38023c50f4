using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Audit;

/// <summary>The archive branch as a review record finds it: its tip, its files, and the last link of the hash chain.</summary>
internal sealed record ArchiveState(string Tip, IReadOnlyList<string> Files, PreviousRelease ChainTip);

/// <summary>
/// Appends review records to the archive branch: one commit made with plumbing and one push
/// guarded by a lease, like a release record, so a review is a link of the same hash chain.
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

    /// <param name="proven">A review's proven reviewer: a commit their proof says is signed is signed, and checked before the push.</param>
    public static async Task AppendAsync(GitRepository git, ShipgateConfig config, ArchiveState archive, ReviewRecord review, string subject,
        CancellationToken ct, ProvenReviewer? proven = null, AllowedSigners? signers = null)
    {
        var bySignature = proven?.Proof.Method == ProofMethod.SshSignature;
        var commit = await git.CommitFilesAsync(archive.Tip, new Dictionary<string, byte[]>
        {
            [RecordFiles.JsonPath(review.ReviewId)] = RecordFiles.ToJsonBytes(review),
        }, $"{subject}\n\nReview-Id: {review.ReviewId}\n", config.Audit.Sign || bySignature, ct);
        if (bySignature) await ReviewerProofs.RequireSignedAsync(git, commit, proven!, signers!, ct);
        var outcome = await git.PushAtomicAsync(config.Remote, [new RefUpdate("refs/heads/" + config.ArchiveBranch, commit, archive.Tip)], ct);
        if (outcome is not PushOutcome.Landed)
            throw new ShipgateException(ExitCode.Error,
                $"The review record did not land on {config.ArchiveBranch}.\n\n{PushFacts.Describe(outcome)}\n\nRun the command again.");
    }
}
