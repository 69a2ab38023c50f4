using Shipgate.Integrations;
using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 6, post-release. Comments on each verified ticket of the release (release id, record link,
/// deployment link) and shows RELEASE COMPLETE. Each comment has a key made from the release and the
/// ticket, so running it again (<c>--resume</c>) never posts twice. A failed comment is reported, never
/// hidden, and never undoes the release. Skipped: in a dry run; without a tracker it notes why.
/// </summary>
internal static class PostRelease
{
    public static async Task<TicketComments> RunAsync(ReleaseContext context, Released released, DeploymentSeen deployment, CancellationToken ct)
    {
        var comments = await CommentAsync(context, released, deployment, ct);
        Screens.Complete(context.Console, context.Config, released, deployment, comments);
        return comments;
    }

    private static async Task<TicketComments> CommentAsync(ReleaseContext context, Released released, DeploymentSeen deployment, CancellationToken ct)
    {
        var record = released.Record;
        if (!context.Tracker.TryGet(out var tracker))
            return new TicketComments([], [], record.LinearTickets.Count > 0 ? $"Linear tickets not updated: {context.Tracker.Missing}." : null);

        var ticketIds = record.LinearTickets.Where(t => t.Verification == TicketCheck.Verified).Select(t => t.Id).ToList();
        var body = CommentBody(context, released, deployment);
        var done = new List<string>();
        var failed = new List<string>();
        foreach (var id in ticketIds)
        {
            try
            {
                await tracker.CommentAsync(id, body, CommentKey(record.ReleaseId, id), ct);
                done.Add(id);
            }
            catch (TrackerUnavailableException e)
            {
                // Every further comment would fail the same way, after the same retries.
                failed.AddRange(ticketIds.Except(done));
                context.Console.MarkupLine($"[yellow]WARNING: could not comment on {Markup.Escape(id)} and did not try the others: " +
                    $"{SafeText.Markup(context.Secrets.Redact(e.Message))}[/]");
                break;
            }
            catch (ShipgateException e) when (!ct.IsCancellationRequested)
            {
                failed.Add(id);
                context.Console.MarkupLine(
                    $"[yellow]WARNING: could not comment on {Markup.Escape(id)}: {SafeText.Markup(context.Secrets.Redact(e.Message))}[/]");
            }
        }
        return new TicketComments(done, failed, null);
    }

    /// <summary>The same key for the same release and ticket, whenever the comment is (re)tried.</summary>
    public static string CommentKey(string releaseId, string ticketId) => $"shipgate/{releaseId}/{ticketId}";

    public static string CommentBody(ReleaseContext context, Released released, DeploymentSeen deployment)
    {
        var body = $"Released to production in {released.Record.ReleaseId}\n\nRelease: {context.RecordLocation(released.Record.ReleaseId)}";
        if (deployment.Runs.Count > 0)
            body += $"\nDeploy: {deployment.Runs[0].Url}";
        return body;
    }
}
