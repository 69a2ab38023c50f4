using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Audit;

/// <summary>
/// Appends a review record for an emergency release to the archive branch: one commit made with
/// plumbing and one push guarded by a lease, like a release record.
/// </summary>
public static class EmergencyReview
{
    public static async Task<ReviewRecord> RecordAsync(LocalRepository repository, string releaseId, string reviewedBy, string note, DateTimeOffset now,
        CancellationToken ct)
    {
        var (config, git) = (repository.Config, repository.Git);
        if (string.IsNullOrWhiteSpace(reviewedBy) || string.IsNullOrWhiteSpace(note))
            throw new UsageException("--by and --note must say who reviewed the release and what they found.");

        var heads = await git.RemoteHeadsAsync(config.Remote, [config.ArchiveBranch], ct);
        var archive = heads.GetValueOrDefault(config.ArchiveBranch)
            ?? throw new UsageException($"The remote has no {config.ArchiveBranch} branch: there is no release to review.");
        await git.FetchObjectsAsync(config.Remote, [config.ArchiveBranch], ct);
        var files = await git.ListFilesAsync(archive, ct);
        if (!files.Contains(RecordFiles.JsonPath(releaseId)))
            throw new UsageException($"There is no release {releaseId} on {config.ArchiveBranch}.");
        var record = RecordFiles.FromJsonBytes(await git.ReadFileAsync(archive, RecordFiles.JsonPath(releaseId), ct));
        if (record?.Emergency is null)
            throw new UsageException($"{releaseId} was not an emergency release; only emergency releases take a review record.");

        var (previous, _) = (await RecordFiles.ChainTipAsync(git, archive, files, ct))!.Value; // the release under review is on the chain
        var identity = await git.IdentityAsync(ct);
        var at = RecordFiles.RecordTime(now);
        var review = new ReviewRecord
        {
            ReviewId = RecordFiles.NewReviewId(at, files),
            ReviewsRelease = releaseId,
            Timestamp = at,
            ReviewedBy = SafeText.OneLine(reviewedBy),
            Note = SafeText.OneLine(note),
            RecordedBy = identity.Name,
            RecordedByEmail = identity.Email,
            Tool = RecordBuilder.Tool,
            PreviousRelease = previous,
        };

        var commit = await git.CommitFilesAsync(archive, new Dictionary<string, byte[]>
        {
            [RecordFiles.JsonPath(review.ReviewId)] = RecordFiles.ToJsonBytes(review),
        }, $"review: {releaseId} reviewed by {review.ReviewedBy}\n\nReview-Id: {review.ReviewId}\n", config.Audit.Sign, ct);
        var outcome = await git.PushAtomicAsync(config.Remote, [new RefUpdate("refs/heads/" + config.ArchiveBranch, commit, archive)], ct);
        if (outcome is not PushOutcome.Landed)
            throw new ShipgateException(ExitCode.Error,
                $"The review record did not land on {config.ArchiveBranch}.\n\n{PushFacts.Describe(outcome)}\n\nRun the command again.");
        return review;
    }
}
