using Shipgate.Config;
using Shipgate.GitHub;
using Shipgate.Linear;

namespace Shipgate.Integrations;

/// <summary>
/// Where a token may be sent: the service's own public API, the remote's host, and what the
/// operator named, in the environment or in the release policy already released to production.
/// Nothing a pull request can change (staging's file, the working tree) adds a host. An origin is
/// scheme, host and port, so a second service on the same machine is another destination.
/// </summary>
internal sealed record TokenDestinations(IReadOnlyList<string> Origins)
{
    public bool Allows(Uri url) => Origins.Contains(Origin(url));

    public static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority).ToLowerInvariant();

    public static TokenDestinations ForGitHub(ReleasePolicy policy, Func<string, string?> environment, RepositoryAddress? address)
    {
        var urls = new List<Uri?>
        {
            new(GitHubEndpoints.DotComApi),
            address is null ? null : new Uri($"https://{address.Host}"),
            EndpointUrl.From(environment("GITHUB_API_URL"), "GITHUB_API_URL", GitHubEndpoints.DotComApi),
            EndpointUrl.From(environment("GITHUB_GRAPHQL_URL"), "GITHUB_GRAPHQL_URL", GitHubEndpoints.DotComApi),
            GitHubEndpoints.HostApi(environment("GH_HOST")),
            Released(policy, policy.Config.GitHub.ApiUrl),
        };
        return new([.. urls.OfType<Uri>().Select(Origin).Distinct()]);
    }

    public static TokenDestinations ForLinear(ReleasePolicy policy, Func<string, string?> environment)
    {
        var urls = new List<Uri?>
        {
            LinearSettings.DefaultEndpoint,
            EndpointUrl.From(environment("LINEAR_API_URL"), "LINEAR_API_URL", LinearSettings.DefaultEndpoint.ToString()),
            Released(policy, policy.Config.LinearApiUrl),
        };
        return new([.. urls.OfType<Uri>().Select(Origin).Distinct()]);
    }

    /// <summary>Jira has no one public host: only the site JIRA_BASE_URL or the released policy's jira.site names.</summary>
    public static TokenDestinations ForJira(ReleasePolicy policy, Func<string, string?> environment)
    {
        var urls = new List<Uri?>
        {
            EndpointUrl.From(environment(Jira.JiraSettings.BaseUrlVariable), Jira.JiraSettings.BaseUrlVariable, "https://SITE.atlassian.net"),
            Released(policy, policy.Config.Jira.Site),
        };
        return new([.. urls.OfType<Uri>().Select(Origin).Distinct()]);
    }

    /// <summary>A URL the policy names, when that policy is production's (staging's file before the first release names none).</summary>
    private static Uri? Released(ReleasePolicy policy, string? url) =>
        policy.Source.StagingFallback || url is null ? null : new Uri(url);

    /// <summary>Stops before any request when <paramref name="url"/> is not a destination, saying how the operator can allow it.</summary>
    public void Require(Uri url, string service, string namedBy, string variable)
    {
        if (Allows(url)) return;
        throw new UsageException(
            $"Refusing to send a {service} token to {Origin(url)} ({namedBy}).\n" +
            $"A {service} token goes only to {string.Join(", ", Origins)}: the service itself, the remote's host, and hosts named in the\n" +
            $"environment or in .shipgate.yml as released to production. If {Origin(url)} is your {service}, set {variable}.");
    }
}
