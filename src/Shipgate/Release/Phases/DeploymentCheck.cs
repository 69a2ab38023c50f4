using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 5, last step. Confirms that the deployment workflow started for the new production
/// commit (briefly polled), or follows it to its end with --wait. Never undoes a release: main
/// has moved, so problems here are reported, not thrown.
/// </summary>
public sealed class DeploymentCheck : IReleasePhase
{
    // Measured on the context's clock (a TimeProvider), so tests run these on a faster clock
    // instead of changing them.

    /// <summary>How long to look for a run to appear after the push.</summary>
    public static readonly TimeSpan AppearWithin = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(3);
    /// <summary>How long --wait follows the runs before giving up.</summary>
    public static readonly TimeSpan WaitAtMost = TimeSpan.FromMinutes(30);

    public string Name => "deployment check";

    public string? SkipReason(ReleaseContext context) => context.Options.DryRun ? "dry run" : null;

    public async Task<PhaseOutcome> RunAsync(ReleaseContext context, CancellationToken ct)
    {
        if (context.CodeHost is not { } host)
        {
            context.DeploymentNote = $"Deployment not checked: {context.CodeHostMissing ?? "no code host configured"}.";
            Screens.DeploymentTriggered(context.Console, context);
            return PhaseOutcome.Continue;
        }

        var sha = context.RequireTips.Staging;
        var branch = context.Config.ProductionBranch;
        try
        {
            var deadline = context.Clock.GetUtcNow() + AppearWithin;
            var runs = await host.GetWorkflowRunsAsync(sha, branch, ct);
            while (runs.Count == 0 && context.Clock.GetUtcNow() < deadline)
            {
                await Task.Delay(PollEvery, context.Clock, ct);
                runs = await host.GetWorkflowRunsAsync(sha, branch, ct);
            }
            if (runs.Count > 0 && context.Options.WaitForDeployment)
            {
                var waitUntil = context.Clock.GetUtcNow() + WaitAtMost;
                await context.Console.Status().StartAsync("Waiting for the deployment to finish...", async _ =>
                {
                    while (runs.Any(r => !r.IsCompleted) && context.Clock.GetUtcNow() < waitUntil)
                    {
                        await Task.Delay(PollEvery, context.Clock, ct);
                        runs = await host.GetWorkflowRunsAsync(sha, branch, ct);
                    }
                });
            }
            context.DeploymentRuns = runs;
            if (runs.Count == 0)
                context.DeploymentNote = $"WARNING: no GitHub Actions run started for {sha[..7]} on {branch} within {AppearWithin.TotalSeconds:0} s. Check the deployment workflow.";
            else if (context.Options.WaitForDeployment && runs.Any(r => !r.IsCompleted))
                context.DeploymentNote = $"WARNING: the deployment was still running after {WaitAtMost.TotalMinutes:0} minutes; follow it on GitHub.";
        }
        catch (ShipgateException e)
        {
            context.DeploymentNote = $"WARNING: could not check the deployment: {context.Secrets.Redact(e.Message)}";
        }
        Screens.DeploymentTriggered(context.Console, context);
        return PhaseOutcome.Continue;
    }
}
