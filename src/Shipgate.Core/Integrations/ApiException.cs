namespace Shipgate.Integrations;

/// <summary>
/// GitHub or Linear refused, failed or garbled a request. The message says what to do and names
/// the repository or the token's variable, never a token; the properties let callers tell a
/// refusal (a status) from a service that could not be reached (none) or asked for time.
/// </summary>
/// <param name="service">GitHub or Linear.</param>
/// <param name="status">The HTTP status of the last answer; null when none came.</param>
/// <param name="retryAfter">The wait the service asked for, when it asked for one Shipgate would not make.</param>
internal class ApiException(string service, string message, int? status = null, TimeSpan? retryAfter = null)
    : ShipgateException(ExitCode.Error, message)
{
    public string Service { get; } = service;

    public int? Status { get; } = status;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
