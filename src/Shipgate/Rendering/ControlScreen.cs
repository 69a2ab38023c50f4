using Shipgate.Git;
using Shipgate.Release;
using Spectre.Console;

namespace Shipgate.Rendering;

/// <summary>
/// The summary's RELEASE CONTROL CHANGES: every file that steers CI, review or the gate that the release changes, with the PR
/// (or commit in no PR) that changed it, its author, who approved its final head, and whether that counts. Nothing when there are none.
/// </summary>
internal static class ControlScreen
{
    public static void Changes(IAnsiConsole console, ReleasePlan plan)
    {
        if (plan.ControlChanges.Count == 0) return;
        Screens.Section(console, "RELEASE CONTROL CHANGES");
        console.WriteLine("Files that steer CI, review or the release gate. Each needs an approval of its PR's final head by someone other than its author.");
        console.WriteLine();
        var table = new Table().Border(TableBorder.Markdown);
        foreach (var column in new[] { "File", "Changed by", "Author", "Approved by", "Review" }) table.AddColumn(new TableColumn(column));
        foreach (var change in plan.ControlChanges.Take(Screens.RowsShown))
            table.AddRow(
                SafeText.Markup(change.Path),
                change.PullRequest is { } number ? $"#{number}" : $"commit {Sha.Short(change.Commit)}",
                "@" + SafeText.Markup(change.Author),
                string.Join(", ", change.Approvers.Select(a => "@" + SafeText.Markup(a))),
                change.IndependentlyReviewed ? "Independently approved" : $"[yellow]{Markup.Escape(ControlChanges.Reason(change.Review))}[/]");
        console.Write(ScreenLayout.WithoutBlankLines(table));
        if (plan.ControlChanges.Count > Screens.RowsShown)
            console.WriteLine($"... and {plan.ControlChanges.Count - Screens.RowsShown} more (all are in the record)");
        console.WriteLine();
    }
}
