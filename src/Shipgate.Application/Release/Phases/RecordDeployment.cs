using Shipgate.Release.After;
using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>
/// After --wait followed the deployment to its end (or gave up on it): a deployment record (runs, urls, conclusions,
/// times) appended to the archive branch as the next link of the hash chain, in its own push with a lease.
/// Skipped: without --wait, or when no run was followed. Never fails the release: a push that does not land is
/// reported, and --resume --wait records it again.
/// </summary>
internal static class RecordDeployment
{
    /// <param name="gitHubDeploymentId">GitHub's id of the release's deployment, which the record names; null when none was made.</param>
    public static async Task<string?> RunAsync(ReleaseContext context, Released released, DeploymentSeen deployment, DeploymentOutcome outcome,
        CancellationToken ct, long? gitHubDeploymentId = null)
    {
        if (outcome == DeploymentOutcome.NotFollowed) return null;
        try
        {
            var record = await DeploymentTrail.AppendAsync(context, released, deployment, outcome, ct, gitHubDeploymentId);
            AfterReleaseScreen.Line(context.Console,
                $"Deployment record: {Record.RecordFiles.JsonPath(record.DeploymentId)} on {context.Config.ArchiveBranch} ({record.Outcome}).", warning: false);
            return record.DeploymentId;
        }
        catch (ShipgateException e) when (!ct.IsCancellationRequested)
        {
            AfterReleaseScreen.Line(context.Console, $"WARNING: the deployment record was not written ({context.Secrets.Redact(e.Message)}); " +
                $"the release is made. Run shipgate release --resume {released.Record.ReleaseId} --wait to record it.", warning: true);
            return null;
        }
    }
}
