namespace Shipgate.Emulators;

/// <summary>
/// One request as the emulator saw it, and how it answered. The Authorization header keeps its
/// scheme word (so a test can tell "Bearer" from a bare key) but never the secret.
/// </summary>
/// <param name="Query">The query string without its leading '?', still encoded.</param>
/// <param name="SpecViolations">
/// What in the request (or, for REST, in the emulator's own answer) the official description does not allow;
/// GraphQL validation messages included.
/// </param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int StatusCode,
    IReadOnlyList<string> SpecViolations)
{
    public const string Redacted = "[REDACTED]";

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    internal static string RedactAuthorization(string value)
    {
        var space = value.IndexOf(' ');
        return space > 0 ? $"{value[..space]} {Redacted}" : Redacted;
    }
}
