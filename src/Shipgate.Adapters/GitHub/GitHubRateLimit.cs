using System.Globalization;

namespace Shipgate.GitHub;

/// <summary>What GitHub's rate-limit headers ask of a client.</summary>
internal static class GitHubRateLimit
{
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
