using System.Text.RegularExpressions;

namespace Shipgate.Audit.Org;

/// <summary>
/// A line of the repos file is written by whoever keeps the list, and is shown in screens, JSON, reports and cache folder
/// names. So a line that carries credentials is refused, and a source is only ever shown without its user part and its
/// query. Pure.
/// </summary>
internal static partial class SourceAddress
{
    /// <summary>
    /// Whether the line carries a credential: a password in its user part (in any scheme, and in scp-like
    /// <c>user:pass@host:path</c>), any user part at all in an https, http, git or file URL (a token can be the user name),
    /// or a query parameter that holds a secret (<c>access_token</c>, <c>token</c>, <c>key</c> and their like).
    /// An ssh login name alone (<c>ssh://git@host/x</c>, <c>git@host:x</c>) is no secret.
    /// </summary>
    public static bool CarriesCredentials(string line)
    {
        var (scheme, authority, _, query) = Split(line);
        if (authority.LastIndexOf('@') is var at and >= 0)
        {
            var user = authority[..at];
            if (user.Contains(':') || user.Length == 0) return true;
            if (scheme is not (null or "ssh")) return true;
        }
        return query is not null && query.Split('&', ';').Any(p => SecretParameter(p.Split('=', 2)[0]));
    }

    /// <summary>The line as messages, JSON, reports and folder names may show it: no user part, no query, no fragment.</summary>
    public static string Shown(string line)
    {
        var (scheme, authority, path, _) = Split(line);
        var host = authority.LastIndexOf('@') is var at and >= 0 ? authority[(at + 1)..] : authority;
        return Rendering.SafeText.OneLine(scheme is null ? host + path : $"{line[..(scheme.Length + 3)]}{host}{path}");
    }

    /// <summary>
    /// The scheme (lower case, null for scp-like addresses and paths), the authority (user@host:port, or an scp-like
    /// address's user@host; empty for a path), the path, and the query (after <c>?</c>, without a fragment; null when none,
    /// and always for a local path, where <c>?</c> and <c>#</c> are part of a file name).
    /// </summary>
    private static (string? Scheme, string Authority, string Path, string? Query) Split(string line)
    {
        if (Scheme().Match(line) is { Success: true } scheme)
        {
            var (text, query) = WithoutQuery(line);
            var rest = text[scheme.Length..];
            var slash = rest.IndexOf('/');
            return (scheme.Groups[1].Value.ToLowerInvariant(), slash < 0 ? rest : rest[..slash], slash < 0 ? "" : rest[slash..], query);
        }
        // scp-like ([user@]host:path, a colon before any slash, as git reads it); the user part ends at the last @ before
        // the path, so user:pass@host:path is seen whole although git itself would take "user" for the host.
        if (ScpLike(line))
        {
            var (text, query) = WithoutQuery(line);
            var slash = text.IndexOf('/');
            var end = slash < 0 ? text.Length : slash;
            if (ScpLike(text) && text.LastIndexOf('@', end - 1) is var at and > 0)
            {
                var hostEnd = text.IndexOf(':', at + 1);
                if (hostEnd < 0 || hostEnd > end) hostEnd = end;
                return (null, text[..hostEnd], text[hostEnd..], query);
            }
        }
        return (null, "", line, null);
    }

    /// <summary>A colon before any slash, and an @ before any slash: [user[:pass]@]host:path.</summary>
    private static bool ScpLike(string text)
    {
        var slash = text.IndexOf('/');
        var end = slash < 0 ? text.Length : slash;
        var colon = text.IndexOf(':');
        return colon > 0 && colon < end && text.LastIndexOf('@', Math.Max(end - 1, 0)) > 0;
    }

    private static (string Text, string? Query) WithoutQuery(string line)
    {
        var hash = line.IndexOf('#');
        var text = hash >= 0 ? line[..hash] : line;
        var question = text.IndexOf('?');
        return question >= 0 ? (text[..question], text[(question + 1)..]) : (text, null);
    }

    /// <summary>Query parameters that carry secrets in the URLs of git hosts and proxies.</summary>
    private static bool SecretParameter(string name)
    {
        var lower = Uri.UnescapeDataString(name).Trim().ToLowerInvariant();
        return lower is "key" or "password" or "pass" or "passwd" or "pwd" or "secret" or "auth" or "sig" or "signature" or "credential"
            || lower.Contains("token") || lower.EndsWith("_key", StringComparison.Ordinal) || lower.EndsWith("-key", StringComparison.Ordinal)
            || lower.Contains("secret") || lower.Contains("password");
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*)://")]
    private static partial Regex Scheme();
}
