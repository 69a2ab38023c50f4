using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Release.After;
using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>
/// After the push: a GitHub Deployment of the release's tag to the policy's environment (<c>github.environment</c>, else
/// production), its payload naming the release and its record's SHA-256, marked in progress; under --wait, once the
/// deployment check has followed the run, marked success or failure with the run as its log. Made once per release:
/// --resume finds the one made before (same tag, environment and release id) and never makes a second.
/// Skipped: no GitHub, or a record that names no tag; the screen says which.
/// Never fails the release: a refusal is a WARNING and the release stays made.
/// </summary>
internal static class GitHubDeployment
{
    public static async Task<GitHubDeploymentSeen> StartAsync(ReleaseContext context, Released released, CancellationToken ct)
    {
        var seen = await MakeAsync(context, released, ct);
        AfterReleaseScreen.Line(context.Console, seen.Note, warning: seen.Failed);
        return seen;
    }

    /// <summary>Under --wait: success when every run passed, failure when one did not; a run still going leaves it in progress.</summary>
    public static async Task FinishAsync(ReleaseContext context, Released released, GitHubDeploymentSeen? made, DeploymentSeen deployment,
        CancellationToken ct)
    {
        if (made?.Id is not { } id || !context.CodeHost.TryGet(out var host) || host is not IDeploymentHost deployments) return;
        var outcome = DeploymentVerdict.Judge(deployment, followed: true);
        if (outcome is not (DeploymentOutcome.Succeeded or DeploymentOutcome.Failed)) return;
        var state = outcome == DeploymentOutcome.Succeeded ? DeploymentState.Success : DeploymentState.Failure;
        var run = deployment.Runs.FirstOrDefault(r => state == DeploymentState.Success || r.Conclusion != RunConclusion.Success) ?? deployment.Runs[0];
        try
        {
            await deployments.SetDeploymentStatusAsync(id, state, run.Url, $"{run.Name}: {run.State}", ct);
            AfterReleaseScreen.Line(context.Console, $"GitHub Deployment {id}: {JsonNames.Of(state)}.", warning: false);
        }
        catch (ShipgateException e) when (!ct.IsCancellationRequested)
        {
            AfterReleaseScreen.Line(context.Console, $"WARNING: GitHub Deployment {id} was not marked {JsonNames.Of(state)} " +
                $"({context.Secrets.Redact(e.Message)}); the release is made. Run shipgate release --resume {released.Record.ReleaseId} --wait to try again.",
                warning: true);
        }
    }

    private static async Task<GitHubDeploymentSeen> MakeAsync(ReleaseContext context, Released released, CancellationToken ct)
    {
        var record = released.Record;
        if (!context.CodeHost.TryGet(out var host))
            return new GitHubDeploymentSeen(null, $"GitHub Deployment not made: {context.CodeHost.Missing}.", Failed: false);
        if (host is not IDeploymentHost deployments)
            return new GitHubDeploymentSeen(null, "GitHub Deployment not made: the code host keeps no deployments.", Failed: false);
        if (ReleasePageText.TagName(record) is not { } tag)
            return new GitHubDeploymentSeen(null, $"GitHub Deployment not made: {record.ReleaseId} was recorded before releases were tagged.", Failed: false);
        var environment = context.Config.GitHub.DeploymentEnvironment;
        try
        {
            var path = RecordFiles.JsonPath(record.ReleaseId);
            var files = await context.Git.ReadFilesAsync(released.RecordCommit, [path], ct);
            var request = new DeploymentRequest(tag, environment, record.ReleaseId, RecordFiles.Sha256Hex(files[path]));
            if (await deployments.FindDeploymentAsync(request, ct) is { } existing)
                return new GitHubDeploymentSeen(existing, $"GitHub Deployment: {existing} to {environment} (made before).", Failed: false);
            var id = await deployments.CreateDeploymentAsync(request, ct);
            await deployments.SetDeploymentStatusAsync(id, DeploymentState.InProgress, null, $"Shipgate released {record.ReleaseId}", ct);
            return new GitHubDeploymentSeen(id, $"GitHub Deployment: {id} to {environment} (in progress).", Failed: false);
        }
        catch (ShipgateException e) when (!ct.IsCancellationRequested)
        {
            return new GitHubDeploymentSeen(null,
                $"WARNING: the GitHub Deployment was not made ({context.Secrets.Redact(e.Message)}); the release is made. " +
                $"Run shipgate release --resume {record.ReleaseId} to try again.", Failed: true);
        }
    }
}

/// <summary>The GitHub Deployment of a release: GitHub's id for it, or why there is none.</summary>
/// <param name="Failed">GitHub refused or did not answer (a warning), as against not being reachable.</param>
internal sealed record GitHubDeploymentSeen(long? Id, string Note, bool Failed);
