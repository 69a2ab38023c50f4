using System.Text.Json.Serialization;
using Shipgate.Record;

namespace Shipgate.PrArchives;

/// <summary>
/// A PR's compliance archive as Shipgate writes it (schemas/pr-archive.v1.json): what was merged into staging, who wrote,
/// reviewed and merged it, what CI said on its head commit and which tickets it names. The evidence an auditor asks for
/// per change, written once when the PR merges, long before it is released.
/// </summary>
internal sealed record PrArchive
{
    /// <summary>The published schema every archive Shipgate writes names, so verify knows which archives to hold to it.</summary>
    public const string SchemaId = "https://shipgate.dev/schemas/pr-archive.v1.json";

    [JsonPropertyName("$schema")]
    public string Schema { get; init; } = SchemaId;
    public int SchemaVersion { get; init; } = 1;
    public required string Repository { get; init; }
    public required int Pr { get; init; }
    public required string Title { get; init; }
    public required string Url { get; init; }
    public required string Author { get; init; }
    public required string? MergedBy { get; init; }
    public required DateTimeOffset MergedAt { get; init; }
    public required string Base { get; init; }
    public required string Head { get; init; }
    public required string HeadSha { get; init; }
    public required string MergeCommit { get; init; }
    public required IReadOnlyList<string> Tickets { get; init; }
    public required IReadOnlyList<PrArchiveReview> Reviews { get; init; }
    public required PrArchiveCi Ci { get; init; }
    public required IReadOnlyList<PrArchiveCommit> Commits { get; init; }
    public required IReadOnlyList<PrArchiveFile> Files { get; init; }

    /// <summary>The GitHub login of the token that wrote and pushed the archive (GET /user): proven, so the witness can compare its push.</summary>
    public required string ArchivedByLogin { get; init; }
    public required DateTimeOffset ArchivedAt { get; init; }
    public required ToolInfo Tool { get; init; }
}

/// <param name="OnFinalHead">Given on the head commit that was merged: an approval of an earlier commit did not see what shipped.</param>
internal sealed record PrArchiveReview(string Login, string State, DateTimeOffset? SubmittedAt, string? Commit, bool OnFinalHead);

/// <summary>CI on the PR's head commit as merged (what its reviewers approved): each status or check run with its conclusion, and whether all passed.</summary>
internal sealed record PrArchiveCi(string Sha, bool Passed, IReadOnlyList<PrArchiveCiCheck> Checks);

internal sealed record PrArchiveCiCheck(string Name, string Conclusion, bool Passed, string? Url);

internal sealed record PrArchiveCommit(string Sha, string Title, string? Author);

internal sealed record PrArchiveFile(string Path, string Status, int Additions, int Deletions);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(PrArchive))]
internal sealed partial class PrArchiveJson : JsonSerializerContext;
