using System.Text;
using Shipgate.Record;

namespace Shipgate.Release.After;

/// <summary>
/// The release's Markdown (the <c>.md</c> committed beside its record) as the phases after the push read it: the
/// same text for the GitHub Release and the same checklist for Slack, whether the release was just made or resumed.
/// </summary>
internal static class ReleaseMarkdownFile
{
    /// <summary>The .md at the record commit; null when that commit has none.</summary>
    public static async Task<string?> ReadAsync(ReleaseContext context, Released released, CancellationToken ct)
    {
        var path = RecordFiles.MarkdownPath(released.Record.ReleaseId);
        var files = await context.Git.ReadFilesAsync(released.RecordCommit, [path], ct);
        return files.TryGetValue(path, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
    }

    /// <summary>The compliance checklist's unticked boxes ("- [ ] label — reason"), as the Markdown words them. Pure.</summary>
    public static IReadOnlyList<string> UntickedBoxes(string? markdown) =>
        [.. (markdown ?? "").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("- [ ] ", StringComparison.Ordinal)).Select(l => l[6..])];
}
