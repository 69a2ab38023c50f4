namespace Shipgate.Audit;

/// <summary>
/// What it means that a release does not start where the release before it ended; each asks for a different investigation.
/// </summary>
internal enum RangeBreakKind
{
    /// <summary>The previous release's end comes before this start: commits reached production between them without a record.</summary>
    Gap,

    /// <summary>This start comes before the previous release's end: commits are recorded as released twice.</summary>
    Overlap,

    /// <summary>Neither comes before the other on production: the start is not on the line the previous release released.</summary>
    OffLine,

    /// <summary>The start is no commit production gained since the trail began: rewritten, never on production, or older than the trail.</summary>
    OutsideHistory,
}

/// <summary>
/// Words the Ranges check's problem for what the two commits say happened, from production's history since the first
/// release (<see cref="CommitGraph"/>), and whether a gap holds only acknowledged direct pushes. Which releases are flagged is decided by
/// <see cref="TrailVerifier"/>. Pure.
/// </summary>
internal static class RangeBreak
{
    /// <param name="trailStart">Where the first release started: the commit the history leaves out and starts from.</param>
    public static RangeBreakKind Classify(CommitGraph history, string trailStart, string previousEnd, string start)
    {
        if (history.Reaches(start, previousEnd)) return RangeBreakKind.Gap;
        if (history.Reaches(previousEnd, start)) return RangeBreakKind.Overlap;
        return history.Contains(start) || start == trailStart ? RangeBreakKind.OffLine : RangeBreakKind.OutsideHistory;
    }

    /// <summary>
    /// The commits of a gap (after <paramref name="previousEnd"/> up to <paramref name="start"/>) when every one is an
    /// acknowledged direct push: the release then continues the trail where those pushes end. Null when any is not.
    /// </summary>
    public static IReadOnlyList<string>? AcknowledgedGap(CommitGraph history, string previousEnd, string start, IReadOnlySet<string> acknowledged)
    {
        var gap = history.Range(previousEnd, start).ToList();
        return gap.Count > 0 && gap.All(acknowledged.Contains) ? gap : null;
    }

    /// <summary>The problem's message: both releases, both commits, what happened and what to investigate.</summary>
    public static string Message(RangeBreakKind kind, string production, string trailStart, string previousId, string previousEnd, string id, string start)
    {
        var (e, f) = (Short(previousEnd), Short(start));
        var opening = $"{id} starts at {f} but {previousId} ended at {e}: ";
        return opening + kind switch
        {
            RangeBreakKind.Gap =>
                $"{e} comes before {f} on {production}, so {production} changed between the two releases without a record " +
                $"(a gap). Investigate who pushed the commits after {e} up to {f} and how: git log {e}..{f}.",
            RangeBreakKind.Overlap =>
                $"{f} comes before {e} on {production}, so the two ranges overlap: the commits after {f} up to {e} are recorded " +
                $"as released by both {previousId} and {id}. Investigate which record is wrong: compare each with its release tag's " +
                $"commit and git log {f}..{e}.",
            RangeBreakKind.OffLine =>
                $"neither comes before the other on {production}, so {id} does not start on the line {previousId} released: " +
                $"{production}'s history was rewritten between them or {id}'s record names the wrong commit. Investigate with " +
                $"git merge-base {f} {e}, {id}'s release tag and {production}'s push log.",
            _ =>
                $"{f} is not one of the commits {production} gained since the first release started at {Short(trailStart)}: " +
                $"{production}'s history was rewritten, {id}'s record names a commit {production} never held, or {id} starts " +
                $"before the trail began. Investigate where {f} is (git branch -a --contains {f}) and {id}'s release tag.",
        };
    }

    /// <summary>Records under audit may hold anything: never assume a length.</summary>
    private static string Short(string hash) => hash[..Math.Min(7, hash.Length)];
}
