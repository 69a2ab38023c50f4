namespace Shipgate.Record;

/// <summary>
/// A release approved in a GitHub Environment (confirmation channel github-environment): the environment, the plan the
/// reviewers approved (its digest), who approved it with what comment, the run that released it, who pushed, and the
/// environment's protection rules as GitHub answered them when the release was made.
/// </summary>
/// <param name="Pusher">The login behind the token that pushed, when GitHub told it (an Actions token cannot read /user).</param>
internal sealed record RecordApproval(
    string Environment, string PlanDigest, IReadOnlyList<RecordApprover> Approvers, RecordRun Run, string? Pusher, RecordProtection Protection);

/// <summary>A reviewer's approval of the run for the environment, with the comment that holds the plan's word.</summary>
internal sealed record RecordApprover(string Login, long Id, string Comment);

/// <summary>The GitHub Actions run that made the release: which workflow file, on which commit, started by whom.</summary>
/// <param name="TriggeringActor">Who started this attempt: the releaser.</param>
internal sealed record RecordRun(
    long Id, int Attempt, string Url, string WorkflowPath, string Event, string HeadBranch, string HeadSha, string Actor, string TriggeringActor);

/// <summary>The environment's protection rules: its required reviewers, whether they may approve their own runs, a wait timer, which branches may deploy.</summary>
internal sealed record RecordProtection(IReadOnlyList<string> RequiredReviewers, bool PreventSelfReview, int? WaitTimer, string DeploymentBranches);
