namespace Shipgate.Emulators;

/// <summary>One entry of a run's review history: a reviewer approved or rejected the run's jobs for these environments, with a comment.</summary>
/// <param name="State">approved, rejected or pending.</param>
public sealed record RunApprovalFixture(string Reviewer, string State, string Comment, IReadOnlyList<string> Environments);

/// <summary>
/// A GitHub Environment and its protection rules: required reviewers (users) with or without "Prevent self-review",
/// a wait timer, and the branch policy. No reviewers: no required_reviewers rule at all, as GitHub answers.
/// </summary>
public sealed record EnvironmentFixture(string Name)
{
    public IReadOnlyList<string> Reviewers { get; init; } = [];
    public bool PreventSelfReview { get; init; }
    /// <summary>Minutes; 0: no wait_timer rule.</summary>
    public int WaitTimer { get; init; }
    /// <summary>Only protected branches may deploy (GitHub's deployment_branch_policy); false: any branch.</summary>
    public bool ProtectedBranchesOnly { get; init; }
}

/// <summary>A workflow_dispatch event as GitHub received it: the workflow (file name or id), the ref and the inputs.</summary>
public sealed record DispatchFixture(string Workflow, string Ref, IReadOnlyDictionary<string, string> Inputs);
