namespace Shipgate.Integrations;

/// <summary>
/// When to try a failed API request again, and after how long: exponential backoff, or the wait the
/// service asked for when that is longer. Bounded twice, in attempts and in total waiting, so a
/// release never hangs on an unhealthy API. Pure; GitHub and Linear each pick their numbers.
/// </summary>
/// <param name="MaxAttempts">Attempts in all, the first included.</param>
/// <param name="FirstDelay">The wait before the first retry; it doubles for each further one.</param>
/// <param name="MaxTotalWait">The most time all waits of one request may add up to.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan FirstDelay, TimeSpan MaxTotalWait)
{
    /// <summary>The backoff after <paramref name="attemptsMade"/> attempts: FirstDelay, then twice that, ...</summary>
    public TimeSpan Backoff(int attemptsMade) => FirstDelay * Math.Pow(2, Math.Max(0, attemptsMade - 1));

    /// <summary>The wait before the next attempt, or null to give up.</summary>
    /// <param name="requested">The wait the service asked for (retry-after, a rate limit's reset), if any.</param>
    public TimeSpan? NextDelay(int attemptsMade, TimeSpan waitedSoFar, TimeSpan? requested)
    {
        if (attemptsMade >= MaxAttempts) return null;
        var backoff = Backoff(attemptsMade);
        var delay = requested is { } asked && asked > backoff ? asked : backoff;
        return waitedSoFar + delay > MaxTotalWait ? null : delay;
    }

    /// <summary>The time from now until a service's reset moment, or null when it is unknown or past.</summary>
    public static TimeSpan? Until(DateTimeOffset? at, DateTimeOffset now) => at is { } moment && moment > now ? moment - now : null;
}
