using System.Globalization;

namespace Shipgate.Linear;

/// <summary>One issues query: numbers of one team, at most a page of them.</summary>
internal sealed record TicketBatch(string TeamKey, IReadOnlyList<int> Numbers);

/// <summary>
/// Splits ticket ids into Linear queries: one per team key and 100 numbers, so T tickets of K teams
/// take at most K - 1 + ceil(T/100) requests, and a missing ticket is simply absent from an answer
/// rather than failing the batch (as one non-null <c>issue(id:)</c> in an aliased batch would).
/// </summary>
internal static class TicketBatches
{
    public const int MaxNumbers = 100;

    public static IReadOnlyList<TicketBatch> Plan(IEnumerable<string> ids) =>
        ids.Select(Parse)
            .OfType<(string Key, int Number)>()
            .Distinct()
            .GroupBy(t => t.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.Select(t => t.Number).Order().Chunk(MaxNumbers).Select(chunk => new TicketBatch(g.Key, chunk)))
            .ToList();

    /// <summary>"BOL-407" as (BOL, 407); null for anything that is not a team key and a number.</summary>
    public static (string Key, int Number)? Parse(string id)
    {
        var dash = id.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
            return null;
        return (id[..dash].ToUpperInvariant(), number);
    }
}
