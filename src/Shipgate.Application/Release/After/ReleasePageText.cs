using Shipgate.Integrations;
using Shipgate.Record;

namespace Shipgate.Release.After;

/// <summary>
/// The GitHub Release's text: the release's Markdown (the <c>.md</c> beside its record) and a link to the full
/// record, trimmed at a line to GitHub's body limit so a release of thousands of PRs still gets its page. Pure.
/// </summary>
internal static class ReleasePageText
{
    /// <summary>GitHub's longest release body, in characters (specs/README.md).</summary>
    public const int BodyLimit = 125_000;

    /// <summary>The page for <paramref name="record"/>; null when the record names no tag (recorded before releases were tagged).</summary>
    public static ReleaseNotes? For(ReleaseRecord record, string? markdown, string recordLocation)
    {
        if (TagName(record) is not { } tag) return null;
        var name = record.Emergency is null ? record.ReleaseId : $"{record.ReleaseId} (EMERGENCY)";
        return new ReleaseNotes(tag, name, Body(markdown ?? $"# {record.ReleaseId}\n", recordLocation));
    }

    /// <summary>The tag's short name (release-…), as GitHub's tag_name takes it.</summary>
    public static string? TagName(ReleaseRecord record) =>
        record.Tag is { } tag && tag.StartsWith("refs/tags/", StringComparison.Ordinal) ? tag["refs/tags/".Length..] : null;

    public static string Body(string markdown, string recordLocation)
    {
        var link = $"\n\n---\nFull release record: {recordLocation}\n";
        var whole = markdown.TrimEnd() + link;
        if (whole.Length <= BodyLimit) return whole;

        var tail = $"\n\n_Trimmed to GitHub's limit of {BodyLimit:N0} characters: the full release is in the record._" + link;
        var room = BodyLimit - tail.Length;
        var cut = markdown.LastIndexOf('\n', room - 1);
        return markdown[..(cut > 0 ? cut : room)].TrimEnd() + tail;
    }
}
