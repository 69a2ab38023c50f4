using Shipgate.Git;
using Shipgate.Release;

namespace Shipgate.Rendering;

/// <summary>
/// The summary's RELEASE CONTROL CHANGES: every file that steers CI, review or the gate that the release changes, with the PR
/// (or commit in no PR) that changed it, its author, who approved its final head, and whether that counts. One line each, so
/// a narrow terminal wraps it under itself. Nothing when there are none.
/// </summary>
internal static class ControlScreen
{
    public static void Changes(IAnsiConsole console, ReleasePlan plan)
    {
        if (plan.ControlChanges.Count == 0) return;
        Screens.Section(console, "RELEASE CONTROL CHANGES");
        console.WriteLine("Files that steer CI, review or the release gate. Each needs an approval of its PR's final head by someone other than its author.");
        console.WriteLine();
        foreach (var change in plan.ControlChanges.Take(Screens.RowsShown))
        {
            var source = change.PullRequest is { } number ? $"#{number}" : $"commit {Sha.Short(change.Commit)}";
            var approved = change.Approvers.Count == 0 ? "" : $", approved by {string.Join(", ", change.Approvers.Select(a => "@" + SafeText.OneLine(a)))}";
            var line = $"- {SafeText.OneLine(change.Path)} ({source} by {SafeText.OneLine(change.AuthorShown)}{approved}): ";
            if (change.IndependentlyReviewed) ScreenLayout.WriteHanging(console, line + "independently approved", 2);
            else ScreenLayout.WriteHanging(console, line + ControlChanges.Reason(change.Review), 2, new Style(Color.Yellow));
        }
        if (plan.ControlChanges.Count > Screens.RowsShown)
            console.WriteLine($"... and {plan.ControlChanges.Count - Screens.RowsShown} more (all are in the record)");
        console.WriteLine();
    }
}
