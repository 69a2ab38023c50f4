using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Shipgate.Linear;

// Linear's answers as Shipgate reads them, the data of each operation in LinearDocuments: only the
// fields asked for, each required and non-null unless Linear's schema lets it be null. Read
// through WireReader, so an answer of the wrong shape is an error naming the operation.

/// <summary>The body of a GraphQL POST.</summary>
internal sealed record LinearRequest(string Query, string OperationName, JsonObject Variables);

/// <summary>A page of a connection: its nodes and where the next page starts.</summary>
internal sealed record Connection<T>(IReadOnlyList<T> Nodes, PageInfoWire PageInfo);

internal sealed record PageInfoWire(bool HasNextPage, string? EndCursor);

/// <summary>ShipgateTeams.</summary>
internal sealed record TeamsData(Connection<TeamNode> Teams);

internal sealed record TeamNode(string Key);

/// <summary>ShipgateTickets.</summary>
internal sealed record IssuesData(Connection<IssueNode> Issues);

internal sealed record IssueNode(string Identifier, string Title, string Url, StateNode State);

/// <summary>A workflow state: its name as the team calls it, and its type (completed, started, canceled, ...).</summary>
internal sealed record StateNode(string Name, string Type);

/// <summary>ShipgateComment.</summary>
internal sealed record CommentCreateData(CommentPayload CommentCreate);

internal sealed record CommentPayload(bool Success);

/// <summary>ShipgateCommentExists.</summary>
internal sealed record CommentData(CommentNode Comment);

internal sealed record CommentNode(string Id);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(LinearRequest))]
[JsonSerializable(typeof(TeamsData))]
[JsonSerializable(typeof(IssuesData))]
[JsonSerializable(typeof(CommentCreateData))]
[JsonSerializable(typeof(CommentData))]
internal sealed partial class LinearJson : JsonSerializerContext;
