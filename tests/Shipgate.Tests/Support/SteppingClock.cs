using Microsoft.Extensions.Time.Testing;

namespace Shipgate.Tests.Support;

/// <summary>
/// Fake time (a <see cref="FakeTimeProvider"/> starting at the real now) that moves on by itself, and only while
/// something waits on it: whenever a delay is pending (<c>Task.Delay</c> on this clock: a poll, a retry's backoff, an
/// emulator's latency), it steps to the next timer due, so a 3 s poll or a 30 minute bound passes at once and "now"
/// moves with it. Nothing else moves it: a run that waits on no delay sees a frozen clock.
/// </summary>
/// <remarks>
/// A timeout (a <c>CancellationTokenSource</c>'s timer, a periodic "still waiting" report) due before the next delay
/// times something under way, such as a request to an emulator. It fires only when nothing on the clock has changed
/// for <see cref="Settle"/> of real time, that is when what it times is really held (an emulator's latency on this
/// clock): a request that is answered disposes its timers first. The settling is a grace, not a measure: a test never
/// waits for it unless a timeout is what it is about.
/// </remarks>
internal sealed class SteppingClock : FakeTimeProvider, IDisposable
{
    /// <summary>How long nothing may change before a timeout due ahead of the next delay fires.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private readonly List<Tracked> _timers = [];
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _created;

    public SteppingClock() : this(DateTimeOffset.UtcNow)
    {
    }

    public SteppingClock(DateTimeOffset start) : base(start) => _ = Task.Run(StepAsync);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Task.Delay (and Task.WaitAsync) on a TimeProvider hand their own task as the timer's state; a
        // CancellationTokenSource hands itself, a periodic report its own state.
        var tracked = new Tracked(this, state is Task, Interlocked.Increment(ref _created));
        tracked.Schedule(dueTime, period);
        tracked.Inner = base.CreateTimer(s =>
        {
            tracked.Fired();
            callback(s);
        }, state, dueTime, period);
        return tracked;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private void Changed()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    /// <summary>The timer due first, when a delay waits on the clock; null when nothing does.</summary>
    private Tracked? Next()
    {
        lock (_gate)
        {
            if (!_timers.Any(t => t.IsDelay && t.Due is not null)) return null;
            return _timers.Where(t => t.Due is not null).OrderBy(t => t.Due).ThenBy(t => t.Order).First();
        }
    }

    private async Task StepAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                Task changed;
                lock (_gate) changed = _changed.Task;
                var next = Next();
                if (next is null)
                {
                    await changed.WaitAsync(_stop.Token);
                    continue;
                }
                if (!next.IsDelay && await Task.WhenAny(changed, Task.Delay(Settle, _stop.Token)) == changed)
                    continue; // something moved: what the timeout times may be finishing
                var due = next.Due;
                if (due is null) continue;
                var now = GetUtcNow();
                Advance(due.Value > now ? due.Value - now : TimeSpan.Zero);
                next.Passed(due.Value);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>One timer as the clock sees it: when it is due next (null: not pending), and whether it is a delay.</summary>
    private sealed class Tracked(SteppingClock clock, bool isDelay, long order) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public bool IsDelay { get; } = isDelay;

        public long Order { get; } = order;

        public DateTimeOffset? Due { get; private set; }

        public ITimer? Inner { get; set; }

        /// <summary>Due as FakeTimeProvider counts it: whole milliseconds from now.</summary>
        public void Schedule(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                _period = period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + Milliseconds(dueTime);
                if (!clock._timers.Contains(this)) clock._timers.Add(this);
            }
            clock.Changed();
        }

        public void Fired()
        {
            lock (clock._gate)
                Due = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : clock.GetUtcNow() + Milliseconds(_period);
            clock.Changed();
        }

        /// <summary>A step to <paramref name="due"/> that left this timer due then (it never fired) leaves it no longer pending.</summary>
        public void Passed(DateTimeOffset due)
        {
            lock (clock._gate)
                if (Due == due) Due = null;
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Schedule(dueTime, period);
            return Inner?.Change(dueTime, period) ?? false;
        }

        public void Dispose()
        {
            lock (clock._gate) clock._timers.Remove(this);
            clock.Changed();
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private static TimeSpan Milliseconds(TimeSpan time) => TimeSpan.FromMilliseconds((long)time.TotalMilliseconds);
    }
}
