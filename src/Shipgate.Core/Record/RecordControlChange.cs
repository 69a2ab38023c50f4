using Shipgate.Release;

namespace Shipgate.Record;

/// <summary>
/// A release control change as the record keeps it: the file, the PR (or the commit in no PR) that changed it, its author,
/// who approved the PR's final head, and whether that is an approval by someone other than the author.
/// </summary>
internal sealed record RecordControlChange(
    string Path, int? PullRequest, string? Commit, string Author, IReadOnlyList<string> Approvers, bool IndependentlyReviewed, ControlReview Review)
{
    /// <summary>The record's list; null when the release changes no control file, so such records stay as they were.</summary>
    public static IReadOnlyList<RecordControlChange>? Of(IReadOnlyList<ControlChange> changes) =>
        changes.Count == 0
            ? null
            : [.. changes.Select(c => new RecordControlChange(c.Path, c.PullRequest, c.Commit, c.Author, c.Approvers, c.IndependentlyReviewed, c.Review))];
}
