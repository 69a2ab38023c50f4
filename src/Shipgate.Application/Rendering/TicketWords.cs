using Shipgate.Integrations;

namespace Shipgate.Rendering;

/// <summary>
/// How screens and records name a release's tickets by tracker: "3 Linear tickets" while Linear is the only
/// one, "4 tickets (3 Linear, 1 Jira)" when both are, so each ticket's tracker is always said. Pure.
/// </summary>
internal static class TicketWords
{
    /// <summary>"150 Linear tickets", "2 Jira tickets", "4 tickets (3 Linear, 1 Jira)".</summary>
    public static string Count(IReadOnlyCollection<TicketSystem> systems)
    {
        var distinct = systems.Distinct().Order().ToList();
        if (distinct.Count > 1)
            return $"{Plural.Of(systems.Count, "ticket")} ({string.Join(", ", distinct.Select(s => $"{systems.Count(x => x == s)} {TicketSystems.Name(s)}"))})";
        var system = distinct.Count == 1 ? distinct[0] : TicketSystem.Linear;
        return Plural.Of(systems.Count, $"{TicketSystems.Name(system)} ticket");
    }

    /// <summary>The title of the tickets' section: the tracker's name when there is one, plain TICKETS when both are.</summary>
    public static string Section(IReadOnlyCollection<TicketSystem> systems)
    {
        var distinct = systems.Distinct().ToList();
        if (distinct.Count > 1) return "TICKETS INCLUDED";
        var system = distinct.Count == 1 ? distinct[0] : TicketSystem.Linear;
        return $"{TicketSystems.Name(system).ToUpperInvariant()} TICKETS INCLUDED";
    }
}
