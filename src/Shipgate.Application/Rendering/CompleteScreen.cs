using System.Globalization;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Release;

namespace Shipgate.Rendering;

/// <summary>
/// RELEASE COMPLETE: the release id, what shipped, where production is now, the record's place on the archive branch, the
/// deployment, the ticket comments, and for an emergency release the review deadline.
/// </summary>
internal static class CompleteScreen
{
    public static void Show(IAnsiConsole console, ShipgateConfig config, Released released, DeploymentSeen deployment, TicketComments comments)
    {
        var record = released.Record;
        Screens.Banner(console, "RELEASE COMPLETE");
        console.WriteLine($"Release ID: {record.ReleaseId}");
        console.WriteLine();
        // Only what happened: the release moved production; whether a deployment started is the Deployment section's to say.
        console.WriteLine("Released to production:");
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
        console.WriteLine(Screens.Light);
        console.WriteLine(deployment.Runs.Count > 0
            ? "Monitor deployment progress in your deployment dashboard."
            : "No deployment run was seen: check that production deployed.");
        console.WriteLine(Screens.Heavy);
        if (record.Emergency is { } emergency)
        {
            var due = record.Timestamp + config.Audit.ReviewWithin;
            console.WriteLine();
            Screens.EmergencyBanner(console, $"EMERGENCY RELEASE {record.ReleaseId}: {SafeText.OneLine(emergency.Reason)}",
                $"Review due by {due.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC " +
                $"(within {Screens.Duration(config.Audit.ReviewWithin)}): " +
                $"someone other than you runs shipgate audit review {record.ReleaseId} --note \"<what was checked>\".");
        }
    }
}
