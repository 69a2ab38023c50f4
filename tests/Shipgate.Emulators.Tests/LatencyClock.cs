using Microsoft.Extensions.Time.Testing;

namespace Shipgate.Emulators.Tests;

/// <summary>
/// Fake time for an emulator's <see cref="Faults.Clock"/> that tells when something starts waiting on it for
/// <paramref name="latency"/>: the emulator holding an answer back. A test then moves the clock, never waits for it.
/// </summary>
internal sealed class LatencyClock(TimeSpan latency) : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once a wait of the latency is armed on this clock.</summary>
    public Task Holding => _holding.Task;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime == latency) _holding.TrySetResult();
        return timer;
    }
}
