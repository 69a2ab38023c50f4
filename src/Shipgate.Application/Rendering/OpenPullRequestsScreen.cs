using Shipgate.Integrations;

namespace Shipgate.Rendering;

/// <summary>The warning that open PRs target staging: each named, with a reminder that they are not in this release.</summary>
internal static class OpenPullRequestsScreen
{
    public static void Show(IAnsiConsole console, IReadOnlyList<OpenPullRequest> open, string stagingBranch)
    {
        console.MarkupLine($"[yellow]WARNING: {Plural.Of(open.Count, "open PR")} targeting {Markup.Escape(stagingBranch)}[/]");
        console.WriteLine();
        var table = Screens.MarkdownTable("PR", "Title", "Author");
        // Every open PR is named: they grow with the team's open work, not with the release, and each must be merged or closed by someone.
        foreach (var pr in open)
            table.AddRow($"#{pr.Number}", SafeText.Markup(pr.Title), "@" + SafeText.Markup(pr.Author));
        console.Write(ScreenLayout.WithoutBlankLines(table));
        console.WriteLine();
        console.WriteLine("These changes are NOT included in this release.");
        console.WriteLine("Consider merging or closing them first.");
        console.WriteLine();
    }
}
