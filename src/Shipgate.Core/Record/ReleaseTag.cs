using System.Text.RegularExpressions;

namespace Shipgate.Record;

/// <summary>
/// The annotated tag each release pushes with its record: <c>refs/tags/&lt;release-id&gt;</c> on the
/// released production commit, its message carrying the record's path and the SHA-256 of its bytes.
/// An anchor outside the archive branch: a deleted or rewound archive branch, a removed or changed
/// record, or a new chain started beside older releases cannot go unnoticed.
/// </summary>
internal static partial class ReleaseTag
{
    /// <summary>The remote refs that may be release tags (<c>git ls-remote</c> pattern).</summary>
    public const string Pattern = "refs/tags/release-*";

    private const string Prefix = "refs/tags/";

    public static string RefName(string releaseId) => Prefix + releaseId;

    /// <summary>The release id a tag ref names, or null when it is not named like a release.</summary>
    public static string? ReleaseIdOf(string refName) =>
        refName.StartsWith(Prefix, StringComparison.Ordinal) && ReleaseId().IsMatch(refName[Prefix.Length..]) ? refName[Prefix.Length..] : null;

    public static string Message(ReleaseRecord record, byte[] recordJson, string archiveBranch) =>
        $"Shipgate release {record.ReleaseId}\n\n" +
        $"Record: {RecordFiles.JsonPath(record.ReleaseId)}\n" +
        $"Record-SHA256: {RecordFiles.Sha256Hex(recordJson)}\n" +
        $"Archive-Branch: {archiveBranch}\n";

    /// <summary>The record path and SHA-256 a tag message claims, or null when it is no Shipgate release tag's message.</summary>
    public static (string Path, string Sha256)? ReadMessage(string message)
    {
        var path = Trailer().Matches(message).FirstOrDefault(m => m.Groups[1].Value == "Record")?.Groups[2].Value;
        var sha = Trailer().Matches(message).FirstOrDefault(m => m.Groups[1].Value == "Record-SHA256")?.Groups[2].Value;
        return path is null || sha is null ? null : (path, sha);
    }

    [GeneratedRegex(@"^release-[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}(?:-[0-9]+)?$")]
    private static partial Regex ReleaseId();

    [GeneratedRegex(@"^(Record|Record-SHA256): (\S+)$", RegexOptions.Multiline)]
    private static partial Regex Trailer();
}
