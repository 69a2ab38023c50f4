using System.Globalization;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Release;

namespace Shipgate.Rendering;

/// <summary>
/// The PRODUCTION RELEASE SUMMARY: where the release goes and by which policy, what ships (commits, PRs, tickets, areas,
/// unspecced and control changes), and the compliance checklist the phase judged, each box ticked or unticked with its reason.
/// </summary>
internal static class SummaryScreen
{
    public static void Show(IAnsiConsole console, ReleasePolicy policy, Gathered gathered, IReadOnlyList<ChecklistItem> checklist)
    {
        var (config, plan) = (policy.Config, gathered.Plan);
        Screens.Banner(console, "PRODUCTION RELEASE SUMMARY");
        console.WriteLine($"From: {config.StagingBranch} ({Sha.Short(plan.ToSha)})");
        console.WriteLine($"To:   {config.ProductionBranch} ({Sha.Short(plan.FromSha)})");
        PolicyScreen.Source(console, policy);
        console.WriteLine();

        Screens.Section(console, "WHAT'S BEING DEPLOYED");
        var merges = plan.MergeCommitCount > 0 ? $" (+{Plural.Of(plan.MergeCommitCount, "merge commit")})" : "";
        console.WriteLine($"Commits: {Plural.Of(plan.Commits.Count, "commit")}{merges}");
        console.WriteLine($"PRs:     {Plural.Of(plan.PullRequests.Count, "pull request")}");
        console.WriteLine($"Tickets: {TicketWords.Count([.. plan.Tickets.Select(t => t.System)])}");
        console.WriteLine($"Files:   {Plural.Of(plan.Diff.FilesChanged, "file")} changed (+{plan.Diff.Insertions}/-{plan.Diff.Deletions})");
        console.WriteLine();

        Screens.Section(console, "PULL REQUESTS INCLUDED");
        if (plan.PullRequests.Count == 0) console.WriteLine("None.");
        else
        {
            var table = plan.ReviewsKnown
                ? Screens.MarkdownTable("PR", "Title", "Author", "Merged", "Compliance", "Review")
                : Screens.MarkdownTable("PR", "Title", "Author", "Merged", "Compliance");
            foreach (var pr in plan.PullRequests.Take(Screens.RowsShown))
            {
                var cells = new List<string>
                {
                    $"#{pr.Number}",
                    SafeText.Markup(pr.Title),
                    SafeText.Markup(pr.AuthorShown),
                    Date(pr.MergedAt),
                    pr.ComplianceArchive is null ? "[yellow]MISSING[/]" : "Archived",
                };
                if (plan.ReviewsKnown)
                    cells.Add(pr.IndependentlyApproved == true ? "Approved"
                        : pr.ApprovedBeforeLaterCommits.Count > 0 ? "[yellow]Approved before later commits[/]"
                        : "[yellow]No independent approval[/]");
                table.AddRow(cells.ToArray());
            }
            console.Write(ScreenLayout.WithoutBlankLines(table));
            Screens.More(console, plan.PullRequests.Count);
        }
        console.WriteLine();

        var systems = plan.Tickets.Select(t => t.System).Distinct().ToList();
        Screens.Section(console, TicketWords.Section(systems));
        if (plan.Tickets.Count == 0) console.WriteLine("None.");
        else
        {
            var table = systems.Count > 1 ? Screens.MarkdownTable("Ticket", "Tracker", "Title", "Status") : Screens.MarkdownTable("Ticket", "Title", "Status");
            foreach (var ticket in plan.Tickets.Take(Screens.RowsShown))
            {
                var status = ticket.Check switch
                {
                    TicketCheck.NotFound => "[yellow]NOT FOUND[/]",
                    TicketCheck.Unverified => "[yellow]unverified[/]",
                    _ when !ticket.IsCompleted => $"[yellow]{SafeText.Markup(ticket.Status)}[/]",
                    _ => SafeText.Markup(ticket.Status),
                };
                table.AddRow(systems.Count > 1
                    ? [SafeText.Markup(ticket.Id), TicketSystems.Name(ticket.System), SafeText.Markup(ticket.Title ?? ""), status]
                    : [SafeText.Markup(ticket.Id), SafeText.Markup(ticket.Title ?? ""), status]);
            }
            console.Write(ScreenLayout.WithoutBlankLines(table));
            Screens.More(console, plan.Tickets.Count);
        }
        console.WriteLine();

        Screens.Section(console, "KEY CHANGES BY AREA");
        if (plan.Areas.Count == 0) console.WriteLine("No file changes.");
        foreach (var area in plan.Areas.Take(Screens.RowsShown))
        {
            console.MarkupLine($"[bold]{SafeText.Markup(area.Title)}:[/]");
            foreach (var change in area.Changes.Take(Screens.RowsShown)) ScreenLayout.WriteHanging(console, "- " + SafeText.OneLine(change), 2);
            Screens.More(console, area.Changes.Count);
            console.WriteLine();
        }
        if (plan.Areas.Count > Screens.RowsShown)
        {
            console.WriteLine($"... and {plan.Areas.Count - Screens.RowsShown} more areas (all are in the record)");
            console.WriteLine();
        }

        if (plan.Unspecced.Count > 0)
        {
            Screens.Section(console, "UNSPECCED CHANGES");
            foreach (var change in plan.Unspecced.Take(Screens.RowsShown)) ScreenLayout.WriteHanging(console, "- " + SafeText.OneLine(change.Description), 2);
            Screens.More(console, plan.Unspecced.Count);
            console.WriteLine();
        }

        ControlScreen.Changes(console, plan);

        Screens.Section(console, "COMPLIANCE STATUS");
        foreach (var item in checklist)
        {
            if (item.Passed) ScreenLayout.WriteHanging(console, $"[x] {item.Label}", 4);
            else ScreenLayout.WriteHanging(console, $"[ ] {item.Label} - {SafeText.OneLine(item.Reason ?? "")}", 4, new Style(Color.Yellow));
        }
        console.WriteLine();
        console.WriteLine(Screens.Light);
    }

    private static string Date(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
