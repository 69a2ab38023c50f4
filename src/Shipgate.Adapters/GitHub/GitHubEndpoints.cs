using Shipgate.Integrations;

namespace Shipgate.GitHub;

/// <summary>
/// Where Shipgate talks to GitHub: the REST root and the GraphQL endpoint. github.com answers at
/// https://api.github.com and https://api.github.com/graphql; GitHub Enterprise Server at
/// https://HOST/api/v3 and https://HOST/api/graphql.
/// </summary>
/// <param name="ApiSource">What named the REST root, for messages (an environment variable, the policy, the remote, the default).</param>
internal sealed record GitHubEndpoints(Uri ApiUrl, Uri GraphQLUrl, string ApiSource = GitHubEndpoints.DotComApi)
{
    public const string DotComApi = "https://api.github.com";

    /// <summary>
    /// REST root from the operator's environment first (GITHUB_API_URL, else GH_HOST), then
    /// github.api_url of the release policy, then the remote's GitHub Enterprise host, else
    /// api.github.com. GraphQL from GITHUB_GRAPHQL_URL, else derived from the REST root.
    /// </summary>
    /// <param name="configuredSource">How messages name <paramref name="configuredApiUrl"/>, like "github.api_url in origin/main:.shipgate.yml".</param>
    public static GitHubEndpoints Resolve(string? configuredApiUrl, Func<string, string?> environment, RepositoryAddress? address,
        string configuredSource = "github.api_url")
    {
        var (api, source) = NonEmpty(environment("GITHUB_API_URL"), "GITHUB_API_URL") is { } fromEnvironment ? (fromEnvironment, "GITHUB_API_URL")
            : HostApi(environment("GH_HOST")) is { } fromHost ? (fromHost, "GH_HOST")
            : NonEmpty(configuredApiUrl, "github.api_url") is { } configured ? (configured, configuredSource)
            : address is { IsGitHubDotCom: false } ghes ? (new Uri($"https://{ghes.Host}/api/v3"), $"the remote's host {ghes.Host}")
            : (new Uri(DotComApi), DotComApi);
        var graphql = NonEmpty(environment("GITHUB_GRAPHQL_URL"), "GITHUB_GRAPHQL_URL") ?? DeriveGraphQL(api);
        return new GitHubEndpoints(api, graphql, source);
    }

    /// <summary>The REST root of a GitHub host as gh names it (GH_HOST): github.com is api.github.com, any other host HOST/api/v3.</summary>
    public static Uri? HostApi(string? host)
    {
        host = host?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(host)) return null;
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
            throw new UsageException("GH_HOST must be a host name such as github.com or ghe.example.com.");
        return host == "github.com" ? new Uri(DotComApi) : new Uri($"https://{host}/api/v3");
    }

    /// <summary>api.github.com/graphql; a GHES root https://HOST/api/v3 becomes https://HOST/api/graphql; any other root gets /graphql.</summary>
    public static Uri DeriveGraphQL(Uri apiUrl)
    {
        var root = apiUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (root.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase))
            return new Uri(root[..^"/v3".Length] + "/graphql");
        return new Uri(root + "/graphql");
    }

    private static Uri? NonEmpty(string? value, string setting) => EndpointUrl.From(value, setting, DotComApi);
}
