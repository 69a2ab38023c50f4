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
        console.WriteLine($"Commits: {plan.Commits.Count} commits{(plan.MergeCommitCount > 0 ? $" (+{plan.MergeCommitCount} merge commits)" : "")}");
        console.WriteLine($"PRs:     {plan.PullRequests.Count} pull requests");
        console.WriteLine($"Tickets: {plan.Tickets.Count} Linear tickets");
        console.WriteLine($"Files:   {plan.Diff.FilesChanged} files changed (+{plan.Diff.Insertions}/-{plan.Diff.Deletions})");
        console.WriteLine();

        Section(console, "PULL REQUESTS INCLUDED");
        if (plan.PullRequests.Count == 0) console.WriteLine("None.");
        else
        {
            var table = plan.ReviewsKnown
                ? MarkdownTable("PR", "Title", "Author", "Merged", "Compliance", "Review")
                : MarkdownTable("PR", "Title", "Author", "Merged", "Compliance");
            foreach (var pr in plan.PullRequests)
            {
                var cells = new List<string>
                {
                    $"#{pr.Number}",
                    SafeText.Markup(SafeText.Shorten(pr.Title, 40)),
                    "@" + SafeText.Markup(pr.Author),
                    Date(pr.MergedAt),
                    pr.ComplianceArchive is null ? "[yellow]MISSING[/]" : "Archived",
                };
                if (plan.ReviewsKnown)
                    cells.Add(pr.IndependentlyApproved == true ? "Approved" : "[yellow]No independent approval[/]");
                table.AddRow(cells.ToArray());
            }
            console.Write(table);
        }
        console.WriteLine();

        Section(console, "LINEAR TICKETS INCLUDED");
        if (plan.Tickets.Count == 0) console.WriteLine("None.");
        else
        {
            var table = MarkdownTable("Ticket", "Title", "Status");
            foreach (var ticket in plan.Tickets)
            {
                var status = ticket.Check switch
                {
                    TicketCheck.NotFound => "[yellow]NOT FOUND[/]",
                    TicketCheck.Unverified => "[yellow]unverified[/]",
                    _ when !ticket.IsCompleted => $"[yellow]{SafeText.Markup(ticket.Status)}[/]",
                    _ => SafeText.Markup(ticket.Status),
                };
                table.AddRow(SafeText.Markup(ticket.Id), SafeText.Markup(SafeText.Shorten(ticket.Title ?? "", 45)), status);
            }
            console.Write(table);
        }
        console.WriteLine();

        Section(console, "KEY CHANGES BY AREA");
        if (plan.Areas.Count == 0) console.WriteLine("No file changes.");
        foreach (var area in plan.Areas)
        {
            console.MarkupLine($"[bold]{SafeText.Markup(area.Title)}:[/]");
            foreach (var change in area.Changes) console.WriteLine("- " + SafeText.OneLine(change));
            console.WriteLine();
        }

        if (plan.Unspecced.Count > 0)
        {
            Section(console, "UNSPECCED CHANGES");
            foreach (var change in plan.Unspecced) console.WriteLine("- " + SafeText.OneLine(change.Description));
            console.WriteLine();
        }

        Section(console, "COMPLIANCE STATUS");
        foreach (var item in Gaps.Checklist(gathered.Gaps, plan, policyCompared: true))
        {
            if (item.Passed) console.WriteLine($"[x] {item.Label}");
            else console.MarkupLine($"[yellow][[ ]] {Markup.Escape(item.Label)}[/] - {SafeText.Markup(item.Reason)}");
        }
        console.WriteLine();
        console.WriteLine(Light);
    }

    /// <summary>The seed's warnings for missing archives and tickets, once per kind rather than once per PR.</summary>
    public static void GapWarnings(IAnsiConsole console, IReadOnlyList<Gap> gaps)
    {
        var missing = Gaps.Of(gaps, GapKind.MissingArchive).Select(g => g.Subject).ToList();
        if (missing.Count > 0)
        {
            console.MarkupLine($"[yellow]WARNING: PR {string.Join(", ", missing)} {(missing.Count == 1 ? "has" : "have")} no compliance archive.[/]");
            console.WriteLine();
            console.WriteLine("This PR may have been merged before compliance archiving was enabled,");
            console.WriteLine("or the archive workflow failed.");
            console.WriteLine();
            console.WriteLine("The release will note this gap in the audit trail.");
            console.WriteLine();
        }
        var notFound = Gaps.Of(gaps, GapKind.TicketNotFound).Select(g => g.Subject).ToList();
        if (notFound.Count > 0)
        {
            console.MarkupLine($"[yellow]WARNING: Ticket {SafeText.Markup(string.Join(", ", notFound))} not found in Linear.[/]");
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
        console.MarkupLine($"[yellow]WARNING: {open.Count} open PRs targeting {Markup.Escape(stagingBranch)}[/]");
        console.WriteLine();
        var table = MarkdownTable("PR", "Title", "Author");
        foreach (var pr in open)
            table.AddRow($"#{pr.Number}", SafeText.Markup(SafeText.Shorten(pr.Title, 50)), "@" + SafeText.Markup(pr.Author));
        console.Write(table);
        console.WriteLine();
        console.WriteLine("These changes are NOT included in this release.");
        console.WriteLine("Consider merging or closing them first.");
        console.WriteLine();
    }

    public static void Confirm(IAnsiConsole console, ReleaseContext context, ReleasePlan plan, string word)
    {
        var config = context.Config;
        Banner(console, "CONFIRM RELEASE");
        console.WriteLine($"You are about to deploy {plan.Commits.Count} commits to PRODUCTION.");
        console.WriteLine();
        console.WriteLine("This will:");
        console.WriteLine($"1. Fast-forward {config.ProductionBranch} to {config.StagingBranch}");
        console.WriteLine($"2. Trigger the production deployment of {context.RepositoryName}");
        console.WriteLine($"3. Create a permanent release record in {config.ArchiveBranch}");
        console.WriteLine();
        console.MarkupLine("[red bold]WARNING: This action deploys to PRODUCTION and affects live users.[/]");
        console.WriteLine();
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
        console.WriteLine($"  - {record.CommitsCount} commits");
        console.WriteLine($"  - {record.PullRequests.Count} pull requests");
        console.WriteLine($"  - {record.LinearTickets.Count} Linear tickets");
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
        if (comments.Commented.Count > 0)
            console.WriteLine($"Linear tickets updated with release comment: {string.Join(", ", comments.Commented)}");
        if (comments.NotCommented.Count > 0)
            console.MarkupLine($"[yellow]Linear tickets NOT updated: {Markup.Escape(string.Join(", ", comments.NotCommented))}[/]");
        if (comments.Note is { } note) console.WriteLine(note);
        console.WriteLine();
        console.WriteLine(Light);
        console.WriteLine("Monitor deployment progress in your deployment dashboard.");
        console.WriteLine(Heavy);
    }
}
