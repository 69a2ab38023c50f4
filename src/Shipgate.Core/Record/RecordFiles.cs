using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Shipgate.Record;

/// <summary>Names, bytes and hashes of record files on the archive branch.</summary>
internal static partial class RecordFiles
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
    public static string NewReleaseId(DateTimeOffset at, IEnumerable<string> archiveBranchFiles) => NewId("release", at, archiveBranchFiles);

    /// <summary>The id of a review record (<c>review-YYYY-MM-DD-HHMMSS</c>), unique like release ids.</summary>
    public static string NewReviewId(DateTimeOffset at, IEnumerable<string> archiveBranchFiles) => NewId("review", at, archiveBranchFiles);

    /// <summary>The id of a deployment record (<c>deployment-YYYY-MM-DD-HHMMSS</c>), unique like release ids.</summary>
    public static string NewDeploymentId(DateTimeOffset at, IEnumerable<string> archiveBranchFiles) => NewId("deployment", at, archiveBranchFiles);

    /// <summary>The id of a freeze record (<c>freeze-YYYY-MM-DD-HHMMSS</c>), unique like release ids.</summary>
    public static string NewFreezeId(DateTimeOffset at, IEnumerable<string> archiveBranchFiles) => NewId("freeze", at, archiveBranchFiles);

    /// <summary>
    /// A new record's id: free, and after every record of the same second in chain order, so a record made in the second
    /// of the one before it (a release right after the last one's deployment record) is not taken for one inserted later.
    /// </summary>
    private static string NewId(string kind, DateTimeOffset at, IEnumerable<string> archiveBranchFiles)
    {
        var stem = kind + "-" + at.UtcDateTime.ToString("yyyy-MM-dd-HHmmss", CultureInfo.InvariantCulture);
        var files = archiveBranchFiles.ToList();
        var taken = files.ToHashSet();
        var sameSecond = ChainIds(files).Where(other => StampOf(other).Stamp == StampOf(stem).Stamp).ToList();
        var id = stem;
        for (var n = 2; taken.Contains(JsonPath(id)) || sameSecond.Any(other => ChainOrder.Compare(id, other) <= 0); n++) id = $"{stem}-{n}";
        return id;
    }

    public static string JsonPath(string releaseId) => $"{Folder}{releaseId}.json";
    public static string MarkdownPath(string releaseId) => $"{Folder}{releaseId}.md";

    /// <summary>The record ids on the archive branch, oldest first (by time, then same-second suffix).</summary>
    public static IReadOnlyList<string> ReleaseIds(IEnumerable<string> archiveBranchFiles) =>
        ChainIds(archiveBranchFiles).Where(IsReleaseId).ToList();

    /// <summary>Every link of the hash chain (release and review records), in the order they were dated.</summary>
    public static IReadOnlyList<string> ChainIds(IEnumerable<string> archiveBranchFiles) =>
        archiveBranchFiles
            .Select(path => RecordName().Match(path))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .Order(ChainOrder)
            .ToList();

    public static bool IsReleaseId(string id) => id.StartsWith("release-", StringComparison.Ordinal);

    public static bool IsDeploymentId(string id) => id.StartsWith("deployment-", StringComparison.Ordinal);

    public static bool IsFreezeId(string id) => id.StartsWith("freeze-", StringComparison.Ordinal);

    /// <summary>Orders chain ids by their UTC time stamp, then by same-second suffix.</summary>
    public static IComparer<string> ChainOrder { get; } = Comparer<string>.Create((a, b) =>
    {
        var (aStamp, aN) = StampOf(a);
        var (bStamp, bN) = StampOf(b);
        var byStamp = string.CompareOrdinal(aStamp, bStamp);
        if (byStamp != 0) return byStamp;
        if (aN != bN) return aN.CompareTo(bN);
        return KindRank(a) != KindRank(b) ? KindRank(a).CompareTo(KindRank(b)) : string.CompareOrdinal(a, b);
    });

    /// <summary>Within one second: a release, then its review, then its deployment (which follows the release it records).</summary>
    private static int KindRank(string id) => IsReleaseId(id) ? 0 : IsDeploymentId(id) ? 2 : IsFreezeId(id) ? 3 : 1;

    private static (string Stamp, int N) StampOf(string id)
    {
        var match = IdParts().Match(id);
        return match.Success
            ? (match.Groups[1].Value, match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 1)
            : (id, 0);
    }

    [GeneratedRegex(@"^releases/((?:release|review|deployment|freeze)-[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}(?:-[0-9]+)?)\.json$")]
    private static partial Regex RecordName();

    [GeneratedRegex(@"^(?:release|review|deployment|freeze)-([0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6})(?:-([0-9]+))?$")]
    private static partial Regex IdParts();

    /// <summary>The exact bytes committed: indented JSON, UTF-8 without BOM, one trailing newline.</summary>
    public static byte[] ToJsonBytes(ReleaseRecord record) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Context.ReleaseRecord) + "\n");

    public static ReleaseRecord? FromJsonBytes(byte[] bytes) =>
        JsonSerializer.Deserialize(bytes, Context.ReleaseRecord);

    public static byte[] ToJsonBytes(ReviewRecord review) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(review, Context.ReviewRecord) + "\n");

    public static ReviewRecord? ReviewFromJsonBytes(byte[] bytes) =>
        JsonSerializer.Deserialize(bytes, Context.ReviewRecord);

    public static byte[] ToJsonBytes(DeploymentRecord deployment) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(deployment, Context.DeploymentRecord) + "\n");

    public static DeploymentRecord? DeploymentFromJsonBytes(byte[] bytes) =>
        JsonSerializer.Deserialize(bytes, Context.DeploymentRecord);

    public static byte[] ToJsonBytes(FreezeRecord freeze) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(freeze, Context.FreezeRecord) + "\n");

    public static FreezeRecord? FreezeFromJsonBytes(byte[] bytes) =>
        JsonSerializer.Deserialize(bytes, Context.FreezeRecord);

    /// <summary>The link a chain record (release, review, deployment or freeze) claims before it.</summary>
    public static PreviousRelease? PreviousOf(string id, byte[] bytes) =>
        IsReleaseId(id) ? FromJsonBytes(bytes)?.PreviousRelease
        : IsDeploymentId(id) ? DeploymentFromJsonBytes(bytes)?.PreviousRelease
        : IsFreezeId(id) ? FreezeFromJsonBytes(bytes)?.PreviousRelease
        : ReviewFromJsonBytes(bytes)?.PreviousRelease;

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A moment as records hold it: UTC, whole seconds (ids are made from it).</summary>
    public static DateTimeOffset RecordTime(DateTimeOffset now) =>
        new(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
