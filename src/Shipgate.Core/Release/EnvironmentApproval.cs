using System.Text.RegularExpressions;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Release;

/// <summary>
/// Judges what GitHub says of a release job inside GitHub Actions against the rules of a release approved in a GitHub
/// Environment: the environment makes its reviewers approve (required reviewers, "Prevent self-review"); the run runs the
/// production branch's own workflow at production's tip; nobody rejected it; and someone other than the person who started it
/// approved it with a comment holding the plan's word. Each refusal names what GitHub said and what to change. Pure;
/// <see cref="RecordProblems"/> re-checks a record by the same rules (audit verify).
/// </summary>
internal static partial class EnvironmentApproval
{
    public const string Refused = "No valid confirmation";

    /// <param name="ProductionSha">Production's tip when the release started.</param>
    /// <param name="Protection">Null: GitHub has no such environment.</param>
    public sealed record Evidence(
        string Repository, string Environment, string Word, IReadOnlyList<string> Words, string ProductionBranch, string ProductionSha,
        ActionsRun Run, IReadOnlyList<RunApproval> Approvals, EnvironmentProtection? Protection);

    /// <summary>The approvals that count, or why the release is refused.</summary>
    public static (IReadOnlyList<RunApproval> Approvers, string? Refusal) Judge(Evidence e)
    {
        var env = e.Environment;
        if (ProtectionProblem(e.Repository, env, e.Protection) is { } problem)
            return ([], $"{Refused}: {problem}");
        var run = e.Run;
        if (run.HeadBranch != e.ProductionBranch)
            return ([], $"{Refused}: GitHub says run {run.Id} ran on branch '{run.HeadBranch}', not the production branch '{e.ProductionBranch}'. " +
                $"Only the workflow on {e.ProductionBranch} may release (a workflow on another branch can be edited by any PR); " +
                $"start the release workflow on {e.ProductionBranch}.");
        if (!string.Equals(run.HeadSha, e.ProductionSha, StringComparison.OrdinalIgnoreCase))
            return ([], $"{Refused}: GitHub says run {run.Id} ran commit {Sha.Short(run.HeadSha)}, but {e.ProductionBranch} was at " +
                $"{Sha.Short(e.ProductionSha)} when the release started: the workflow that runs must be the one released. " +
                $"Start the release workflow again on {e.ProductionBranch}'s tip.");

        var forEnvironment = e.Approvals.Where(a => a.Environments.Any(n => string.Equals(n, env, StringComparison.OrdinalIgnoreCase))).ToList();
        if (forEnvironment.FirstOrDefault(a => a.State == ApprovalState.Rejected) is { } rejected)
            return ([], $"{Refused}: @{rejected.User.Login} rejected run {run.Id} for environment '{env}'" +
                $"{(rejected.Comment.Length > 0 ? $" (\"{SafeText.OneLine(SafeText.Shorten(rejected.Comment, 200))}\")" : "")}. " +
                "A rejected run never releases; settle it, plan again and have the new run approved.");
        var approvals = forEnvironment.Where(a => a.State == ApprovalState.Approved).ToList();
        if (approvals.Count == 0)
            return ([], $"{Refused}: GitHub shows no approval of run {run.Id} for environment '{env}'. " +
                $"The release job must name `environment: {env}`, and a required reviewer must approve it with the plan's word ({e.Word}) in the comment.");
        var others = approvals.Where(a => !Starter(a.User, run)).ToList();
        if (others.Count == 0)
            return ([], $"{Refused}: run {run.Id} was approved for '{env}' only by @{approvals[0].User.Login}, who started it " +
                $"(actor @{run.Actor.Login}, triggering actor @{run.TriggeringActor.Login}). Someone else must approve it: " +
                "ask another required reviewer, and keep \"Prevent self-review\" on.");
        var withWord = others.Where(a => HoldsWord(a.Comment, e.Word)).ToList();
        if (withWord.Count > 0)
            return (withWord, null);
        var other = others.Select(a => e.Words.FirstOrDefault(w => w != e.Word && HoldsWord(a.Comment, w))).FirstOrDefault(w => w is not null);
        return ([], other is not null
            ? $"{Refused}: the approval comment by @{others[0].User.Login} holds the word {other}, not this plan's word {e.Word}: " +
              "it approves another plan (staging, CI or the policy changed since it was shown). Plan again and approve the new run with its word."
            : $"{Refused}: the approval comment by @{others[0].User.Login} does not contain this plan's word {e.Word}. " +
              $"The reviewer must type {e.Word} (exactly, as a word of its own) in the approval comment after reading the plan's summary.");
    }

    /// <summary>
    /// Why the environment does not make its reviewers approve a release (no such environment, no required reviewers, self-review
    /// allowed) and what to change; null when it does. Doctor says it too.
    /// </summary>
    public static string? ProtectionProblem(string repository, string env, EnvironmentProtection? protection)
    {
        if (protection is null)
            return $"GitHub has no environment '{env}' in {repository}. Create it (Settings → Environments → New environment) " +
                "with required reviewers and \"Prevent self-review\", or set github.environment to the environment the release job names.";
        if (protection.RequiredReviewers is not { } reviewers)
            return $"GitHub's environment '{env}' has no required reviewers, so nobody had to approve this run. " +
                $"Add required reviewers under Settings → Environments → {env}, tick \"Prevent self-review\", and run the release again.";
        if (!reviewers.PreventSelfReview)
            return $"GitHub's environment '{env}' lets the person who started a run approve it (prevent_self_review is false). " +
                $"Tick \"Prevent self-review\" under Settings → Environments → {env}, and run the release again.";
        return null;
    }

    /// <summary>The environment's rules in a line: reviewers, self-review, wait timer, branches.</summary>
    public static string Describe(EnvironmentProtection protection) =>
        $"required reviewers {(protection.RequiredReviewers is { } r ? string.Join(", ", r.Reviewers) : "none")}; " +
        $"prevent self-review {(protection.RequiredReviewers?.PreventSelfReview == true ? "on" : "off")}; " +
        $"wait timer {(protection.WaitTimerMinutes is { } minutes ? $"{minutes} min" : "none")}; deploying branches: {protection.DeploymentBranches}";

    /// <summary>The person who started the run, or whom it is attributed to.</summary>
    private static bool Starter(GitHubUser user, ActionsRun run) =>
        user.Id == run.TriggeringActor.Id || user.Id == run.Actor.Id
        || string.Equals(user.Login, run.TriggeringActor.Login, StringComparison.OrdinalIgnoreCase)
        || string.Equals(user.Login, run.Actor.Login, StringComparison.OrdinalIgnoreCase);

    /// <summary>The word, case-sensitive, as a whole word: not inside a longer one.</summary>
    public static bool HoldsWord(string comment, string word) =>
        word.Length > 0 && Regex.IsMatch(comment, $@"(?<![\p{{L}}\p{{N}}_]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}_])", RegexOptions.CultureInvariant);

    /// <summary>The record as audit verify re-checks it: the channel's rules, from what the record says GitHub answered.</summary>
    public static IReadOnlyList<string> RecordProblems(ReleaseRecord record)
    {
        if (record.Confirmation.Channel != ConfirmationChannel.GitHubEnvironment) return [];
        if (record.Confirmation.Approval is not { } approval)
            return ["the record says it was approved in a GitHub Environment but names no approval"];
        var problems = new List<string>();
        if (!approval.Protection.PreventSelfReview)
            problems.Add($"environment '{approval.Environment}' did not have \"Prevent self-review\" on");
        if (approval.Approvers.Count == 0)
            problems.Add("no approver is named");
        foreach (var approver in approval.Approvers)
        {
            if (string.Equals(approver.Login, approval.Run.TriggeringActor, StringComparison.OrdinalIgnoreCase)
                || string.Equals(approver.Login, approval.Run.Actor, StringComparison.OrdinalIgnoreCase))
                problems.Add($"@{approver.Login} approved run {approval.Run.Id}, which they started");
            if (!HoldsWord(approver.Comment, record.Confirmation.WordPresented))
                problems.Add($"@{approver.Login}'s approval comment does not hold the word {record.Confirmation.WordPresented}");
        }
        if (approval.Run.HeadBranch != record.FromRef)
            problems.Add($"run {approval.Run.Id} ran on '{approval.Run.HeadBranch}', not the production branch '{record.FromRef}'");
        return problems;
    }
}
