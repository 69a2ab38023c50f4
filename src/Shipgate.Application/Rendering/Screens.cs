using System.Globalization;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Release;
using Spectre.Console;

namespace Shipgate.Rendering;

/// <summary>
/// The seed procedure's screens, drawn with Spectre.Console. Layout only: every value arrives
/// ready, and every external text passes through <see cref="SafeText"/>.
/// </summary>
internal static class Screens
{
    private const int Width = 80;

    /// <summary>
    /// How many rows a long table or list shows on the terminal, so a release of 20,000 commits still has a summary a
    /// person reads; the rest are counted in one line, and the record (and --json) keeps every one.
    /// </summary>
    public const int RowsShown = 50;
    private static readonly string Heavy = new('=', Width);
    private static readonly string Light = new('-', Width);

    public static void Banner(IAnsiConsole console, string title)
    {
        console.WriteLine(Heavy);
        console.WriteLine(new string(' ', Math.Max(0, (Width - title.Length) / 2)) + title);
        console.WriteLine(Heavy);
        console.WriteLine();
    }

    public static void Section(IAnsiConsole console, string title)
    {
        console.WriteLine(Light);
        console.WriteLine(title);
        console.WriteLine(Light);
        console.WriteLine();
    }

    private static Table MarkdownTable(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Markdown);
        foreach (var column in columns) table.AddColumn(new TableColumn(column));
        return table;
    }

    private static string Date(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static void Summary(IAnsiConsole console, ReleasePolicy policy, Gathered gathered)
    {
        var (config, plan) = (policy.Config, gathered.Plan);
        Banner(console, "PRODUCTION RELEASE SUMMARY");
        console.WriteLine($"From: {config.StagingBranch} ({Sha.Short(plan.ToSha)})");
        console.WriteLine($"To:   {config.ProductionBranch} ({Sha.Short(plan.FromSha)})");
        PolicyScreen.Source(console, policy);
        console.WriteLine();

        Section(console, "WHAT'S BEING DEPLOYED");
        var merges = plan.MergeCommitCount > 0 ? $" (+{Plural.Of(plan.MergeCommitCount, "merge commit")})" : "";
        console.WriteLine($"Commits: {Plural.Of(plan.Commits.Count, "commit")}{merges}");
        console.WriteLine($"PRs:     {Plural.Of(plan.PullRequests.Count, "pull request")}");
        console.WriteLine($"Tickets: {TicketWords.Count([.. plan.Tickets.Select(t => t.System)])}");
        console.WriteLine($"Files:   {Plural.Of(plan.Diff.FilesChanged, "file")} changed (+{plan.Diff.Insertions}/-{plan.Diff.Deletions})");
        console.WriteLine();

        Section(console, "PULL REQUESTS INCLUDED");
        if (plan.PullRequests.Count == 0) console.WriteLine("None.");
        else
        {
            var table = plan.ReviewsKnown
                ? MarkdownTable("PR", "Title", "Author", "Merged", "Compliance", "Review")
                : MarkdownTable("PR", "Title", "Author", "Merged", "Compliance");
            foreach (var pr in plan.PullRequests.Take(RowsShown))
            {
                var cells = new List<string>
                {
                    $"#{pr.Number}",
                    SafeText.Markup(pr.Title),
                    "@" + SafeText.Markup(pr.Author),
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
            More(console, plan.PullRequests.Count);
        }
        console.WriteLine();

        var systems = plan.Tickets.Select(t => t.System).Distinct().ToList();
        Section(console, TicketWords.Section(systems));
        if (plan.Tickets.Count == 0) console.WriteLine("None.");
        else
        {
            var table = systems.Count > 1 ? MarkdownTable("Ticket", "Tracker", "Title", "Status") : MarkdownTable("Ticket", "Title", "Status");
            foreach (var ticket in plan.Tickets.Take(RowsShown))
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
            More(console, plan.Tickets.Count);
        }
        console.WriteLine();

        Section(console, "KEY CHANGES BY AREA");
        if (plan.Areas.Count == 0) console.WriteLine("No file changes.");
        foreach (var area in plan.Areas.Take(RowsShown))
        {
            console.MarkupLine($"[bold]{SafeText.Markup(area.Title)}:[/]");
            foreach (var change in area.Changes.Take(RowsShown)) ScreenLayout.WriteHanging(console, "- " + SafeText.OneLine(change), 2);
            More(console, area.Changes.Count);
            console.WriteLine();
        }
        if (plan.Areas.Count > RowsShown)
        {
            console.WriteLine($"... and {plan.Areas.Count - RowsShown} more areas (all are in the record)");
            console.WriteLine();
        }

        if (plan.Unspecced.Count > 0)
        {
            Section(console, "UNSPECCED CHANGES");
            foreach (var change in plan.Unspecced.Take(RowsShown)) ScreenLayout.WriteHanging(console, "- " + SafeText.OneLine(change.Description), 2);
            More(console, plan.Unspecced.Count);
            console.WriteLine();
        }

        ControlScreen.Changes(console, plan);

        Section(console, "COMPLIANCE STATUS");
        foreach (var item in Gaps.Checklist(gathered.Gaps, plan.ReviewsKnown, policyCompared: true, controlsJudged: true))
        {
            if (item.Passed) ScreenLayout.WriteHanging(console, $"[x] {item.Label}", 4);
            else ScreenLayout.WriteHanging(console, $"[ ] {item.Label} - {SafeText.OneLine(item.Reason ?? "")}", 4, new Style(Color.Yellow));
        }
        console.WriteLine();
        console.WriteLine(Light);
    }

    /// <summary>The line under a list cut at <see cref="RowsShown"/>: how many more there are, and where they all are.</summary>
    private static void More(IAnsiConsole console, int total)
    {
        if (total > RowsShown) console.WriteLine($"... and {total - RowsShown} more (all are in the record)");
    }

    /// <summary>Up to <see cref="RowsShown"/> names, then how many more: one line that stays readable whatever the count.</summary>
    private static string Names(IReadOnlyList<string> names) =>
        names.Count <= RowsShown ? string.Join(", ", names) : $"{string.Join(", ", names.Take(RowsShown))} and {names.Count - RowsShown} more";

    /// <summary>The seed's warnings for missing archives and tickets, once per kind rather than once per PR.</summary>
    public static void GapWarnings(IAnsiConsole console, IReadOnlyList<Gap> gaps)
    {
        var missing = Gaps.Of(gaps, GapKind.MissingArchive).Select(g => g.Subject).ToList();
        if (missing.Count > 0)
        {
            console.MarkupLine($"[yellow]WARNING: PR {Names(missing)} {(missing.Count == 1 ? "has" : "have")} no compliance archive.[/]");
            console.WriteLine();
            console.WriteLine($"{(missing.Count == 1 ? "This PR" : "These PRs")} may have been merged before compliance archiving was enabled,");
            console.WriteLine("or the archive workflow failed.");
            console.WriteLine();
            console.WriteLine("The release will note this gap in the audit trail.");
            console.WriteLine();
        }
        foreach (var notFound in Gaps.Of(gaps, GapKind.TicketNotFound).GroupBy(g => g.Detail ?? "Linear"))
        {
            console.MarkupLine($"[yellow]WARNING: Ticket {SafeText.Markup(Names(notFound.Select(g => g.Subject).ToList()))} not found in {notFound.Key}.[/]");
            console.WriteLine();
            console.WriteLine("This may be a typo in commit messages or a deleted ticket.");
            console.WriteLine("The release will proceed but note this in the audit trail.");
            console.WriteLine();
        }
    }

    /// <summary>The dry run's last word: what a release would do now, or every gate that would stop it, and the command to run.</summary>
    public static void DryRunEnd(IAnsiConsole console, ShipgateConfig config, ReleasePlan plan, ReleaseOptions options, IReadOnlyList<WouldBlock> blockers)
    {
        console.WriteLine();
        console.WriteLine("DRY RUN MODE - No changes were made.");
        console.WriteLine();
        var command = new List<string> { "shipgate release" };
        if (options.AllowUnverifiedCi is { } unverified) command.Add($"--allow-unverified-ci {Quoted(unverified)}");
        if (options.Emergency is { } emergency) command.Add($"--emergency {Quoted(emergency)}");
        if (blockers.Count > 0)
        {
            console.MarkupLine($"[yellow]A release now would be BLOCKED: {SafeText.Markup(string.Join("; ", blockers.Select(b => b.Reason)))}.[/]");
            console.WriteLine();
            var flags = blockers.Select(b => b.Flag).OfType<string>().Distinct().ToList();
            if (flags.Count == blockers.Count)
                console.WriteLine($"To release anyway (the reason is recorded), run: {string.Join(" ", command.Concat(flags))}");
            else
                console.WriteLine("Fix what blocks it, then run the dry run again.");
            return;
        }
        console.WriteLine(
            $"A release now would move {config.ProductionBranch} to {Sha.Short(plan.ToSha)} and add a record to {config.ArchiveBranch}.");
        console.WriteLine();
        console.WriteLine($"To execute this release, run: {string.Join(" ", command)}");
    }

    /// <summary>A reason as the shell should see it again: in double quotes, with what the shell expands escaped.</summary>
    private static string Quoted(string reason)
    {
        var text = SafeText.OneLine(reason);
        foreach (var c in new[] { "\\", "\"", "$", "`" }) text = text.Replace(c, "\\" + c);
        return $"\"{text}\"";
    }

    public static void OpenPullRequestsWarning(IAnsiConsole console, IReadOnlyList<OpenPullRequest> open, string stagingBranch)
    {
        console.MarkupLine($"[yellow]WARNING: {Plural.Of(open.Count, "open PR")} targeting {Markup.Escape(stagingBranch)}[/]");
        console.WriteLine();
        var table = MarkdownTable("PR", "Title", "Author");
        // Every open PR is named: they grow with the team's open work, not with the release, and each must be merged or closed by someone.
        foreach (var pr in open)
            table.AddRow($"#{pr.Number}", SafeText.Markup(pr.Title), "@" + SafeText.Markup(pr.Author));
        console.Write(ScreenLayout.WithoutBlankLines(table));
        console.WriteLine();
        console.WriteLine("These changes are NOT included in this release.");
        console.WriteLine("Consider merging or closing them first.");
        console.WriteLine();
    }

    public static void Confirm(IAnsiConsole console, ReleaseContext context, ReleasePlan plan, string word)
    {
        var config = context.Config;
        Banner(console, "CONFIRM RELEASE");
        console.WriteLine($"You are about to deploy {Plural.Of(plan.Commits.Count, "commit")} to PRODUCTION.");
        console.WriteLine();
        console.WriteLine("This will:");
        console.WriteLine($"1. Fast-forward {config.ProductionBranch} to {config.StagingBranch}");
        console.WriteLine($"2. Trigger the production deployment of {context.RepositoryName}");
        console.WriteLine($"3. Create a permanent release record in {config.ArchiveBranch}");
        console.WriteLine();
        console.MarkupLine("[red bold]WARNING: This action deploys to PRODUCTION and affects live users.[/]");
        console.WriteLine();
        if (context.Options.Emergency is { } emergency)
        {
            EmergencyBanner(console, $"EMERGENCY RELEASE: {SafeText.OneLine(emergency)}",
                $"It must be reviewed by someone else with shipgate audit review within {Duration(config.Audit.ReviewWithin)} of the release.");
            console.WriteLine();
        }
        console.MarkupLine($"To confirm, type the word: [bold]{Markup.Escape(word)}[/]");
        console.WriteLine($"To cancel, type {ConfirmationWord.AbortWord}.");
        console.WriteLine();
        console.Write(new Text("> "));
    }

    public static void DeploymentTriggered(IAnsiConsole console, ShipgateConfig config, DeploymentSeen deployment)
    {
        if (deployment.Runs.Count == 0)
        {
            console.WriteLine(SafeText.Lines(deployment.Note ?? "Deployment: no workflow run seen yet."));
        }
        else
        {
            console.WriteLine("Deployment triggered.");
            console.WriteLine();
            foreach (var run in deployment.Runs)
            {
                console.WriteLine($"GitHub Actions: {SafeText.OneLine(run.Url)}");
                console.WriteLine($"Status: {SafeText.OneLine(run.State)} ({SafeText.OneLine(run.Name)})");
            }
            if (deployment.Note is { } note) console.WriteLine(SafeText.Lines(note));
        }
        if (config.DeployMonitorUrl is { } monitor)
        {
            console.WriteLine();
            console.WriteLine($"Monitor at: {monitor}");
        }
        console.WriteLine();
    }

    public static void Complete(IAnsiConsole console, ShipgateConfig config, Released released, DeploymentSeen deployment, TicketComments comments)
    {
        var record = released.Record;
        Banner(console, "RELEASE COMPLETE");
        console.WriteLine($"Release ID: {record.ReleaseId}");
        console.WriteLine();
        console.WriteLine("Production deployment triggered:");
        console.WriteLine($"  - {Plural.Of(record.CommitsCount, "commit")}");
        console.WriteLine($"  - {Plural.Of(record.PullRequests.Count, "pull request")}");
        console.WriteLine($"  - {TicketWords.Count([.. record.Tickets.Select(t => t.System)])}");
        console.WriteLine();
        console.WriteLine($"{config.ProductionBranch} is now at {Sha.Short(record.ToSha)} (was {Sha.Short(record.FromSha)}).");
        console.WriteLine();
        console.WriteLine("Compliance Archive:");
        console.WriteLine($"  Branch: {config.ArchiveBranch}");
        console.WriteLine($"  File:   {RecordFiles.JsonPath(record.ReleaseId)}");
        console.WriteLine($"  Commit: {released.RecordCommit}");
        console.WriteLine();
        console.WriteLine("Deployment:");
        if (deployment.Runs.Count == 0) console.WriteLine($"  {SafeText.Lines(deployment.Note ?? "no workflow run seen")}");
        foreach (var run in deployment.Runs)
            console.WriteLine($"  GitHub Actions: {SafeText.OneLine(run.Url)} ({SafeText.OneLine(run.State)})");
        if (config.DeployMonitorUrl is { } monitor) console.WriteLine($"  Monitor:        {monitor}");
        console.WriteLine();
        var tickets = record.JiraTickets.Count == 0 ? "Linear tickets" : record.LinearTickets.Count == 0 ? "Jira tickets" : "Tickets";
        if (comments.Commented.Count > 0)
            console.WriteLine($"{tickets} updated with release comment: {string.Join(", ", comments.Commented)}");
        if (comments.NotCommented.Count > 0)
            console.MarkupLine($"[yellow]{tickets} NOT updated: {Markup.Escape(string.Join(", ", comments.NotCommented))}[/]");
        if (comments.Note is { } note) console.WriteLine(note);
        console.WriteLine();
        console.WriteLine(Light);
        console.WriteLine("Monitor deployment progress in your deployment dashboard.");
        console.WriteLine(Heavy);
        if (record.Emergency is { } emergency)
        {
            var due = record.Timestamp + config.Audit.ReviewWithin;
            console.WriteLine();
            EmergencyBanner(console, $"EMERGENCY RELEASE {record.ReleaseId}: {SafeText.OneLine(emergency.Reason)}",
                $"Review due by {due.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC " +
                $"(within {Duration(config.Audit.ReviewWithin)}): " +
                $"someone other than you runs shipgate audit review {record.ReleaseId} --note \"<what was checked>\".");
        }
    }

    /// <summary>The emergency banner: before the word is typed, and after the release with its review deadline.</summary>
    private static void EmergencyBanner(IAnsiConsole console, string title, string text)
    {
        var bar = new string('!', Width);
        console.MarkupLine($"[red bold]{bar}[/]");
        ScreenLayout.WriteHanging(console, title, 2, new Style(Color.Red, decoration: Decoration.Bold));
        ScreenLayout.WriteHanging(console, text, 2);
        console.MarkupLine($"[red bold]{bar}[/]");
    }

    private static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays) && span.TotalHours % 24 == 0 && span.TotalDays > 2
            ? Plural.Of((int)span.TotalDays, "day")
            : span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? Plural.Of((int)span.TotalHours, "hour")
            : Plural.Of((int)span.TotalMinutes, "minute");
}
