using System.Globalization;

namespace Shipgate.GitHub;

/// <summary>
/// How GitHub calls are retried: network faults, 5xx, 429 and rate limits, with exponential
/// backoff or the wait GitHub asks for. Bounded twice, in attempts and in total waiting, so a
/// release never hangs on an unhealthy API.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan FirstDelay, TimeSpan MaxTotalWait)
{
    public static RetryPolicy Default { get; } = new(MaxAttempts: 5, FirstDelay: TimeSpan.FromSeconds(1), MaxTotalWait: TimeSpan.FromSeconds(60));

    /// <summary>1 s, 2 s, 4 s, ... before attempt <paramref name="attempt"/> + 1.</summary>
    public TimeSpan Backoff(int attempt) => FirstDelay * Math.Pow(2, Math.Max(0, attempt - 1));

    /// <summary>
    /// The wait GitHub asks for, if any: retry-after (seconds), or, when x-ratelimit-remaining is 0,
    /// the time until x-ratelimit-reset (epoch seconds). Null when the headers ask for nothing.
    /// </summary>
    public static TimeSpan? RequestedWait(string? retryAfter, string? rateLimitRemaining, string? rateLimitReset, DateTimeOffset now)
    {
        if (int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(seconds);
        if (rateLimitRemaining?.Trim() == "0" && long.TryParse(rateLimitReset, NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
