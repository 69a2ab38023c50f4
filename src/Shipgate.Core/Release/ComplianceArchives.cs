using System.Text.RegularExpressions;

namespace Shipgate.Release;

/// <summary>
/// Finds each PR's compliance archive on the archive branch: <c>compliance/pr-&lt;N&gt;-…</c>, matched
/// on the exact number, so pr-10 is never pr-108's archive.
/// </summary>
internal static partial class ComplianceArchives
{
    public const string Folder = "compliance/";

    public static IReadOnlyDictionary<int, string> Index(IEnumerable<string> archiveBranchFiles)
    {
        var byPr = new Dictionary<int, string>();
        foreach (var path in archiveBranchFiles)
        {
            if (PullRequestOf(path) is not { } number) continue;
            // Several archives for one PR: the last by name (names end in a date) is the newest.
            if (!byPr.TryGetValue(number, out var existing) || string.CompareOrdinal(path, existing) > 0)
                byPr[number] = path;
        }
        return byPr;
    }

    /// <summary>The PR whose compliance archive <paramref name="path"/> is (<c>compliance/…/pr-&lt;N&gt;-…</c>), or null when it is none.</summary>
    public static int? PullRequestOf(string path)
    {
        if (!path.StartsWith(Folder, StringComparison.Ordinal)) return null;
        var match = ArchiveName().Match(Path.GetFileName(path));
        return match.Success && int.TryParse(match.Groups[1].Value, out var number) ? number : null;
    }

    [GeneratedRegex(@"^pr-0*([1-9][0-9]{0,8})(?:[-_.])")]
    private static partial Regex ArchiveName();
}
