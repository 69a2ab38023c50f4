using Shipgate.Audit;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Record;

namespace Shipgate.Release.After;

/// <summary>
/// Appends the deployment record of a followed deployment to the archive branch: one plumbing commit and one push
/// of that branch alone, guarded by a lease, as a review is. A lease lost to another record landing first is read
/// again and tried once more on the new tip; anything else is an error for the phase to report.
/// </summary>
internal static class DeploymentTrail
{
    private const int Attempts = 3;

    /// <summary>The record of <paramref name="seen"/> as the next link of the chain at <paramref name="archive"/>. Pure.</summary>
    public static DeploymentRecord NewRecord(ArchiveState archive, ReleaseRecord release, DeploymentSeen seen, DeploymentOutcome outcome,
        GitIdentity recorder, DateTimeOffset now)
    {
        var at = RecordFiles.RecordTime(now);
        return new DeploymentRecord
        {
            DeploymentId = RecordFiles.NewDeploymentId(at, archive.Files),
            DeploysRelease = release.ReleaseId,
            Sha = release.ToSha,
            Timestamp = at,
            Outcome = DeploymentVerdict.Word(outcome),
            Runs = [.. seen.Runs.Select(r => new RecordDeploymentRun(r.Id, r.Name, r.Url, JsonNames.Of(r.Status),
                r.Conclusion is { } c ? JsonNames.Of(c) : null, r.StartedAt, r.UpdatedAt))],
            RecordedBy = string.IsNullOrWhiteSpace(recorder.Name) ? "unknown" : recorder.Name,
            RecordedByEmail = recorder.Email,
            Tool = RecordBuilder.Tool,
            PreviousRelease = archive.ChainTip,
        };
    }

    public static async Task<DeploymentRecord> AppendAsync(ReleaseContext context, Released released, DeploymentSeen seen, DeploymentOutcome outcome,
        CancellationToken ct)
    {
        var (git, config) = (context.Git, context.Config);
        var recorder = await git.IdentityAsync(ct);
        PushOutcome pushed = new PushOutcome.Landed();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var archive = await ReviewChain.ReadAsync(git, config, "the deployment record", ct);
            var record = NewRecord(archive, released.Record, seen, outcome, recorder, context.Clock.GetUtcNow());
            var commit = await git.CommitFilesAsync(archive.Tip, new Dictionary<string, byte[]>
            {
                [RecordFiles.JsonPath(record.DeploymentId)] = RecordFiles.ToJsonBytes(record),
            }, $"deployment: {record.DeploysRelease} {record.Outcome}\n\nDeployment-Id: {record.DeploymentId}\n", config.Audit.Sign, ct);
            pushed = await git.PushAtomicAsync(config.Remote, [new RefUpdate("refs/heads/" + config.ArchiveBranch, commit, archive.Tip)], ct);
            if (pushed is PushOutcome.Landed) return record;
            if (pushed is not PushOutcome.LostRace) break;
        }
        throw new ShipgateException(ExitCode.Error,
            $"The deployment record did not land on {config.ArchiveBranch}. {PushFacts.Describe(pushed)}");
    }
}
