using Shipgate.Integrations;

namespace Shipgate.Audit;

/// <summary>
/// Who GitHub says pushed a commit to production: the actor of the first update of production (oldest first) whose range
/// (<c>before..after</c>) holds it. A direct push is acknowledged by someone other than its pusher, so review and verify both
/// ask this. Pure.
/// </summary>
internal static class WitnessedPushers
{
    /// <summary>The update of production that brought <paramref name="sha"/> in, or null when GitHub lists none.</summary>
    public static RefActivity? UpdateOf(CommitGraph graph, IReadOnlyList<RefActivity> production, string sha) =>
        production.FirstOrDefault(update => Carried(graph, update).Contains(sha));

    /// <summary>The commits an update of production brought in (none for a deletion), within the history the graph holds.</summary>
    public static IReadOnlySet<string> Carried(CommitGraph graph, RefActivity update) =>
        update.Type == RefActivityType.BranchDeletion ? new HashSet<string>()
            : graph.Range(update.Before.All(c => c == '0') ? "" : update.Before, update.After).ToHashSet(StringComparer.Ordinal);
}
