using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shipgate.Jira;

// Jira's answers and request bodies as Shipgate reads and sends them (Jira Cloud platform REST API v3,
// specs/jira-platform.openapi.json): only the fields used, required unless Jira may leave them out.
// Answers are read through WireReader, so one of the wrong shape is an error naming the endpoint.

/// <summary>POST /rest/api/3/issue/bulkfetch: at most 100 keys, only the fields asked for.</summary>
internal sealed record BulkFetchRequest(IReadOnlyList<string> IssueIdsOrKeys, IReadOnlyList<string> Fields);

/// <summary>The issues Jira returned, and those it could not (a missing key is an entry here, not a failed batch).</summary>
internal sealed record BulkFetchAnswer<TFields>(IReadOnlyList<JiraIssue<TFields>> Issues, IReadOnlyList<JiraIssueError>? IssueErrors = null);

internal sealed record JiraIssue<TFields>(string Key, TFields Fields);

internal sealed record JiraIssueError(string? Id = null, string? ErrorMessage = null);

/// <summary>The lookup's fields: the summary and the status with its category (done is the category's key).</summary>
internal sealed record TicketFields(string Summary, JiraStatus Status);

internal sealed record JiraStatus(string Name, JiraStatusCategory StatusCategory);

internal sealed record JiraStatusCategory(string Key);

/// <summary>After the release: the issue's project (for its versions) and the fix versions it already has.</summary>
internal sealed record PlacementFields(JiraProjectRef Project, IReadOnlyList<JiraVersionRef>? FixVersions = null);

internal sealed record JiraProjectRef(string Id, string Key);

internal sealed record JiraVersionRef(string Name);

/// <summary>GET /rest/api/3/project/search, a page of projects.</summary>
internal sealed record ProjectPage(IReadOnlyList<JiraProjectRef> Values, bool? IsLast = null);

/// <summary>GET /rest/api/3/myself: whose credentials these are.</summary>
internal sealed record JiraUser(string AccountId, string? DisplayName = null);

/// <summary>GET /rest/api/3/issue/{key}/comment, a page of comments; the body is Atlassian Document Format.</summary>
internal sealed record CommentPage(IReadOnlyList<JiraComment> Comments, int? StartAt = null, int? Total = null);

internal sealed record JiraComment(string Id, JsonElement? Body = null);

/// <summary>POST /rest/api/3/issue/{key}/comment.</summary>
internal sealed record NewComment(AdfDoc Body);

/// <summary>POST /rest/api/3/issue/{key}/remotelink: the same globalId again updates the link rather than adding one.</summary>
internal sealed record RemoteLinkRequest(string GlobalId, RemoteLinkObject Object, string Relationship);

internal sealed record RemoteLinkObject(string Url, string Title, string Summary);

internal sealed record RemoteLinkAnswer(long? Id = null, string? Self = null);

/// <summary>PUT /rest/api/3/issue/{key}: the issue's fixVersions gain the version named.</summary>
internal sealed record FixVersionUpdate(FixVersionChanges Update)
{
    public static FixVersionUpdate Add(string versionName) => new(new FixVersionChanges([new FixVersionAdd(new VersionName(versionName))]));
}

internal sealed record FixVersionChanges(IReadOnlyList<FixVersionAdd> FixVersions);

internal sealed record FixVersionAdd(VersionName Add);

internal sealed record VersionName(string Name);

/// <summary>A project version: Jira's "release".</summary>
internal sealed record JiraVersion(string Id, string Name, bool? Released = null);

/// <summary>POST /rest/api/3/version.</summary>
internal sealed record NewVersion(string Name, long ProjectId, bool Released, string ReleaseDate, string Description);

/// <summary>PUT /rest/api/3/version/{id}: a version made earlier but not yet marked released.</summary>
internal sealed record ReleasedVersion(bool Released, string ReleaseDate);

/// <summary>Jira's explanation of a refusal.</summary>
internal sealed record JiraErrors(IReadOnlyList<string>? ErrorMessages = null, Dictionary<string, string>? Errors = null);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(BulkFetchRequest))]
[JsonSerializable(typeof(BulkFetchAnswer<TicketFields>))]
[JsonSerializable(typeof(BulkFetchAnswer<PlacementFields>))]
[JsonSerializable(typeof(JiraIssue<PlacementFields>))]
[JsonSerializable(typeof(JiraIssue<TicketFields>))]
[JsonSerializable(typeof(ProjectPage))]
[JsonSerializable(typeof(JiraUser))]
[JsonSerializable(typeof(CommentPage))]
[JsonSerializable(typeof(JiraComment))]
[JsonSerializable(typeof(NewComment))]
[JsonSerializable(typeof(FixVersionUpdate))]
[JsonSerializable(typeof(RemoteLinkRequest))]
[JsonSerializable(typeof(RemoteLinkAnswer))]
[JsonSerializable(typeof(List<JiraVersion>))]
[JsonSerializable(typeof(JiraVersion))]
[JsonSerializable(typeof(NewVersion))]
[JsonSerializable(typeof(ReleasedVersion))]
[JsonSerializable(typeof(JiraErrors))]
internal sealed partial class JiraJson : JsonSerializerContext;
