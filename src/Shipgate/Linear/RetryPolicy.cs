namespace Shipgate.Linear;

/// <summary>
/// When to try a failed request again, and after how long. Pure: bounded by a number of attempts
/// and by the total time spent waiting, so a release never hangs on a tracker that is down.
/// </summary>
/// <param name="MaxAttempts">Attempts in all, the first included.</param>
/// <param name="FirstDelay">The wait before the first retry; it doubles for each further one.</param>
/// <param name="MaxTotalWait">The most time all waits of one request may add up to.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan FirstDelay, TimeSpan MaxTotalWait)
{
    public static RetryPolicy Default { get; } = new(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60));

    /// <summary>
    /// The wait before the next attempt, or null to give up. <paramref name="retryAt"/> is when the
    /// service said it will accept requests again (a rate limit's reset); without it, exponential backoff.
    /// </summary>
    public TimeSpan? NextDelay(int attemptsMade, TimeSpan waitedSoFar, DateTimeOffset? retryAt, DateTimeOffset now)
    {
        if (attemptsMade >= MaxAttempts) return null;
        var backoff = FirstDelay * Math.Pow(2, attemptsMade - 1);
        var delay = retryAt is { } at && at > now ? at - now : backoff;
        return waitedSoFar + delay > MaxTotalWait ? null : delay;
    }
}
