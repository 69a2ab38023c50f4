using Shipgate.Integrations;

namespace Shipgate.Release;

/// <summary>
/// The tickets' part of phase 2 when Linear and Jira may both be configured: which keys each owns (the policy's
/// lists, else what each tracker lists), then each tracker's tickets, asked of it alone and in its own batches.
/// </summary>
internal static class TicketLookup
{
    public static async Task<TicketRouting> RouteAsync(ReleaseContext context, CancellationToken ct)
    {
        var config = context.Config;
        var linear = context.Tracker.TryGet(out var linearTracker)
            ? config.TicketKeys.Count > 0 ? Task.FromResult(config.TicketKeys) : linearTracker.GetTeamKeysAsync(ct)
            : Task.FromResult(config.TicketKeys);
        var jira = context.Jira?.Service is { } jiraTracker && config.Jira.Projects.Count == 0
            ? jiraTracker.GetTeamKeysAsync(ct)
            : Task.FromResult(context.Jira is null ? [] : config.Jira.Projects);
        await Task.WhenAll(linear, jira);
        return TicketRouting.Build(await linear, config.TicketKeys, await jira, config.Jira.Projects, Asked(context));
    }

    /// <summary>The tickets found among <paramref name="ids"/>, each tracker asked for its own; null when no tracker could be asked.</summary>
    public static async Task<IReadOnlyDictionary<string, TicketDetails>?> FindAsync(ReleaseContext context, TicketRouting routing,
        IReadOnlyList<string> ids, CancellationToken ct)
    {
        if (routing.Asked.Count == 0) return null;
        var trackers = new[] { context.Tracker.Service, context.Jira?.Service }.OfType<ITicketTracker>().ToList();
        var answers = await Task.WhenAll(trackers.Select(tracker => routing.Of(tracker.System, ids) is { Count: > 0 } mine
            ? tracker.GetTicketsAsync(mine, ct)
            : Task.FromResult<IReadOnlyDictionary<string, TicketDetails>>(new Dictionary<string, TicketDetails>())));
        return answers.SelectMany(a => a).ToDictionary(p => p.Key, p => p.Value with { System = routing.SystemOf(p.Key) });
    }

    private static IEnumerable<TicketSystem> Asked(ReleaseContext context)
    {
        if (context.Tracker.Service is not null) yield return TicketSystem.Linear;
        if (context.Jira?.Service is not null) yield return TicketSystem.Jira;
    }
}
