namespace Shipgate.Integrations;

/// <summary>
/// When to try a failed API request again, and after how long: exponential backoff, or the wait the
/// service asked for when that is longer. Bounded three ways, in attempts, in the time one attempt
/// may take and in the time the whole request may take (attempts and waits together), so a hung
/// service fails within <see cref="Budget"/> rather than holding a release in silence.
/// Pure; GitHub and Linear each pick their numbers.
/// </summary>
/// <param name="MaxAttempts">Attempts in all, the first included.</param>
/// <param name="FirstDelay">The wait before the first retry; it doubles for each further one.</param>
/// <param name="Budget">The most time one request may take, every attempt and wait included.</param>
internal sealed record RetryPolicy(int MaxAttempts, TimeSpan FirstDelay, TimeSpan Budget)
{
    /// <summary>How long one attempt (connecting, the headers and the whole body) may take before it counts as a network fault.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>After how long without an answer the status line says that Shipgate is still waiting, and again every as long.</summary>
    public TimeSpan SlowAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The backoff after <paramref name="attemptsMade"/> attempts: FirstDelay, then twice that, ...</summary>
    public TimeSpan Backoff(int attemptsMade) => FirstDelay * Math.Pow(2, Math.Max(0, attemptsMade - 1));

    /// <summary>The wait before the next attempt, or null to give up.</summary>
    /// <param name="attemptsMade">Attempts made so far.</param>
    /// <param name="elapsed">Time spent on this request so far, attempts and waits.</param>
    /// <param name="requested">The wait the service asked for (retry-after, a rate limit's reset), if any.</param>
    public TimeSpan? NextDelay(int attemptsMade, TimeSpan elapsed, TimeSpan? requested)
    {
        if (attemptsMade >= MaxAttempts) return null;
        var backoff = Backoff(attemptsMade);
        var delay = requested is { } asked && asked > backoff ? asked : backoff;
        return elapsed + delay > Budget ? null : delay;
    }

    /// <summary>The time from now until a service's reset moment, or null when it is unknown or past.</summary>
    public static TimeSpan? Until(DateTimeOffset? at, DateTimeOffset now) => at is { } moment && moment > now ? moment - now : null;
}
