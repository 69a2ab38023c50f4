using Microsoft.Extensions.Time.Testing;

namespace Shipgate.Tests.Support;

/// <summary>
/// Fake time (a <see cref="FakeTimeProvider"/> starting at the real now, whose timers it keeps and fires itself) that moves on by itself, and only while
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
        var tracked = new Tracked(this, callback, state, state is Task, Interlocked.Increment(ref _created));
        tracked.Schedule(dueTime, period);
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

    /// <summary>The timer due first, when a delay waits on the clock or a timer is already due; null otherwise.</summary>
    private Tracked? Next()
    {
        lock (_gate)
        {
            var first = _timers.Where(t => t.Due is not null).OrderBy(t => t.Due).ThenBy(t => t.Order).FirstOrDefault();
            if (first is null) return null;
            if (first.Due <= GetUtcNow() || _timers.Any(t => t.IsDelay && t.Due is not null)) return first;
            return null;
        }
    }

    /// <summary>Fires, in the order they are due, every timer due by now; a periodic one is due again a period later.</summary>
    private void FireDue()
    {
        while (true)
        {
            Tracked? due;
            lock (_gate)
            {
                var now = GetUtcNow();
                due = _timers.Where(t => t.Due <= now).OrderBy(t => t.Due).ThenBy(t => t.Order).FirstOrDefault();
                due?.Rearm(now);
            }
            if (due is null) return;
            due.Fire();
            Changed();
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
                var now = GetUtcNow();
                var due = next.Due;
                if (due is null) continue;
                if (due > now)
                {
                    if (!next.IsDelay && await Task.WhenAny(changed, Task.Delay(Settle, _stop.Token)) == changed)
                        continue; // something moved: what the timeout times may be finishing
                    if (next.Due != due) continue; // changed or disposed while settling
                    Advance(due.Value - now);
                }
                FireDue();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// One timer, owned by the clock alone: when it is due next (null: not pending), and whether it is a delay. The clock
    /// fires it itself, so what the clock thinks is due and what fires can never differ.
    /// </summary>
    private sealed class Tracked(SteppingClock clock, TimerCallback callback, object? state, bool isDelay, long order) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public bool IsDelay { get; } = isDelay;

        public long Order { get; } = order;

        public DateTimeOffset? Due { get; private set; }

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

        /// <summary>Called under the clock's lock as it fires: due again a period after <paramref name="now"/>, or no longer.</summary>
        public void Rearm(DateTimeOffset now) =>
            Due = _period == Timeout.InfiniteTimeSpan || _period <= TimeSpan.Zero ? null : now + Milliseconds(_period);

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Schedule(dueTime, period);
            return true;
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                Due = null;
                clock._timers.Remove(this);
            }
            clock.Changed();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private static TimeSpan Milliseconds(TimeSpan time) => TimeSpan.FromMilliseconds(Math.Max(0, (long)time.TotalMilliseconds));
    }
}
