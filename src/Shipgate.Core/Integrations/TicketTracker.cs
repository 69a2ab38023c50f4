using System.Text.Json.Serialization;

namespace Shipgate.Integrations;

/// <summary>The ticket systems Shipgate knows; a release may use both, each key belonging to one.</summary>
internal enum TicketSystem
{
    [JsonStringEnumMemberName("linear")] Linear,
    [JsonStringEnumMemberName("jira")] Jira,
}

/// <summary>The ticket tracker (Linear or Jira) as the release sees it: batched reads, one comment per ticket.</summary>
internal interface ITicketTracker
{
    /// <summary>Which system this is: it owns its keys' tickets and names them in messages.</summary>
    TicketSystem System => TicketSystem.Linear;

    /// <summary>The team keys (BOL, ENG) that ticket ids may start with.</summary>
    Task<IReadOnlyList<string>> GetTeamKeysAsync(CancellationToken ct);

    /// <summary>The tickets that exist among <paramref name="ids"/>; a missing id is simply absent.</summary>
    Task<IReadOnlyDictionary<string, TicketDetails>> GetTicketsAsync(IReadOnlyCollection<string> ids, CancellationToken ct);

    /// <summary>Comments once per <paramref name="key"/>: the same key again (a retry, a resumed release) never posts a second comment.</summary>
    Task CommentAsync(string ticketId, string body, string key, CancellationToken ct);
}

/// <summary>
/// A ticket as the tracker knows it. StateType is Linear's state type (completed, started, canceled, ...)
/// or Jira's status category key (new, indeterminate, done).
/// </summary>
internal sealed record TicketDetails(string Id, string Title, string Url, string Status, string StateType, TicketSystem System = TicketSystem.Linear)
{
    public bool IsCompleted => TicketSystems.IsDone(System, StateType);
}

/// <summary>
/// The kind of state a ticket is in, as its tracker types it: Linear's state types and Jira's status categories. Read from the
/// tracker's word where the ticket is judged; the word itself is what the record keeps.
/// </summary>
internal enum TicketStateType
{
    [JsonStringEnumMemberName("triage")] Triage,
    [JsonStringEnumMemberName("backlog")] Backlog,
    [JsonStringEnumMemberName("unstarted")] Unstarted,
    [JsonStringEnumMemberName("started")] Started,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("canceled")] Canceled,
    [JsonStringEnumMemberName("new")] New,
    [JsonStringEnumMemberName("indeterminate")] Indeterminate,
    [JsonStringEnumMemberName("done")] Done,
}

/// <summary>What each system calls done, and its name in messages.</summary>
internal static class TicketSystems
{
    /// <summary>Linear: the state type is completed. Jira: the status category is done.</summary>
    public static bool IsDone(TicketSystem system, string? stateType) =>
        JsonNames.Parse<TicketStateType>(stateType) == (system == TicketSystem.Jira ? TicketStateType.Done : TicketStateType.Completed);

    public static string Name(TicketSystem system) => system == TicketSystem.Jira ? "Jira" : "Linear";
}

/// <summary>
/// The tracker cannot be used at all (unreachable after retries, credentials refused): every
/// further call would fail the same way, so callers stop trying rather than wait once per ticket.
/// </summary>
internal sealed class TrackerUnavailableException(string service, string message, int? status = null, TimeSpan? retryAfter = null)
    : ApiException(service, message, status, retryAfter);

/// <summary>What a released ticket is told after the push: the release, its comment's text, and where its record is.</summary>
/// <param name="Body">The comment, plain text; its first line names the release and finds the comment again on a resume.</param>
/// <param name="RecordUrl">The record's web page; null when the repository has none (then nothing links to it).</param>
internal sealed record ReleaseNotice(string ReleaseId, DateTimeOffset ReleasedAt, string Repository, string Body, string? RecordUrl);

/// <summary>
/// A tracker with releases of its own (Jira's versions): besides the comment, each released ticket links back to
/// the record and joins a released version named after the release. Each step is done once however often it runs.
/// </summary>
internal interface IReleaseTracker
{
    /// <returns>What could not be done for this ticket, one line each (empty when all was). A tracker that cannot be used throws.</returns>
    Task<IReadOnlyList<string>> MarkReleasedAsync(string ticketId, ReleaseNotice notice, CancellationToken ct);
}
