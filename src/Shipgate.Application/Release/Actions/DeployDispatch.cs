using Shipgate.Integrations;
using Shipgate.Rendering;

namespace Shipgate.Release.Actions;

/// <summary>
/// After the push of a release made inside GitHub Actions: dispatches deploy.workflow on the production branch with the release tag
/// as its ref input. GitHub starts no workflow for a push made with the job's own GITHUB_TOKEN (workflow_dispatch is exempt), so
/// without this the deployment a push would start never runs. Skipped: without deploy.workflow; for a release made at a terminal
/// or through MCP (their push starts workflows as usual); by --resume, which never dispatches a second deployment.
/// Fails: reported, never undone (<see cref="After.AfterPushSteps"/>).
/// </summary>
internal static class DeployDispatch
{
    public static async Task RunAsync(ReleaseContext context, Released released, CancellationToken ct)
    {
        var config = context.Config;
        if (config.DeployWorkflow is not { } workflow) return;
        if (!context.CodeHost.TryGet(out var host) || host is not IActionsEvidence gitHub)
            throw new ShipgateException(ExitCode.Error, $"deploy.workflow {workflow} cannot be dispatched: {context.CodeHost.Missing ?? "no GitHub API"}.");
        var tag = released.Record.ReleaseId;
        var url = await gitHub.DispatchWorkflowAsync(workflow, config.ProductionBranch,
            new Dictionary<string, string> { [config.DeployRefInput] = tag }, ct);
        context.Console.MarkupLine($"[green]Dispatched[/] {Markup.Escape(workflow)} on {Markup.Escape(config.ProductionBranch)} " +
            $"with {Markup.Escape(config.DeployRefInput)}={Markup.Escape(tag)}{(url is null ? "" : $": {SafeText.Markup(url)}")}.");
        context.Console.WriteLine();
    }
}
