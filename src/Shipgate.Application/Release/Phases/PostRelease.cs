using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Release.After;
using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 6, post-release. Comments on each verified ticket of the release (release id, record link, GitHub Release
/// and deployment links) and shows RELEASE COMPLETE; a Jira ticket also gets a remote link to the record and joins
/// the release's Jira version (fixVersions), each once. Each comment has a key made from the release and the
/// ticket, so running it again (<c>--resume</c>) never posts twice. A failed comment is reported, never
/// hidden, and never undoes the release. Linear's and Jira's tickets are updated side by side, each tracker's at most
/// <see cref="ApiChannel.MaxInFlight"/> at once (<see cref="TicketUpdates"/>); the warnings and lists come in ticket order.
/// Skipped: in a dry run; without a tracker it notes why.
/// </summary>
internal static class PostRelease
{
    /// <param name="releasePage">The GitHub Release of the release's tag, when there is one: the comment links it.</param>
    public static async Task<TicketComments> RunAsync(ReleaseContext context, Released released, DeploymentSeen deployment, CancellationToken ct,
        string? releasePage = null)
    {
        var comments = await CommentAsync(context, released, deployment, releasePage, ct);
        CompleteScreen.Show(context.Console, context.Config, released, deployment, comments);
        return comments;
    }

    private static async Task<TicketComments> CommentAsync(ReleaseContext context, Released released, DeploymentSeen deployment, string? releasePage,
        CancellationToken ct)
    {
        var record = released.Record;
        var body = CommentBody(context, released, deployment, releasePage);
        var jira = context.Jira ?? Integration<ITicketTracker>.Unavailable("no Jira site is named (JIRA_BASE_URL or jira.site)");
        // Linear's and Jira's tickets side by side; their warnings shown once both are done, Linear's first, each in ticket order.
        var (linear, updated) = await AtOnce.BothAsync(
            token => UpdateAsync(context, record, context.Tracker, TicketSystem.Linear, record.LinearTickets, body, token),
            token => UpdateAsync(context, record, jira, TicketSystem.Jira, record.JiraTickets, body, token), ct);
        foreach (var warning in linear.Warnings.Concat(updated.Warnings))
            context.Console.MarkupLine(warning);
        var notes = new[] { linear.Comments.Note, updated.Comments.Note }.OfType<string>().ToList();
        return new TicketComments([.. linear.Comments.Commented, .. updated.Comments.Commented],
            [.. linear.Comments.NotCommented, .. updated.Comments.NotCommented], notes.Count == 0 ? null : string.Join("\n", notes));
    }

    /// <summary>
    /// One tracker's tickets (<see cref="TicketUpdates"/>: at most four at once, the first alone): a comment each, and for a
    /// tracker with releases (Jira) the link and the version too. The warnings come back, in ticket order, to be shown.
    /// </summary>
    private static async Task<(TicketComments Comments, IReadOnlyList<string> Warnings)> UpdateAsync(ReleaseContext context, ReleaseRecord record,
        Integration<ITicketTracker> integration, TicketSystem system, IReadOnlyList<RecordTicket> tickets, string body, CancellationToken ct)
    {
        var name = TicketSystems.Name(system);
        if (!integration.TryGet(out var tracker))
            return (new TicketComments([], [], tickets.Count > 0 ? $"{name} tickets not updated: {integration.Missing}." : null), []);

        var ticketIds = tickets.Where(t => t.Verification == TicketCheck.Verified).Select(t => t.Id).ToList();
        var notice = new ReleaseNotice(record.ReleaseId, record.Timestamp, record.Repository, body, RecordUrl(context, record.ReleaseId));
        var outcomes = await TicketUpdates.RunAsync(ticketIds, id => UpdateOneAsync(context, tracker, id, notice, ct));
        var (comments, warnings) = TicketUpdates.Report(ticketIds, outcomes);
        if (system == TicketSystem.Jira && ticketIds.Count > 0 && notice.RecordUrl is null)
            warnings = [.. warnings, "[yellow]WARNING: Jira tickets got no link to the record: the repository has no web address (set github.repository).[/]"];
        return (comments, warnings);
    }

    /// <summary>One ticket's comment (and for Jira its link and version). A failure is the ticket's outcome; only Ctrl-C throws.</summary>
    private static async Task<TicketOutcome> UpdateOneAsync(ReleaseContext context, ITicketTracker tracker, string id, ReleaseNotice notice,
        CancellationToken ct)
    {
        string Warning(string text) => $"[yellow]WARNING: {text}[/]";
        string Said(Exception e) => SafeText.Markup(context.Secrets.Redact(e.Message));
        try
        {
            IReadOnlyList<string> problems = [];
            if (tracker is IReleaseTracker releases) problems = await releases.MarkReleasedAsync(id, notice, ct);
            else await tracker.CommentAsync(id, notice.Body, CommentKey(notice.ReleaseId, id), ct);
            return new TicketOutcome(id, problems.Count == 0,
                [.. problems.Select(problem => Warning($"{Markup.Escape(id)}: {SafeText.Markup(context.Secrets.Redact(problem))}"))]);
        }
        catch (TrackerUnavailableException e)
        {
            // Every further ticket would fail the same way, after the same retries.
            return new TicketOutcome(id, false, [Warning($"could not comment on {Markup.Escape(id)} and did not try the others: {Said(e)}")], StopsTracker: true);
        }
        catch (ShipgateException e) when (!ct.IsCancellationRequested)
        {
            return new TicketOutcome(id, false, [Warning($"could not comment on {Markup.Escape(id)}: {Said(e)}")]);
        }
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
