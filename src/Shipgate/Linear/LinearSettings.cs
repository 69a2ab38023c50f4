using Shipgate.Integrations;
namespace Shipgate.Linear;

/// <summary>
/// How to reach Linear: endpoint, key and the retry rules. The sleep and the clock are injectable
/// so tests exercise backoff and rate-limit waits without waiting for real.
/// </summary>
public sealed record LinearSettings(Uri Endpoint, string ApiKey)
{
    public static readonly Uri DefaultEndpoint = new("https://api.linear.app/graphql");

    /// <summary>The environment variable the key comes from; named in errors, never its value.</summary>
    public const string ApiKeyVariable = "LINEAR_API_KEY";

    /// <summary>4 attempts, 0.5 s doubling, at most 60 s of waiting per request.</summary>
    public static RetryPolicy DefaultRetry { get; } = new(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60));

    public RetryPolicy Retry { get; init; } = DefaultRetry;

    /// <summary>How long one HTTP exchange may take before it counts as a network fault.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public Func<TimeSpan, CancellationToken, Task> Sleep { get; init; } = Task.Delay;

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
