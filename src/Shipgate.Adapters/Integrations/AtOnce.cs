using System.Runtime.ExceptionServices;

namespace Shipgate.Integrations;

/// <summary>
/// Independent requests sent together, so a release waits for the slowest of them rather than for their sum.
/// The failure reported is the one asking them in turn would have met: the first in the order asked. So a
/// failure cancels only the calls after it (their answers could no longer matter); those before it go on to
/// their end. Ctrl-C cancels them all. Results come back in the order asked, whatever order they came in.
/// How many are under way at once is <see cref="ApiChannel"/>'s bound.
/// </summary>
internal static class AtOnce
{
    /// <summary><paramref name="call"/> for every item at once; the results in the items' order.</summary>
    public static async Task<TResult[]> AllAsync<TItem, TResult>(
        IEnumerable<TItem> items, Func<TItem, CancellationToken, Task<TResult>> call, CancellationToken ct)
    {
        var list = items.ToList();
        var results = new TResult[list.Count];
        await RunAsync([.. list.Select((item, i) => (Func<CancellationToken, Task>)(async token => results[i] = await call(item, token)))], ct);
        return results;
    }

    /// <summary>Two calls of different kinds at once.</summary>
    public static async Task<(T1, T2)> BothAsync<T1, T2>(
        Func<CancellationToken, Task<T1>> first, Func<CancellationToken, Task<T2>> second, CancellationToken ct)
    {
        T1 one = default!;
        T2 two = default!;
        await RunAsync([async token => one = await first(token), async token => two = await second(token)], ct);
        return (one, two);
    }

    private static async Task RunAsync(IReadOnlyList<Func<CancellationToken, Task>> calls, CancellationToken ct)
    {
        var stops = calls.Select(_ => CancellationTokenSource.CreateLinkedTokenSource(ct)).ToList();
        try
        {
            async Task OneAsync(int i)
            {
                try
                {
                    await calls[i](stops[i].Token);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    foreach (var later in stops.Skip(i + 1)) await later.CancelAsync();
                    throw;
                }
            }

            var running = Enumerable.Range(0, calls.Count).Select(OneAsync).ToList();
            try
            {
                await Task.WhenAll(running);
            }
            catch (Exception) when (!ct.IsCancellationRequested && running.FirstOrDefault(t => t.IsFaulted) is { Exception.InnerException: { } first })
            {
                // The first in the order asked, not in time; a call cut short by an earlier one's failure comes after it.
                ExceptionDispatchInfo.Throw(first);
            }
        }
        finally
        {
            foreach (var stop in stops) stop.Dispose();
        }
    }
}
