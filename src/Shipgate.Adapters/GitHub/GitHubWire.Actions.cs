using System.Text.Json.Serialization;
using Shipgate.Integrations;

namespace Shipgate.GitHub;

// GitHub Actions' and Environments' answers as Shipgate reads them, as strictly as GitHubWire.cs's.

/// <summary>A user with the numeric id the record keeps beside the login.</summary>
internal sealed record UserWire(string Login, long Id);

/// <summary>GET /repos/{owner}/{repo}/actions/runs/{run_id}; head_branch may be null (GitHub's description says so).</summary>
internal sealed record RunWire(
    long Id, int RunAttempt, string HtmlUrl, string Path, string Event, string? HeadBranch, string HeadSha, UserWire Actor, UserWire TriggeringActor);

/// <summary>One entry of GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals.</summary>
internal sealed record ApprovalWire(IReadOnlyList<EnvironmentNameWire> Environments, ApprovalState State, UserWire User, string Comment);

internal sealed record EnvironmentNameWire(string? Name = null);

/// <summary>GET /repos/{owner}/{repo}/environments/{environment_name}.</summary>
internal sealed record EnvironmentWire(
    string Name, IReadOnlyList<ProtectionRuleWire>? ProtectionRules = null, BranchPolicyWire? DeploymentBranchPolicy = null);

/// <summary>A protection rule: wait_timer (minutes), required_reviewers (reviewers, prevent_self_review) or branch_policy.</summary>
internal sealed record ProtectionRuleWire(
    string Type, int? WaitTimer = null, bool? PreventSelfReview = null, IReadOnlyList<ReviewerEntryWire>? Reviewers = null);

internal sealed record ReviewerEntryWire(string? Type = null, ReviewerWire? Reviewer = null);

/// <summary>A user (login) or a team (slug).</summary>
internal sealed record ReviewerWire(string? Login = null, string? Slug = null);

internal sealed record BranchPolicyWire(bool ProtectedBranches, bool CustomBranchPolicies);

/// <summary>The body of POST .../actions/workflows/{workflow_id}/dispatches; the run's details are asked for, to name it.</summary>
internal sealed record DispatchWire(string Ref, IReadOnlyDictionary<string, string> Inputs, bool ReturnRunDetails = true);

/// <summary>The answer to a dispatch with return_run_details.</summary>
internal sealed record DispatchedWire(long WorkflowRunId, string RunUrl, string HtmlUrl);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(RunWire))]
[JsonSerializable(typeof(List<ApprovalWire>))]
[JsonSerializable(typeof(EnvironmentWire))]
[JsonSerializable(typeof(DispatchWire))]
[JsonSerializable(typeof(DispatchedWire))]
internal sealed partial class GitHubActionsJson : JsonSerializerContext;
