using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 6, post-release. Comments on each verified ticket of the release (release id, record link, GitHub Release
/// and deployment links) and shows RELEASE COMPLETE; a Jira ticket also gets a remote link to the record and joins
/// the release's Jira version (fixVersions), each once. Each comment has a key made from the release and the
/// ticket, so running it again (<c>--resume</c>) never posts twice. A failed comment is reported, never
/// hidden, and never undoes the release. Skipped: in a dry run; without a tracker it notes why.
/// </summary>
internal static class PostRelease
{
    /// <param name="releasePage">The GitHub Release of the release's tag, when there is one: the comment links it.</param>
    public static async Task<TicketComments> RunAsync(ReleaseContext context, Released released, DeploymentSeen deployment, CancellationToken ct,
        string? releasePage = null)
    {
        var comments = await CommentAsync(context, released, deployment, releasePage, ct);
        Screens.Complete(context.Console, context.Config, released, deployment, comments);
        return comments;
    }

    private static async Task<TicketComments> CommentAsync(ReleaseContext context, Released released, DeploymentSeen deployment, string? releasePage,
        CancellationToken ct)
    {
        var record = released.Record;
        var body = CommentBody(context, released, deployment, releasePage);
        var linear = await UpdateAsync(context, record, context.Tracker, TicketSystem.Linear, record.LinearTickets, body, ct);
        var jira = context.Jira ?? Integration<ITicketTracker>.Unavailable("no Jira site is named (JIRA_BASE_URL or jira.site)");
        var updated = await UpdateAsync(context, record, jira, TicketSystem.Jira, record.JiraTickets, body, ct);
        var notes = new[] { linear.Note, updated.Note }.OfType<string>().ToList();
        return new TicketComments([.. linear.Commented, .. updated.Commented], [.. linear.NotCommented, .. updated.NotCommented],
            notes.Count == 0 ? null : string.Join("\n", notes));
    }

    /// <summary>One tracker's tickets: a comment each, and for a tracker with releases (Jira) the link and the version too.</summary>
    private static async Task<TicketComments> UpdateAsync(ReleaseContext context, ReleaseRecord record, Integration<ITicketTracker> integration,
        TicketSystem system, IReadOnlyList<RecordTicket> tickets, string body, CancellationToken ct)
    {
        var name = TicketSystems.Name(system);
        if (!integration.TryGet(out var tracker))
            return new TicketComments([], [], tickets.Count > 0 ? $"{name} tickets not updated: {integration.Missing}." : null);

        var ticketIds = tickets.Where(t => t.Verification == TicketCheck.Verified).Select(t => t.Id).ToList();
        var notice = new ReleaseNotice(record.ReleaseId, record.Timestamp, record.Repository, body, RecordUrl(context, record.ReleaseId));
        var done = new List<string>();
        var failed = new List<string>();
        foreach (var id in ticketIds)
        {
            try
            {
                IReadOnlyList<string> problems = [];
                if (tracker is IReleaseTracker releases) problems = await releases.MarkReleasedAsync(id, notice, ct);
                else await tracker.CommentAsync(id, body, CommentKey(record.ReleaseId, id), ct);
                foreach (var problem in problems)
                    context.Console.MarkupLine($"[yellow]WARNING: {Markup.Escape(id)}: {SafeText.Markup(context.Secrets.Redact(problem))}[/]");
                (problems.Count == 0 ? done : failed).Add(id);
            }
            catch (TrackerUnavailableException e)
            {
                // Every further comment would fail the same way, after the same retries.
                failed.AddRange(ticketIds.Except(done).Except(failed));
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
        if (system == TicketSystem.Jira && ticketIds.Count > 0 && notice.RecordUrl is null)
            context.Console.MarkupLine("[yellow]WARNING: Jira tickets got no link to the record: the repository has no web address (set github.repository).[/]");
        return new TicketComments(done, failed, null);
    }

    /// <summary>The record's web page, when the repository has one (a remote link needs an address).</summary>
    private static string? RecordUrl(ReleaseContext context, string releaseId) =>
        context.ArchiveFileUrl(RecordFiles.JsonPath(releaseId));

    /// <summary>The same key for the same release and ticket, whenever the comment is (re)tried.</summary>
    public static string CommentKey(string releaseId, string ticketId) => $"shipgate/{releaseId}/{ticketId}";

    public static string CommentBody(ReleaseContext context, Released released, DeploymentSeen deployment, string? releasePage = null)
    {
        var body = $"Released to production in {released.Record.ReleaseId}\n\nRelease: {context.RecordLocation(released.Record.ReleaseId)}";
        if (releasePage is not null)
            body += $"\nGitHub Release: {releasePage}";
        if (deployment.Runs.Count > 0)
            body += $"\nDeploy: {deployment.Runs[0].Url}";
        return body;
    }
}
