using System.Text.Json;
using System.Text.Json.Serialization;
using Shipgate.Integrations;

namespace Shipgate.GitHub;

// GitHub's answers as Shipgate reads them: only the fields it uses, each required unless GitHub's
// description lets it be absent or null (then it is nullable here). Read through WireReader, so a
// missing field, a null where one does not belong or a wrong type is an error naming the endpoint.

/// <summary>GET /repos/{owner}/{repo}/commits/{ref}/status.</summary>
internal sealed record CombinedStatusWire(IReadOnlyList<StatusWire> Statuses);

internal sealed record StatusWire(string Context, CommitState State, string? TargetUrl);

/// <summary>GET /repos/{owner}/{repo}/commits/{ref}/check-runs.</summary>
internal sealed record CheckRunsWire(IReadOnlyList<CheckRunWire> CheckRuns);

internal sealed record CheckRunWire(long Id, string Name, RunStatus Status, RunConclusion? Conclusion, string? HtmlUrl);

/// <summary>One item of GET /repos/{owner}/{repo}/pulls; the user of a deleted account is null.</summary>
internal sealed record PullWire(int Number, string Title, ActorWire? User, string HtmlUrl);

/// <summary>GET /repos/{owner}/{repo}/actions/runs. A run's name and status may be null (GitHub's description says so).</summary>
internal sealed record WorkflowRunsWire(IReadOnlyList<WorkflowRunWire> WorkflowRuns);

internal sealed record WorkflowRunWire(long Id, string? Name, string DisplayTitle, RunStatus? Status, RunConclusion? Conclusion, string HtmlUrl,
    DateTimeOffset? RunStartedAt = null, DateTimeOffset? UpdatedAt = null);

/// <summary>GET /repos/{owner}/{repo}: doctor asks only whether the token can read it.</summary>
internal sealed record RepositoryInfoWire(string FullName);

/// <summary>One item of GET /repos/{owner}/{repo}/rules/branches/{branch}: an active rule of a ruleset on the branch.</summary>
internal sealed record BranchRuleWire(string Type, BranchRuleParametersWire? Parameters = null);

/// <summary>The parameters Shipgate reads: a required_status_checks rule's checks (other rule types carry other parameters, or none).</summary>
internal sealed record BranchRuleParametersWire(IReadOnlyList<StatusCheckWire>? RequiredStatusChecks = null);

internal sealed record StatusCheckWire(string Context);

/// <summary>GET /user, or any actor ({"login": ...}).</summary>
internal sealed record ActorWire(string Login);

/// <summary>A GitHub Release as GET .../releases/tags/{tag}, POST .../releases and PATCH .../releases/{release_id} answer it.</summary>
internal sealed record ReleaseWire(long Id, string HtmlUrl, string TagName);

/// <summary>The body of POST /repos/{owner}/{repo}/releases: the tag exists already (the release pushed it), so GitHub uses it as is.</summary>
internal sealed record CreateReleaseWire(string TagName, string Name, string Body, bool Draft = false, bool Prerelease = false);

/// <summary>The body of PATCH /repos/{owner}/{repo}/releases/{release_id}: a release made before (--resume) gets today's text.</summary>
internal sealed record EditReleaseWire(string Name, string Body);

/// <summary>One item of GET /repos/{owner}/{repo}/activity: a branch update and who made it (null when GitHub does not say).</summary>
internal sealed record ActivityWire(long Id, string Before, string After, string Ref, DateTimeOffset Timestamp, RefActivityType ActivityType, ActorWire? Actor);

/// <summary>GitHub's explanation that comes with a refusal.</summary>
internal sealed record ServerMessageWire(string? Message = null);

/// <summary>A GraphQL answer before its data is read: the data, and errors, which are read leniently (they only explain).</summary>
internal sealed record GraphQLAnswer(JsonElement? Data = null, IReadOnlyList<GraphQLError>? Errors = null);

internal sealed record GraphQLError(string? Type = null, string? Message = null, IReadOnlyList<JsonElement>? Path = null);

/// <summary>The data of a batched query: repository's aliased fields (pr7, c0, ...), each null when GitHub has no such object.</summary>
internal sealed record RepositoryWire<T>(IReadOnlyDictionary<string, T?> Repository) where T : class;

internal sealed record PullRequestNode(
    int Number,
    string Title,
    string Url,
    string Body,
    PullRequestState State,
    DateTimeOffset? MergedAt,
    string HeadRefName,
    string BaseRefName,
    ActorWire? Author,
    ActorWire? MergedBy,
    ReviewConnection Reviews,
    string HeadRefOid,
    CommitOidWire? MergeCommit = null);

internal sealed record ReviewConnection(PageInfoWire PageInfo, IReadOnlyList<ReviewNode> Nodes);

internal sealed record ReviewNode(ActorWire? Author, ReviewState State, DateTimeOffset? SubmittedAt, CommitOidWire? Commit);

/// <summary>A commit named by its id alone (a review's commit).</summary>
internal sealed record CommitOidWire(string Oid);

internal sealed record PageInfoWire(bool HasNextPage, string? EndCursor);

/// <summary>A commit (object(oid:) ... on Commit) and the PRs GitHub associates with it.</summary>
internal sealed record CommitNode(PullRequestConnection AssociatedPullRequests);

internal sealed record PullRequestConnection(IReadOnlyList<PullRequestNode> Nodes);

/// <summary>The next page of a PR's approving reviews.</summary>
internal sealed record ReviewPageNode(int Number, ReviewConnection Reviews);

/// <summary>A PR's state, by GitHub's GraphQL names.</summary>
internal enum PullRequestState
{
    [JsonStringEnumMemberName("OPEN")] Open,
    [JsonStringEnumMemberName("CLOSED")] Closed,
    [JsonStringEnumMemberName("MERGED")] Merged,
}

/// <summary>REST answers: snake_case names, strict about required and non-null fields, enums by their wire names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(CombinedStatusWire))]
[JsonSerializable(typeof(CheckRunsWire))]
[JsonSerializable(typeof(List<PullWire>))]
[JsonSerializable(typeof(WorkflowRunsWire))]
[JsonSerializable(typeof(ActorWire))]
[JsonSerializable(typeof(ServerMessageWire))]
[JsonSerializable(typeof(ReleaseWire))]
[JsonSerializable(typeof(CreateReleaseWire))]
[JsonSerializable(typeof(EditReleaseWire))]
[JsonSerializable(typeof(RepositoryInfoWire))]
[JsonSerializable(typeof(List<BranchRuleWire>))]
[JsonSerializable(typeof(List<ActivityWire>))]
internal sealed partial class GitHubRestJson : JsonSerializerContext;

/// <summary>GraphQL requests and answers: camelCase names, the same strictness.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(GraphQLRequest))]
[JsonSerializable(typeof(GraphQLAnswer))]
[JsonSerializable(typeof(RepositoryWire<PullRequestNode>))]
[JsonSerializable(typeof(RepositoryWire<CommitNode>))]
[JsonSerializable(typeof(RepositoryWire<ReviewPageNode>))]
internal sealed partial class GitHubGraphJson : JsonSerializerContext;
