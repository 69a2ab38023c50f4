namespace Shipgate.Release;

/// <summary>
/// Work started before it is known to be wanted, so that it runs beside what decides (gather's git reads start while
/// pre-flight still counts the divergence). Whoever ends up with it disposes it: that cancels it if it is still under way
/// and waits for it, so nothing outlives the run and no failure of unwanted work goes unseen or is reported.
/// </summary>
internal sealed class HeadStart<T> : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;

    public HeadStart(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task = work(_stop.Token);
    }

    public Task<T> Task { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task;
        }
        catch (Exception)
        {
            // Awaited where it mattered; here it was cut short or is no longer wanted.
        }
        _stop.Dispose();
    }
}
