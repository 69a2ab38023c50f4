namespace Shipgate.Integrations;

/// <summary>The ticket tracker (Linear) as the release sees it: batched reads, one comment per ticket.</summary>
internal interface ITicketTracker
{
    /// <summary>The team keys (BOL, ENG) that ticket ids may start with.</summary>
    Task<IReadOnlyList<string>> GetTeamKeysAsync(CancellationToken ct);

    /// <summary>The tickets that exist among <paramref name="ids"/>; a missing id is simply absent.</summary>
    Task<IReadOnlyDictionary<string, TicketDetails>> GetTicketsAsync(IReadOnlyCollection<string> ids, CancellationToken ct);

    /// <summary>Comments once per <paramref name="key"/>: the same key again (a retry, a resumed release) never posts a second comment.</summary>
    Task CommentAsync(string ticketId, string body, string key, CancellationToken ct);
}

/// <summary>A ticket as the tracker knows it. StateType is Linear's: completed, started, canceled, ...</summary>
internal sealed record TicketDetails(string Id, string Title, string Url, string Status, string StateType)
{
    public bool IsCompleted => StateType == "completed";
}

/// <summary>
/// The tracker cannot be used at all (unreachable after retries, credentials refused): every
/// further call would fail the same way, so callers stop trying rather than wait once per ticket.
/// </summary>
internal sealed class TrackerUnavailableException(string service, string message, int? status = null, TimeSpan? retryAfter = null)
    : ApiException(service, message, status, retryAfter);
