using System.Text.Json.Serialization;

namespace Shipgate.Record;

/// <summary>
/// Stop the line: a freeze started or ended by hand (<c>shipgate freeze start|end --reason</c>), as releases/freeze-….json
/// (and .md) on the archive branch, a link of the same hash chain as releases, reviews and deployments, in its own push.
/// Who is proven: the GitHub login of the token, never git config. Schema: schemas/freeze-record.v1.json.
/// </summary>
internal sealed record FreezeRecord
{
    public int SchemaVersion { get; init; } = 1;
    public required string FreezeId { get; init; }
    /// <summary>start or end.</summary>
    public required FreezeAction Action { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    /// <summary>The GitHub login of the token that recorded it (<c>GET /user</c>): the proven who.</summary>
    public required string RecordedByLogin { get; init; }
    /// <summary>git's name and email, shown beside the login; they prove nothing.</summary>
    public required string RecordedBy { get; init; }
    public required string RecordedByEmail { get; init; }
    /// <summary>For an end: the start it ends.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Ends { get; init; }
    public required ToolInfo Tool { get; init; }
    /// <summary>The last link of the chain before it; null when it is the first record.</summary>
    public required PreviousRelease? PreviousRelease { get; init; }
}

internal enum FreezeAction
{
    [JsonStringEnumMemberName("start")] Start,
    [JsonStringEnumMemberName("end")] End,
}
