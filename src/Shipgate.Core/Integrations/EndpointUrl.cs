namespace Shipgate.Integrations;

/// <summary>An API endpoint given in the environment or a file: an http(s) URL without credentials.</summary>
internal static class EndpointUrl
{
    /// <summary>The URL, or null when unset; anything else is a usage error naming the setting, never repeating the value.</summary>
    public static Uri? From(string? value, string setting, string example)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!Uri.TryCreate(value.Trim().TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new UsageException($"{setting} must be an http(s) URL such as {example}.");
        if (uri.UserInfo.Length > 0)
            throw new UsageException($"{setting} must not carry credentials; tokens come only from the environment (GH_TOKEN, LINEAR_API_KEY, ...).");
        return uri;
    }
}
