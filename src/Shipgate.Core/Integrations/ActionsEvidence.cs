using System.Text.Json.Serialization;

namespace Shipgate.Integrations;

/// <summary>
/// What GitHub says of a GitHub Actions run and the environment it deploys to: the evidence a release made inside
/// Actions is approved by (<c>shipgate release --approved-plan</c>), and where a release dispatches its deployment workflow.
/// </summary>
internal interface IActionsEvidence
{
    /// <summary>GET /repos/{owner}/{repo}/actions/runs/{run_id}.</summary>
    Task<ActionsRun> GetRunAsync(long runId, CancellationToken ct);

    /// <summary>GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals: the run's review history.</summary>
    Task<IReadOnlyList<RunApproval>> GetRunApprovalsAsync(long runId, CancellationToken ct);

    /// <summary>GET /repos/{owner}/{repo}/environments/{environment_name}; null when the repository has no such environment.</summary>
    Task<EnvironmentProtection?> GetEnvironmentAsync(string name, CancellationToken ct);

    /// <summary>POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches; the run's web page when GitHub tells it.</summary>
    Task<string?> DispatchWorkflowAsync(string workflow, string reference, IReadOnlyDictionary<string, string> inputs, CancellationToken ct);
}

/// <summary>A GitHub user as an answer names them: login and numeric id.</summary>
internal sealed record GitHubUser(string Login, long Id);

/// <summary>A workflow run: which workflow file ran on which commit of which branch, and who started it.</summary>
/// <param name="Actor">Whom the run is attributed to.</param>
/// <param name="TriggeringActor">Who started this attempt (a re-run's is the person who re-ran it).</param>
internal sealed record ActionsRun(
    long Id, int RunAttempt, string Url, string Path, string Event, string HeadBranch, string HeadSha, GitHubUser Actor, GitHubUser TriggeringActor);

/// <summary>How a reviewer answered a run's deployment review.</summary>
internal enum ApprovalState
{
    [JsonStringEnumMemberName("approved")] Approved,
    [JsonStringEnumMemberName("rejected")] Rejected,
    [JsonStringEnumMemberName("pending")] Pending,
}

/// <summary>One entry of a run's review history: who approved or rejected which environments, with what comment.</summary>
internal sealed record RunApproval(ApprovalState State, GitHubUser User, string Comment, IReadOnlyList<string> Environments);

/// <summary>An environment's protection rules as GitHub answers them (its settings page: required reviewers, wait timer, branches).</summary>
/// <param name="RequiredReviewers">Null: the environment has no required_reviewers rule.</param>
/// <param name="DeploymentBranches">protected, custom or all (no policy).</param>
internal sealed record EnvironmentProtection(
    string Name, RequiredReviewers? RequiredReviewers, int? WaitTimerMinutes, string DeploymentBranches);

/// <summary>The required_reviewers rule: who may approve, and whether the person who started the run may approve it.</summary>
internal sealed record RequiredReviewers(bool PreventSelfReview, IReadOnlyList<string> Reviewers);
