using Shipgate.Integrations;

namespace Shipgate.GitHub;

/// <summary>
/// Where Shipgate talks to GitHub: the REST root and the GraphQL endpoint. github.com answers at
/// https://api.github.com and https://api.github.com/graphql; GitHub Enterprise Server at
/// https://HOST/api/v3 and https://HOST/api/graphql.
/// </summary>
public sealed record GitHubEndpoints(Uri ApiUrl, Uri GraphQLUrl)
{
    public const string DotComApi = "https://api.github.com";

    /// <summary>
    /// REST root from github.api_url, else GITHUB_API_URL, else the remote's GitHub Enterprise host,
    /// else api.github.com. GraphQL from GITHUB_GRAPHQL_URL, else derived from the REST root.
    /// </summary>
    public static GitHubEndpoints Resolve(string? configuredApiUrl, Func<string, string?> environment, RepositoryAddress? address)
    {
        var api = NonEmpty(configuredApiUrl, "github.api_url")
            ?? NonEmpty(environment("GITHUB_API_URL"), "GITHUB_API_URL")
            ?? (address is { IsGitHubDotCom: false } ghes ? new Uri($"https://{ghes.Host}/api/v3") : new Uri(DotComApi));
        var graphql = NonEmpty(environment("GITHUB_GRAPHQL_URL"), "GITHUB_GRAPHQL_URL") ?? DeriveGraphQL(api);
        return new GitHubEndpoints(api, graphql);
    }

    /// <summary>api.github.com/graphql; a GHES root https://HOST/api/v3 becomes https://HOST/api/graphql; any other root gets /graphql.</summary>
    public static Uri DeriveGraphQL(Uri apiUrl)
    {
        var root = apiUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (root.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase))
            return new Uri(root[..^"/v3".Length] + "/graphql");
        return new Uri(root + "/graphql");
    }

    private static Uri? NonEmpty(string? value, string source)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!Uri.TryCreate(value.Trim().TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new UsageException($"{source} must be an http(s) URL such as {DotComApi}.");
        if (uri.UserInfo.Length > 0)
            throw new UsageException($"{source} must not carry credentials; set GH_TOKEN or GITHUB_TOKEN instead.");
        return uri;
    }
}
