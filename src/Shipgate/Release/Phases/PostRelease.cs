using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 6. Comments on each released ticket (release id, record link, deployment link) and shows
/// RELEASE COMPLETE. A failed comment is reported, never hidden, and never undoes the release.
/// </summary>
public sealed class PostRelease : IReleasePhase
{
    public string Name => "post-release";

    public string? SkipReason(ReleaseContext context) => context.Options.DryRun ? "dry run" : null;

    public async Task<PhaseOutcome> RunAsync(ReleaseContext context, CancellationToken ct)
    {
        var record = context.RequireRecord;
        var ticketIds = context.RequirePlan.Tickets.Where(t => t.Check == TicketCheck.Verified).Select(t => t.Id).ToList();
        if (context.Tracker is not { } tracker)
        {
            if (record.LinearTickets.Count > 0)
                context.TicketCommentNote = $"Linear tickets not updated: {context.TrackerMissing ?? "no ticket tracker configured"}.";
        }
        else
        {
            var body = CommentBody(context);
            var done = new List<string>();
            var failed = new List<string>();
            foreach (var id in ticketIds)
            {
                try
                {
                    await tracker.CommentAsync(id, body, ct);
                    done.Add(id);
                }
                catch (Integrations.TrackerUnavailableException e)
                {
                    // Every further comment would fail the same way, after the same retries.
                    failed.AddRange(ticketIds.Except(done));
                    context.Console.MarkupLine($"[yellow]WARNING: could not comment on {Spectre.Console.Markup.Escape(id)} and did not try the others: {SafeText.Markup(context.Secrets.Redact(e.Message))}[/]");
                    break;
                }
                catch (ShipgateException e)
                {
                    failed.Add(id);
                    context.Console.MarkupLine($"[yellow]WARNING: could not comment on {Spectre.Console.Markup.Escape(id)}: {SafeText.Markup(context.Secrets.Redact(e.Message))}[/]");
                }
            }
            context.TicketsCommented = done;
            context.TicketsNotCommented = failed;
        }
        Screens.Complete(context.Console, context);
        return PhaseOutcome.Finished;
    }

    public static string CommentBody(ReleaseContext context)
    {
        var record = context.RequireRecord;
        var recordUrl = context.ArchiveFileUrl(Record.RecordFiles.JsonPath(record.ReleaseId))
            ?? $"{context.Config.ArchiveBranch}:{Record.RecordFiles.JsonPath(record.ReleaseId)}";
        var body = $"Released to production in {record.ReleaseId}\n\nRelease: {recordUrl}";
        if (context.DeploymentRuns.Count > 0)
            body += $"\nDeploy: {context.DeploymentRuns[0].Url}";
        return body;
    }
}
