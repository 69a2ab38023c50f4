using System.Text.Json.Serialization;

namespace Shipgate.Record;

/// <summary>
/// The last link of tested → approved → released → deployed: how the deployment of a release ended, as --wait
/// followed it (releases/deployment-….json on the archive branch, a link of the same hash chain as releases and
/// reviews, in its own push). Schema: schemas/deployment-record.v1.json.
/// </summary>
internal sealed record DeploymentRecord
{
    public int SchemaVersion { get; init; } = 1;
    public required string DeploymentId { get; init; }
    /// <summary>The release whose deployment this is.</summary>
    public required string DeploysRelease { get; init; }
    /// <summary>The production commit the runs deployed.</summary>
    public required string Sha { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    /// <summary>succeeded, failed or timed_out (<c>DeploymentVerdict.Word</c>).</summary>
    public required string Outcome { get; init; }
    public required IReadOnlyList<RecordDeploymentRun> Runs { get; init; }
    public required string RecordedBy { get; init; }
    public required string RecordedByEmail { get; init; }
    /// <summary>
    /// The GitHub login of the token that recorded it (<c>GET /user</c>), proven, not typed; the witness compares it with who
    /// pushed the record. Absent when no token's login was known.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RecordedByLogin { get; init; }
    public required ToolInfo Tool { get; init; }
    public required PreviousRelease PreviousRelease { get; init; }

    /// <summary>GitHub's id of the release's GitHub Deployment (its <c>deployment_id</c> above is Shipgate's); absent when none was made.</summary>
    [JsonPropertyName("github_deployment_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? GitHubDeploymentId { get; init; }
}

/// <summary>One workflow run of the deployment, as GitHub told it when Shipgate stopped following.</summary>
/// <param name="Conclusion">Null while the run had not completed (a time-out).</param>
internal sealed record RecordDeploymentRun(long RunId, string Name, string Url, string Status, string? Conclusion, DateTimeOffset? StartedAt,
    DateTimeOffset? UpdatedAt);
