using Shipgate.Integrations;

namespace Shipgate.Release.After;

/// <summary>What became of one ticket after the push: done, or not and the warnings (screen markup) that say why.</summary>
/// <param name="StopsTracker">The tracker cannot be used at all (<see cref="TrackerUnavailableException"/>): no further ticket of it is tried.</param>
internal sealed record TicketOutcome(string Id, bool Done, IReadOnlyList<string> Warnings, bool StopsTracker = false);

/// <summary>
/// One tracker's tickets updated side by side, so a release of 150 tickets waits for about 150/4 answers rather than 150.
/// At most <see cref="ApiChannel.MaxInFlight"/> tickets are under way at once, taken in ticket order. The first goes alone:
/// a tracker that is down costs one ticket's retries, as when tickets went one by one. A ticket whose tracker cannot be
/// used stops the others from starting (those already under way finish). What is reported is in ticket order, whatever
/// order the answers came in.
/// </summary>
internal static class TicketUpdates
{
    /// <summary>
    /// <paramref name="update"/> for each ticket; an outcome per ticket, null for a ticket not tried. Only Ctrl-C (or a bug)
    /// throws out of <paramref name="update"/>: then no further ticket starts, and the first exception is thrown once the
    /// tickets under way have ended.
    /// </summary>
    public static async Task<TicketOutcome?[]> RunAsync(IReadOnlyList<string> ids, Func<string, Task<TicketOutcome>> update,
        int atOnce = ApiChannel.MaxInFlight)
    {
        var outcomes = new TicketOutcome?[ids.Count];
        if (ids.Count == 0) return outcomes;
        outcomes[0] = await update(ids[0]);
        if (outcomes[0]!.StopsTracker) return outcomes;

        var next = 0;
        var stopped = false;
        async Task TakeTurnsAsync()
        {
            while (!Volatile.Read(ref stopped) && Interlocked.Increment(ref next) is var i && i < ids.Count)
            {
                try
                {
                    outcomes[i] = await update(ids[i]);
                }
                catch
                {
                    Volatile.Write(ref stopped, true);
                    throw;
                }
                if (outcomes[i]!.StopsTracker) Volatile.Write(ref stopped, true);
            }
        }
        // Started in turn: each runs until it waits for an answer, so a tracker that answers at once is still asked in ticket order.
        await Task.WhenAll([.. Enumerable.Range(0, Math.Min(atOnce, ids.Count - 1)).Select(_ => TakeTurnsAsync())]);
        return outcomes;
    }

    /// <summary>
    /// The tickets done and not done (failed or not tried), and the warnings, all in ticket order. A tracker that could not be
    /// used is told once, at the first ticket (in ticket order) that met it; the other tickets that met it are listed as not done.
    /// </summary>
    public static (TicketComments Comments, IReadOnlyList<string> Warnings) Report(IReadOnlyList<string> ids, IReadOnlyList<TicketOutcome?> outcomes)
    {
        var done = new List<string>();
        var notDone = new List<string>();
        var warnings = new List<string>();
        var stopTold = false;
        for (var i = 0; i < ids.Count; i++)
        {
            var outcome = outcomes[i];
            (outcome is { Done: true } ? done : notDone).Add(ids[i]);
            if (outcome is null || (outcome.StopsTracker && stopTold)) continue;
            warnings.AddRange(outcome.Warnings);
            stopTold |= outcome.StopsTracker;
        }
        return (new TicketComments(done, notDone, null), warnings);
    }
}
