namespace Shipgate.Emulators;

/// <summary>
/// A meeting point that proves requests are sent at once, without measuring time: each of the first <see cref="Count"/>
/// distinct requests that reach it (on every emulator it is armed on, see <see cref="Faults.Hold"/>) is held until all
/// of them are in flight together. One held longer than <see cref="Timeout"/> is answered 408 with a spec violation
/// naming the barrier, so a client that asks one after another fails rather than passes. A retry of a request
/// already held (same method, path, query and body) takes no second seat.
/// </summary>
public sealed class RequestBarrier
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _seated = [];
    private readonly TaskCompletionSource _met = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _seatTaken = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="count">How many requests must be in flight together.</param>
    /// <param name="timeout">How long a held request waits for the others (10 s when not given: generous, since passing never waits for it).</param>
    public RequestBarrier(int count, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        Timeout = timeout ?? TimeSpan.FromSeconds(10);
    }

    public int Count { get; }

    public TimeSpan Timeout { get; }

    /// <summary>All <see cref="Count"/> requests were in flight together.</summary>
    public bool Met => _met.Task.IsCompleted;

    /// <summary>How many distinct requests have taken a seat so far.</summary>
    public int Seated
    {
        get { lock (_gate) { return _seated.Count; } }
    }

    /// <summary>Completes once <paramref name="count"/> distinct requests have taken a seat: for a test that acts then, without polling.</summary>
    public async Task SeatedAsync(int count)
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_seated.Count >= count)
                {
                    return;
                }
                next = _seatTaken.Task;
            }
            await next;
        }
    }

    /// <summary>Seats the request identified by <paramref name="key"/>: false when the barrier is full and it is not one of those seated.</summary>
    internal bool TrySeat(string key)
    {
        lock (_gate)
        {
            if (_seated.Contains(key))
            {
                return true;
            }
            if (_seated.Count == Count)
            {
                return false;
            }
            _seated.Add(key);
            if (_seated.Count == Count)
            {
                _met.TrySetResult();
            }
            _seatTaken.TrySetResult();
            _seatTaken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return true;
        }
    }

    /// <summary>Waits for the others: null when they all came, else why the request is failed.</summary>
    internal async Task<string?> WaitAsync(CancellationToken ct)
    {
        try
        {
            await _met.Task.WaitAsync(Timeout, ct);
            return null;
        }
        catch (TimeoutException)
        {
            return $"request barrier: only {Seated} of {Count} requests were in flight at once within {Timeout.TotalSeconds:0.#} s " +
                "(the client sent them one after another)";
        }
    }
}
