using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Release.Phases;
using Shipgate.Rendering;

namespace Shipgate.Release.After;

/// <summary>What the steps after the push have seen so far; each step hands on a copy with its own part.</summary>
internal sealed record AfterPush(ReleasePageSeen? Page = null, SlackSeen? Announced = null, DeploymentSeen? Deployment = null,
    TicketComments? Comments = null, GitHubDeploymentSeen? GitHubDeployment = null)
{
    /// <summary>The page, which the first step always sets (a step after it runs only when it succeeded).</summary>
    public ReleasePageSeen PageSeen => Page ?? throw new InvalidOperationException("the GitHub Release step has not run");

    public DeploymentSeen DeploymentChecked => Deployment ?? throw new InvalidOperationException("the deployment check has not run");
}

/// <summary>One step after the push: its name (what a failure is reported as), when it is skipped, and what it does.</summary>
/// <param name="SkippedWhen">Null: never skipped here (the step may still say why it did nothing).</param>
internal sealed record AfterPushStep(
    string Name, Func<ReleaseOptions, bool>? SkippedWhen, Func<ReleaseContext, Released, AfterPush, CancellationToken, Task<AfterPush>> Run);

/// <summary>
/// The steps after the push, in order, and the one rule they share: report, never undo. The release has happened, so a
/// step that fails (or Ctrl-C) stops the list and is reported with how to finish the rest (<c>--resume</c>, which runs this
/// same list); nothing after the push reports the release as failed. Exit 7 only when --wait saw the deployment fail or not
/// finish (<see cref="DeploymentVerdict"/>); the release stays made.
/// </summary>
internal static class AfterPushSteps
{
    public static readonly IReadOnlyList<AfterPushStep> All =
    [
        new("GitHub Release", null, async (context, released, seen, ct) => seen with { Page = await GitHubReleasePage.RunAsync(context, released, ct) }),
        new("GitHub Deployment", null, async (context, released, seen, ct) => seen with { GitHubDeployment = await GitHubDeployment.StartAsync(context, released, ct) }),
        new("deployment dispatch", options => options.ApprovedPlan is null, async (context, released, seen, ct) =>
        {
            await Actions.DeployDispatch.RunAsync(context, released, ct);
            return seen;
        }),
        new("deployment check", null, CheckDeploymentAsync),
        new("GitHub Deployment status", options => !options.WaitForDeployment, async (context, released, seen, ct) =>
        {
            await GitHubDeployment.FinishAsync(context, released, seen.GitHubDeployment, seen.DeploymentChecked, ct);
            return seen;
        }),
        new("Slack message", null, AnnounceAsync),
        new("deployment record", options => !options.WaitForDeployment, async (context, released, seen, ct) =>
        {
            await RecordDeployment.RunAsync(context, released, seen.DeploymentChecked, DeploymentVerdict.Judge(seen.Deployment, followed: true), ct,
                seen.GitHubDeployment?.Id);
            return seen;
        }),
        new("post-release", null, async (context, released, seen, ct) =>
            seen with { Comments = await PostRelease.RunAsync(context, released, seen.DeploymentChecked, ct, seen.PageSeen.Url) }),
    ];

    public static async Task<AfterRelease> RunAsync(ReleaseContext context, Released released, CancellationToken ct)
    {
        var seen = new AfterPush();
        foreach (var step in All.Where(s => s.SkippedWhen?.Invoke(context.Options) != true))
        {
            try
            {
                seen = await step.Run(context, released, seen, ct);
            }
            catch (Exception e)
            {
                ReportUnfinished(context, released.Record, step.Name, e, ct);
                break;
            }
        }
        var outcome = DeploymentVerdict.Judge(seen.Deployment, context.Options.WaitForDeployment);
        var code = DeploymentVerdict.ExitCodeOf(outcome);
        if (code != ExitCode.Success)
            AfterReleaseScreen.DeploymentNeedsAttention(context.Console, context.Config, released, outcome);
        return new AfterRelease(seen.Deployment, seen.Comments, code);
    }

    /// <summary>The deployment run looked for (followed with --wait); under --wait Slack is told as soon as the runs appear.</summary>
    private static async Task<AfterPush> CheckDeploymentAsync(ReleaseContext context, Released released, AfterPush seen, CancellationToken ct)
    {
        SlackSeen? announced = null;
        var deployment = await DeploymentCheck.RunAsync(context, released, ct,
            async runs => announced = await SlackAnnouncement.AnnounceAsync(context, released, seen.PageSeen, runs, ct));
        return seen with { Deployment = deployment, Announced = announced };
    }

    /// <summary>The announcement unless the deployment check already sent it; under --wait, the deployment's outcome too.</summary>
    private static async Task<AfterPush> AnnounceAsync(ReleaseContext context, Released released, AfterPush seen, CancellationToken ct)
    {
        var deployment = seen.DeploymentChecked;
        var announced = seen.Announced ?? await SlackAnnouncement.AnnounceAsync(context, released, seen.PageSeen, deployment.Runs, ct);
        if (context.Options.WaitForDeployment)
            await SlackAnnouncement.TellOutcomeAsync(context, released, seen.PageSeen, deployment, DeploymentVerdict.Judge(deployment, followed: true), ct);
        return seen with { Announced = announced };
    }

    private static void ReportUnfinished(ReleaseContext context, ReleaseRecord record, string step, Exception e, CancellationToken ct)
    {
        var what = ct.IsCancellationRequested ? "Interrupted" : $"{step} failed ({SafeText.OneLine(context.Secrets.Redact(e.Message))})";
        context.Console.MarkupLine($"[yellow]{Markup.Escape(what)} after the release was made: {Markup.Escape(context.Config.ProductionBranch)} is at " +
            $"{Sha.Short(record.ToSha)} and {Markup.Escape(RecordFiles.JsonPath(record.ReleaseId))} is on {Markup.Escape(context.Config.ArchiveBranch)}. " +
            $"What follows the push (GitHub Release, GitHub Deployment, deployment check, Slack, ticket comments) was not all finished: " +
            $"run shipgate release --resume {Markup.Escape(record.ReleaseId)}.[/]");
    }
}
