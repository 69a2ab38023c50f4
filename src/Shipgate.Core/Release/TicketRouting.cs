using Shipgate.Integrations;

namespace Shipgate.Release;

/// <summary>
/// Which tracker owns each ticket key when Linear and Jira may both be configured, and which trackers
/// were asked. A key Jira has is Jira's, unless tickets.keys names it, jira.projects does not and Linear is
/// there to ask: the policy's own lists decide first, so one key never goes to both. Pure.
/// </summary>
/// <param name="Owners">Each key (BOL, OPS) and its tracker.</param>
/// <param name="Asked">The trackers that can be asked: a ticket of another stays unverified.</param>
internal sealed record TicketRouting(IReadOnlyDictionary<string, TicketSystem> Owners, IReadOnlySet<TicketSystem> Asked)
{
    public static TicketRouting None { get; } = new(new Dictionary<string, TicketSystem>(), new HashSet<TicketSystem>());

    /// <summary>Every key, in order, for the <see cref="TicketMatcher"/>.</summary>
    public IReadOnlyList<string> Keys => [.. Owners.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The tracker of "OPS-12"; Linear for a key nobody claims (records made before Jira).</summary>
    public TicketSystem SystemOf(string id)
    {
        var dash = id.LastIndexOf('-');
        return dash > 0 && Owners.TryGetValue(id[..dash].ToUpperInvariant(), out var system) ? system : TicketSystem.Linear;
    }

    /// <summary>The ids of one tracker's tickets among <paramref name="ids"/>.</summary>
    public IReadOnlyList<string> Of(TicketSystem system, IEnumerable<string> ids) => [.. ids.Where(id => SystemOf(id) == system)];

    /// <param name="linearKeys">tickets.keys, else Linear's team keys.</param>
    /// <param name="linearNamed">tickets.keys as the policy names them (empty when unset).</param>
    /// <param name="jiraKeys">jira.projects, else the project keys Jira lists; empty without Jira.</param>
    /// <param name="jiraNamed">jira.projects as the policy names them.</param>
    public static TicketRouting Build(IEnumerable<string> linearKeys, IEnumerable<string> linearNamed, IEnumerable<string> jiraKeys,
        IEnumerable<string> jiraNamed, IEnumerable<TicketSystem> asked)
    {
        static HashSet<string> Upper(IEnumerable<string> keys) => keys.Select(k => k.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var (linearSaid, jiraSaid) = (Upper(linearNamed), Upper(jiraNamed));
        var owners = new Dictionary<string, TicketSystem>(StringComparer.Ordinal);
        foreach (var key in Upper(linearKeys)) owners[key] = TicketSystem.Linear;
        var askedSet = asked.ToHashSet();
        foreach (var key in Upper(jiraKeys))
            if (jiraSaid.Contains(key) || !linearSaid.Contains(key) || !askedSet.Contains(TicketSystem.Linear)) owners[key] = TicketSystem.Jira;
        return new TicketRouting(owners, askedSet);
    }
}
