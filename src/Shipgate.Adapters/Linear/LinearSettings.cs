using Shipgate.Integrations;
namespace Shipgate.Linear;

/// <summary>
/// How to reach Linear: endpoint, key and the retry rules. The clock is injectable so tests
/// exercise backoff, rate-limit waits and timeouts on a fast clock.
/// </summary>
internal sealed record LinearSettings(Uri Endpoint, string ApiKey)
{
    public static readonly Uri DefaultEndpoint = new("https://api.linear.app/graphql");

    /// <summary>The environment variable the key comes from; named in errors, never its value.</summary>
    public const string ApiKeyVariable = "LINEAR_API_KEY";

    /// <summary>4 attempts, 0.5 s doubling, 20 s per attempt, 60 s per request in all (the README states it).</summary>
    public static RetryPolicy DefaultRetry { get; } = new(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60));

    public RetryPolicy Retry { get; init; } = DefaultRetry;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Linear takes a personal API key (lin_api_...) as the bare header value and an OAuth access
    /// token with "Bearer"; a value that already names its scheme is sent as given.
    /// </summary>
    public static string AuthorizationValue(string key)
    {
        key = key.Trim();
        if (key.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return key;
        return key.StartsWith("lin_oauth_", StringComparison.Ordinal) ? "Bearer " + key : key;
    }
}
