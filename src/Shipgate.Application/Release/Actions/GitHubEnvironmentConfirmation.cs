using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Release.Actions;

/// <summary>
/// The confirmation of a release inside GitHub Actions (<c>shipgate release --approved-plan DIGEST</c>): no word is typed
/// here. The plan is made again and must be the one approved (its digest, else exit 3); then GitHub is asked, before anything
/// moves, for the run, its review history and the environment's protection rules, and <see cref="EnvironmentApproval"/>
/// judges them (exit 6, "no valid confirmation", when they fall short). Allowed only where the production policy names
/// github.environment (<see cref="Require"/>).
/// </summary>
internal sealed class GitHubEnvironmentConfirmation(long runId, string environment, IActionsEvidence gitHub)
    : IConfirmationSource, IConfirmationEvidence
{
    public ConfirmationChannel Channel => ConfirmationChannel.GitHubEnvironment;
    public RecordClient? Client => null;

    /// <summary>
    /// The release job's confirmation, or exit 6 before anything is read when this run may not release with one: the policy names
    /// no github.environment, the process is not a GitHub Actions job, or GitHub cannot be asked.
    /// </summary>
    public static GitHubEnvironmentConfirmation Require(ReleaseContext context)
    {
        var source = context.Policy.Source.Display;
        if (context.Config.GitHub.Environment is not { } environment)
            throw new ShipgateException(ExitCode.NoTerminal,
                $"No valid confirmation: --approved-plan releases only where the production policy allows releases approved in GitHub Actions, " +
                $"and {source} sets no github.environment.\n\n" +
                "Set github.environment in .shipgate.yml to the GitHub Environment whose reviewers approve releases (and release it once from a " +
                "terminal, so production's policy says so), or run shipgate release from an interactive terminal.");
        if (context.Actions is not { } job)
            throw new ShipgateException(ExitCode.NoTerminal,
                "No valid confirmation: --approved-plan is for the release job of a GitHub Actions workflow (GITHUB_ACTIONS=true), and this is not one. " +
                "At a terminal, run shipgate release without it and type the word.");
        if (job.RunId is not { } runId)
            throw new ShipgateException(ExitCode.NoTerminal,
                "No valid confirmation: GITHUB_RUN_ID is not set to a run id, so GitHub cannot be asked who approved this run. " +
                "Run shipgate in a step of the release job, which GitHub Actions gives GITHUB_RUN_ID.");
        if (!context.CodeHost.TryGet(out var host) || host is not IActionsEvidence gitHub)
            throw new ShipgateException(ExitCode.NoTerminal,
                $"No valid confirmation: GitHub cannot be asked who approved this run ({context.CodeHost.Missing ?? "no GitHub API"}). " +
                "Give the release step the job's token: env: GITHUB_TOKEN: ${{ github.token }}.");
        if (job.Repository is { } repository && !string.Equals(repository, host.Repository, StringComparison.OrdinalIgnoreCase))
            throw new ShipgateException(ExitCode.NoTerminal,
                $"No valid confirmation: this run belongs to {SafeText.OneLine(repository)} (GITHUB_REPOSITORY), but the release is of {host.Repository}. " +
                "Release a repository from its own workflow.");
        return new GitHubEnvironmentConfirmation(runId, environment, gitHub);
    }

    public Task<string?> AskAsync(ReleaseContext context, ReleasePlan plan, string word, CancellationToken ct) =>
        throw new InvalidOperationException("a release approved in a GitHub Environment asks nobody for a word; ConfirmAsync judges the approval");

    public async Task<RecordConfirmation> ConfirmAsync(ReleaseContext context, Preflighted preflighted, Gathered gathered, CancellationToken ct)
    {
        var (digest, word) = ActionsPlan.Of(context, preflighted, gathered);
        if (!string.Equals(digest, context.Options.ApprovedPlan, StringComparison.OrdinalIgnoreCase))
            throw new ReleaseBlockedException(
                $"BLOCKED: the plan changed since it was approved. The approved plan is {context.Options.ApprovedPlan}; " +
                $"released now, it would be {digest} ({context.Config.StagingBranch} at {Sha.Short(preflighted.Tips.Staging)}, " +
                $"{context.Config.ProductionBranch} at {Sha.Short(preflighted.Tips.Production)}). Staging, CI, the PRs or the policy moved after the plan " +
                "was shown. Nothing was changed: run the workflow again, so that the reviewer approves what would ship now.");

        var (run, approvals, protection) = await AskGitHubAsync(context, ct);
        var (approvers, refusal) = EnvironmentApproval.Judge(new EnvironmentApproval.Evidence(
            context.RepositoryName, environment, word, context.Config.ConfirmationWords, context.Config.ProductionBranch, preflighted.Tips.Production,
            run, approvals, protection));
        if (refusal is not null)
            throw new ShipgateException(ExitCode.NoTerminal, refusal + " Nothing was changed.");

        var reviewers = protection!.RequiredReviewers!;
        context.Console.MarkupLine($"[green]Approved[/] in GitHub environment {Markup.Escape(environment)} by " +
            $"{SafeText.Markup(string.Join(", ", approvers.Select(a => "@" + a.User.Login)))} with the plan's word {Markup.Escape(word)} " +
            $"(run {run.Id} started by @{SafeText.Markup(run.TriggeringActor.Login)}).");
        context.Console.WriteLine();
        var approval = new RecordApproval(environment, digest,
            [.. approvers.Select(a => new RecordApprover(a.User.Login, a.User.Id, a.Comment))],
            new RecordRun(run.Id, run.RunAttempt, run.Url, run.Path, run.Event, run.HeadBranch, run.HeadSha, run.Actor.Login, run.TriggeringActor.Login),
            preflighted.Releaser?.Login,
            new RecordProtection(reviewers.Reviewers, reviewers.PreventSelfReview, protection.WaitTimerMinutes, protection.DeploymentBranches));
        return new RecordConfirmation(word, word, context.Now(), Channel, Approval: approval);
    }

    /// <summary>The run, its review history and the environment, asked at once; GitHub refusing or failing is no valid confirmation either.</summary>
    private async Task<(ActionsRun, IReadOnlyList<RunApproval>, EnvironmentProtection?)> AskGitHubAsync(ReleaseContext context, CancellationToken ct)
    {
        var run = gitHub.GetRunAsync(runId, ct);
        var approvals = gitHub.GetRunApprovalsAsync(runId, ct);
        var protection = gitHub.GetEnvironmentAsync(environment, ct);
        try
        {
            await Task.WhenAll(run, approvals, protection);
            return (await run, await approvals, await protection);
        }
        catch (ApiException e)
        {
            throw new ShipgateException(ExitCode.NoTerminal,
                $"No valid confirmation: GitHub did not tell who approved run {runId}: {SafeText.OneLine(context.Secrets.Redact(e.Message))} " +
                "Give the release job's token `actions: read` (the example's permissions) and run it in the workflow run that was approved. Nothing was changed.");
        }
    }

    /// <summary>
    /// Who the record names as releaser for a release approved in GitHub: the person who started the run (GitHub's triggering_actor,
    /// proven by GitHub's answer), with GitHub's no-reply address; the login beside it stays the token's (the pusher's). Null for other channels.
    /// </summary>
    public static Releaser? Releaser(RecordConfirmation confirmation, Releaser? pusher) =>
        confirmation.Approval is { } approval
            ? new Releaser(new Git.GitIdentity(approval.Run.TriggeringActor, $"{approval.Run.TriggeringActor}@users.noreply.github.com"), pusher?.Login)
            : null;
}

/// <summary>A confirmation proven by evidence gathered from elsewhere rather than a word typed now (a GitHub Environment's approval).</summary>
internal interface IConfirmationEvidence
{
    Task<RecordConfirmation> ConfirmAsync(ReleaseContext context, Preflighted preflighted, Gathered gathered, CancellationToken ct);
}
