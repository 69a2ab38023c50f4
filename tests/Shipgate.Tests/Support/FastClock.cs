using System.Diagnostics;

namespace Shipgate.Tests.Support;

/// <summary>
/// A clock that runs <paramref name="factor"/> times faster than real time: a 3 s poll or a 1 s
/// retry backoff lasts milliseconds, and "now" moves on to match, so deadlines still hold.
/// </summary>
internal sealed class FastClock(double factor) : TimeProvider
{
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private readonly long _started = Stopwatch.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _start + Stopwatch.GetElapsedTime(_started) * factor;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan time) => time == Timeout.InfiniteTimeSpan ? time : time / factor;
}
