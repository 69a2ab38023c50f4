using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 5, after the push: confirms that the deployment workflow started for the new production
/// commit (briefly polled), or follows it to its end with --wait. Never undoes a release: main has
/// moved, so problems here are reported in the result, not thrown.
/// Skipped: in a dry run; without a code host it notes why nothing was checked.
/// </summary>
internal static class DeploymentCheck
{
    // Measured on the context's clock (a TimeProvider), so tests run these on a faster clock
    // instead of changing them.

    /// <summary>How long to look for a run to appear after the push.</summary>
    public static readonly TimeSpan AppearWithin = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(3);
    /// <summary>How long --wait follows the runs before giving up.</summary>
    public static readonly TimeSpan WaitAtMost = TimeSpan.FromMinutes(30);

    /// <param name="whenStarted">Under --wait, told the runs once they appear, before following them (the Slack announcement).</param>
    public static async Task<DeploymentSeen> RunAsync(ReleaseContext context, Released released, CancellationToken ct,
        Func<IReadOnlyList<WorkflowRun>, Task>? whenStarted = null)
    {
        var seen = await LookAsync(context, released.Record.ToSha, whenStarted, ct);
        DeploymentScreen.Triggered(context.Console, context.Config, seen);
        return seen;
    }

    private static async Task<DeploymentSeen> LookAsync(ReleaseContext context, string sha, Func<IReadOnlyList<WorkflowRun>, Task>? whenStarted,
        CancellationToken ct)
    {
        if (!context.CodeHost.TryGet(out var host))
            return new DeploymentSeen([], $"Deployment not checked: {context.CodeHost.Missing}.");

        var branch = context.Config.ProductionBranch;
        try
        {
            var deadline = context.Clock.GetUtcNow() + AppearWithin;
            var runs = await PollAsync(context, host, sha, await host.GetWorkflowRunsAsync(sha, branch, ct), r => r.Count > 0, deadline, null, ct);
            if (runs.Count > 0 && context.Options.WaitForDeployment)
            {
                if (whenStarted is not null) await whenStarted(runs);
                runs = await FollowAsync(context, host, sha, runs, ct);
            }

            if (runs.Count == 0)
                return new DeploymentSeen(runs,
                    $"WARNING: no GitHub Actions run started for {Sha.Short(sha)} on {branch} within {AppearWithin.TotalSeconds:0} s. " +
                    "Check the deployment workflow.");
            if (context.Options.WaitForDeployment && runs.Any(r => !r.IsCompleted))
                return new DeploymentSeen(runs, $"WARNING: the deployment was still running after {WaitAtMost.TotalMinutes:0} minutes; follow it on GitHub.");
            return new DeploymentSeen(runs, null);
        }
        catch (ShipgateException e) when (!ct.IsCancellationRequested)
        {
            return new DeploymentSeen([], $"WARNING: could not check the deployment: {context.Secrets.Redact(e.Message)}");
        }
    }

    /// <summary>--wait: polls until every run completed or <see cref="WaitAtMost"/> passed, with a spinner.</summary>
    private static async Task<IReadOnlyList<WorkflowRun>> FollowAsync(ReleaseContext context, ICodeHost host, string sha,
        IReadOnlyList<WorkflowRun> runs, CancellationToken ct)
    {
        var waitUntil = context.Clock.GetUtcNow() + WaitAtMost;
        await context.Console.Status().StartAsync("Waiting for the deployment to finish...", async _ =>
            runs = await PollAsync(context, host, sha, runs, r => r.All(run => run.IsCompleted), waitUntil,
                r => context.Waiting?.Report("Waiting for the deployment: " + string.Join(", ", r.Select(run => $"{run.Name} {run.State}"))), ct));
        return runs;
    }

    /// <summary>
    /// The one poll: asks for the commit's runs every <see cref="PollEvery"/> (on the context's clock) until they are
    /// <paramref name="enough"/> or <paramref name="until"/> passed, and hands back the last answer.
    /// </summary>
    /// <param name="asked">Told each answer after the first (the --wait progress).</param>
    private static async Task<IReadOnlyList<WorkflowRun>> PollAsync(ReleaseContext context, ICodeHost host, string sha, IReadOnlyList<WorkflowRun> runs,
        Func<IReadOnlyList<WorkflowRun>, bool> enough, DateTimeOffset until, Action<IReadOnlyList<WorkflowRun>>? asked, CancellationToken ct)
    {
        while (!enough(runs) && context.Clock.GetUtcNow() < until)
        {
            await Task.Delay(PollEvery, context.Clock, ct);
            runs = await host.GetWorkflowRunsAsync(sha, context.Config.ProductionBranch, ct);
            asked?.Invoke(runs);
        }
        return runs;
    }
}
