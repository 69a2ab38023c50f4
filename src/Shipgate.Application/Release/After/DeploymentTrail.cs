using Shipgate.Audit;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Record;

namespace Shipgate.Release.After;

/// <summary>
/// The deployment record of a followed deployment, appended to the archive branch by <see cref="ArchiveAppender"/> as a
/// review is (one plumbing commit, one push guarded by a lease, retried on the new tip when another record lands first);
/// a record that does not land is an error for the phase to report.
/// </summary>
internal static class DeploymentTrail
{
    /// <summary>The record of <paramref name="seen"/> as the next link of the chain at <paramref name="archive"/>. Pure.</summary>
    public static DeploymentRecord NewRecord(ArchiveState archive, ReleaseRecord release, DeploymentSeen seen, DeploymentOutcome outcome,
        GitIdentity recorder, DateTimeOffset now, string? recorderLogin = null, long? gitHubDeploymentId = null)
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
            RecordedByLogin = recorderLogin,
            Tool = RecordBuilder.Tool,
            PreviousRelease = archive.ChainTip,
            GitHubDeploymentId = gitHubDeploymentId,
        };
    }

    public static async Task<DeploymentRecord> AppendAsync(ReleaseContext context, Released released, DeploymentSeen seen, DeploymentOutcome outcome,
        CancellationToken ct, long? gitHubDeploymentId = null)
    {
        var (git, config) = (context.Git, context.Config);
        var recorder = await git.IdentityAsync(ct);
        var login = await RecorderLoginAsync(context, ct);
        return await ArchiveAppender.AppendAsync(git, config, new ArchiveAppend<DeploymentRecord>("the deployment record", "deployment record", archive =>
        {
            var record = NewRecord(archive, released.Record, seen, outcome, recorder, context.Clock.GetUtcNow(), login, gitHubDeploymentId);
            return new ArchiveEntry<DeploymentRecord>(record,
                new Dictionary<string, byte[]> { [RecordFiles.JsonPath(record.DeploymentId)] = RecordFiles.ToJsonBytes(record) },
                $"deployment: {record.DeploysRelease} {record.Outcome}\n\nDeployment-Id: {record.DeploymentId}\n");
        }, config.Audit.Sign), ct);
    }

    /// <summary>
    /// The login GitHub gives for the token that will push the record (<c>GET /user</c>), so the witness can compare the record's
    /// push with it; null without GitHub or when GitHub does not say (an Actions token cannot read /user).
    /// </summary>
    private static async Task<string?> RecorderLoginAsync(ReleaseContext context, CancellationToken ct)
    {
        if (context.CodeHost.Service is not { } codeHost) return null;
        try
        {
            return await codeHost.GetViewerLoginAsync(ct) is { Length: > 0 } login ? Rendering.SafeText.OneLine(login) : null;
        }
        catch (ShipgateException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
