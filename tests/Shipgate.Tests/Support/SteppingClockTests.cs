namespace Shipgate.Tests.Support;

/// <summary>The fake clock the release tests wait on: it must never lose a delay, whatever thread creates it and when.</summary>
public sealed class SteppingClockTests
{
    [Fact]
    public async Task Delays_created_from_many_threads_while_the_clock_steps_all_complete_and_time_moves_by_their_sum()
    {
        using var clock = new SteppingClock();
        var started = clock.GetUtcNow();
        const int Pollers = 8, Polls = 300;

        var pollers = Enumerable.Range(0, Pollers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < Polls; i++) await Task.Delay(TimeSpan.FromSeconds(3), clock);
        }));
        await Task.WhenAll(pollers).Bounded();

        // Each poller waited 300 × 3 s of fake time; they ran side by side, so the clock moved at least that much.
        Assert.True(clock.GetUtcNow() - started >= TimeSpan.FromSeconds(3 * Polls));
    }

    [Fact]
    public async Task A_timeout_longer_than_the_delays_does_not_fire_while_they_pass()
    {
        using var clock = new SteppingClock();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10), clock);

        for (var i = 0; i < 100; i++) await Task.Delay(TimeSpan.FromSeconds(3), clock).Bounded();

        Assert.False(timeout.IsCancellationRequested);
    }

    [Fact]
    public async Task A_timeout_due_before_a_held_delay_fires_and_cancels_it()
    {
        using var clock = new SteppingClock();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), clock);
        var started = clock.GetUtcNow();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Delay(TimeSpan.FromMinutes(1), clock, timeout.Token).Bounded());

        Assert.Equal(TimeSpan.FromSeconds(5), clock.GetUtcNow() - started);
    }

    [Fact]
    public async Task A_disposed_timer_never_fires()
    {
        using var clock = new SteppingClock();
        var fired = 0;
        var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        timer.Dispose();

        await Task.Delay(TimeSpan.FromSeconds(10), clock).Bounded();

        Assert.Equal(0, fired);
    }
}
