using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Record;

namespace Shipgate.Audit;

/// <summary>
/// Records the after-the-fact review of an emergency release, by someone other than its releaser
/// (separation of duties) proven by a token or a signature (<see cref="ReviewerProofs"/>), as a link of the archive branch's hash chain.
/// </summary>
internal static class EmergencyReview
{
    public static async Task<ReviewRecord> RecordAsync(GitRepository git, ShipgateConfig config, string releaseId, Reviewer reviewer, string note,
        AllowedSigners? signers, DateTimeOffset now, CancellationToken ct)
    {
        var archive = await ReviewChain.ReadAsync(git, config, "this review", ct);
        if (!archive.Files.Contains(RecordFiles.JsonPath(releaseId)))
            throw new UsageException($"There is no release {releaseId} on {config.ArchiveBranch}.");
        var record = RecordFiles.FromJsonBytes(await git.ReadFileAsync(archive.Tip, RecordFiles.JsonPath(releaseId), ct));
        if (record?.Emergency is null)
            throw new UsageException($"{releaseId} was not an emergency release; only emergency releases take a review record.");
        if (SeparationOfDuties.ReleaserConflict(reviewer, record) is { } conflict) throw SelfReview(releaseId, conflict);
        var proven = await ReviewerProofs.ProveAsync(git, config, reviewer, signers, ct);
        if (SeparationOfDuties.ProofConflict(proven, await ReviewerProofs.ReleaserAsync(git, archive.Tip, record, ct)) is { } proofConflict)
            throw SelfReview(releaseId, proofConflict);

        return await ReviewChain.AppendAsync(git, config, archive, "this review", state => ReviewChain.NewReview(state, ReviewKind.Review, reviewer, note, now) with
        {
            ReviewsRelease = releaseId,
            ReviewerProof = proven.Proof,
        }, review => $"review: {releaseId} reviewed by {review.ReviewedBy}", ct, proven, signers);
    }

    private static ShipgateException SelfReview(string releaseId, string conflict) => new(ExitCode.Blocked,
        $"BLOCKED: you cannot review {releaseId}: {conflict}, and a release is reviewed by someone other than its releaser " +
        "(separation of duties).\n\n" +
        $"Ask another person to run, in their own clone: shipgate audit review {releaseId} --note <url or text>\nNothing was recorded.");
}
