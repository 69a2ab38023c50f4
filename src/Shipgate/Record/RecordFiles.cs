using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Shipgate.Record;

/// <summary>Names, bytes and hashes of record files on the archive branch.</summary>
public static partial class RecordFiles
{
    public const string Folder = "releases/";

    private static readonly JsonSerializerOptions Options = new(RecordJsonContext.Default.Options)
    {
        // Keep non-ASCII text readable in the file; JSON escaping still covers quotes and controls.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
    private static readonly RecordJsonContext Context = new(Options);

    /// <summary>
    /// <c>release-YYYY-MM-DD-HHMMSS</c> in UTC, with <c>-2</c>, <c>-3</c>… when a release of the same
    /// second already exists.
    /// </summary>
    public static string NewReleaseId(DateTimeOffset at, IEnumerable<string> archiveBranchFiles)
    {
        var stem = "release-" + at.UtcDateTime.ToString("yyyy-MM-dd-HHmmss", CultureInfo.InvariantCulture);
        var taken = archiveBranchFiles.ToHashSet();
        var id = stem;
        for (var n = 2; taken.Contains(JsonPath(id)); n++) id = $"{stem}-{n}";
        return id;
    }

    public static string JsonPath(string releaseId) => $"{Folder}{releaseId}.json";
    public static string MarkdownPath(string releaseId) => $"{Folder}{releaseId}.md";

    /// <summary>The record ids on the archive branch, oldest first (by time, then same-second suffix).</summary>
    public static IReadOnlyList<string> ReleaseIds(IEnumerable<string> archiveBranchFiles) =>
        archiveBranchFiles
            .Select(path => RecordName().Match(path))
            .Where(m => m.Success)
            .Select(m => (Id: m.Groups[1].Value, Stamp: m.Groups[2].Value, N: m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 1))
            .OrderBy(r => r.Stamp, StringComparer.Ordinal).ThenBy(r => r.N)
            .Select(r => r.Id)
            .ToList();

    [GeneratedRegex(@"^releases/(release-([0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6})(?:-([0-9]+))?)\.json$")]
    private static partial Regex RecordName();

    /// <summary>The exact bytes committed: indented JSON, UTF-8 without BOM, one trailing newline.</summary>
    public static byte[] ToJsonBytes(ReleaseRecord record) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Context.ReleaseRecord) + "\n");

    public static ReleaseRecord? FromJsonBytes(byte[] bytes) =>
        JsonSerializer.Deserialize(bytes, Context.ReleaseRecord);

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
