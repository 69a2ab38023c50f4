using System.Text.RegularExpressions;

namespace Shipgate;

/// <summary>
/// Keeps secrets out of everything Shipgate prints or records: known token values and the
/// credentials part of URLs (https://user:token@host) are replaced before text leaves the process.
/// </summary>
internal sealed partial class Secrets
{
    private readonly List<string> _values = [];

    public static Secrets None { get; } = new();

    /// <summary>Registers a secret value (a token read from the environment) so it is redacted.</summary>
    public Secrets Add(string? value)
    {
        if (!string.IsNullOrEmpty(value) && value.Length >= 4)
            lock (_values) _values.Add(value);
        return this;
    }

    public string Redact(string text)
    {
        text = UrlCredentials().Replace(text, "$1***@");
        lock (_values)
            foreach (var value in _values)
                text = text.Replace(value, "***", StringComparison.Ordinal);
        return text;
    }

    [GeneratedRegex(@"([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]+@")]
    private static partial Regex UrlCredentials();
}
