using System.Text.RegularExpressions;

namespace Shipgate.Integrations;

/// <summary>
/// Where a repository lives on a code host, parsed from a git remote URL in any of its forms:
/// https://host/owner/name(.git), git@host:owner/name(.git), ssh://git@host[:port]/owner/name(.git).
/// </summary>
internal sealed partial record RepositoryAddress(string Host, string Owner, string Name)
{
    public string FullName => $"{Owner}/{Name}";

    /// <summary>The repository's web page (https://github.com/owner/name).</summary>
    public string WebUrl => $"https://{Host}/{Owner}/{Name}";

    public bool IsGitHubDotCom => Host.Equals("github.com", StringComparison.OrdinalIgnoreCase);

    public static RepositoryAddress? Parse(string? remoteUrl)
    {
        if (string.IsNullOrWhiteSpace(remoteUrl)) return null;
        var match = ScpLike().Match(remoteUrl);
        if (!match.Success) match = UrlLike().Match(remoteUrl);
        if (!match.Success) return null;
        return new RepositoryAddress(match.Groups["host"].Value.ToLowerInvariant(), match.Groups["owner"].Value, match.Groups["name"].Value);
    }

    [GeneratedRegex(@"^(?:[^@/\s]+@)?(?<host>[A-Za-z0-9.-]+):(?<owner>[A-Za-z0-9_.-]+)/(?<name>[A-Za-z0-9_.-]+?)(?:\.git)?/?$")]
    private static partial Regex ScpLike();

    [GeneratedRegex(@"^(?:https?|ssh|git)://(?:[^@/\s]+@)?(?<host>[A-Za-z0-9.-]+)(?::[0-9]+)?" +
        @"/(?<owner>[A-Za-z0-9_.-]+)/(?<name>[A-Za-z0-9_.-]+?)(?:\.git)?/?$")]
    private static partial Regex UrlLike();
}
