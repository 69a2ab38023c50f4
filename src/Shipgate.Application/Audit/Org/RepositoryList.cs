using System.Text.RegularExpressions;

namespace Shipgate.Audit.Org;

/// <summary>
/// Reads <c>--repos FILE</c>: one git URL or local path per line; blank lines and <c>#</c> comments are skipped.
/// Every bad line is named with its number before anything is fetched. A relative path is taken from the file's
/// folder, so the list means the same wherever it is run from. Pure apart from reading the file and asking whether
/// a local path exists.
/// </summary>
internal static partial class RepositoryList
{
    public static IReadOnlyList<RepositorySource> Read(string path)
    {
        if (!File.Exists(path))
            throw new UsageException($"--repos {path}: no such file. Write one git URL or local path per line (# starts a comment).");
        return Parse(File.ReadAllLines(path), Path.GetDirectoryName(Path.GetFullPath(path))!, path);
    }

    public static IReadOnlyList<RepositorySource> Parse(IReadOnlyList<string> lines, string folder, string fileName)
    {
        var sources = new List<RepositorySource>();
        var problems = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            var number = i + 1;
            if (Problem(text) is { } why)
            {
                problems.Add($"line {number}: {why}");
                continue;
            }
            var url = Normalise(text, folder);
            if (seen.TryGetValue(url, out var first))
            {
                problems.Add($"line {number}: {Shown(text)} is the same repository as line {first}.");
                continue;
            }
            seen[url] = number;
            sources.Add(new RepositorySource(url, Shown(text)));
        }
        if (problems.Count > 0)
            throw new UsageException($"--repos {fileName} has lines Shipgate cannot use:\n  " + string.Join("\n  ", problems) +
                "\nEach line is one git URL (https://, ssh://, git@host:owner/name, file://) or a local path; # starts a comment.");
        if (sources.Count == 0)
            throw new UsageException($"--repos {fileName} names no repository. Write one git URL or local path per line.");
        return sources;
    }

    /// <summary>Why a line is no repository, or null when git can be given it.</summary>
    private static string? Problem(string text)
    {
        // First, so that no other message quotes the line: its value is never shown.
        if (SourceAddress.CarriesCredentials(text))
            return "a URL must not carry credentials (a password or token in its user part, or an access_token, token or key " +
                "parameter); the line is not shown. The GitHub token comes from the environment (GH_TOKEN, GITHUB_TOKEN); " +
                "ssh URLs use your ssh keys.";
        if (text.Any(char.IsWhiteSpace)) return $"{Shown(text)} contains a space; write one repository per line (a trailing # comment is not allowed).";
        if (text.Any(char.IsControl)) return "the line contains a control character.";
        if (text.StartsWith('-')) return $"{Shown(text)} starts with '-', which git would read as an option.";
        if (Scheme().Match(text) is { Success: true } scheme)
        {
            var name = scheme.Groups[1].Value.ToLowerInvariant();
            // Git is only let use these (protocol.allow): http:// and git:// can be altered on the way.
            if (name is "http" or "git")
                return $"{Shown(text)}: {name}:// is not encrypted, so what it fetches can be altered on the way; use https:// or ssh://.";
            if (name is not ("https" or "ssh" or "file"))
                return $"{Shown(text)}: git URLs are https://, ssh:// or file://, not {name}://.";
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)) return $"{Shown(text)} is not a valid URL.";
            if (name != "file" && uri.Host.Length == 0) return $"{Shown(text)} names no host.";
            return null;
        }
        if (text.Contains("://", StringComparison.Ordinal)) return $"{Shown(text)} is not a valid URL.";
        // transport::address runs a git remote helper (ext:: runs any command).
        return Transport().IsMatch(text) ? $"{Shown(text)}: git's transport::address form is not accepted; write a URL." : null;
    }

    /// <summary>scp-like addresses (git@host:owner/name) stay as written; a local path becomes an absolute file:// URL.</summary>
    private static string Normalise(string text, string folder)
    {
        if (Scheme().IsMatch(text) || ScpLike().IsMatch(text)) return text.TrimEnd('/');
        var full = Path.GetFullPath(text, folder).TrimEnd(Path.DirectorySeparatorChar);
        return new Uri(full).AbsoluteUri;
    }

    /// <summary>A line as a message may quote it: no user part, no query, one line.</summary>
    private static string Shown(string text) => SourceAddress.Shown(text);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*::")]
    private static partial Regex Transport();

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*)://")]
    private static partial Regex Scheme();

    /// <summary>user@host:path, as git reads it (a colon before any slash); a Windows drive letter is not one.</summary>
    [GeneratedRegex("^[^/:]+@[^/:]+:|^[A-Za-z0-9.-]{2,}:[^/]")]
    private static partial Regex ScpLike();
}
