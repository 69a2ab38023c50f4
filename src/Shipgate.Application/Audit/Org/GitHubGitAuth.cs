using System.Text;
using Shipgate.GitHub;
using Shipgate.Integrations;

namespace Shipgate.Audit.Org;

/// <summary>
/// How git fetches a private repository of the GitHub host with the operator's token: an <c>http.&lt;origin&gt;/.extraHeader</c>
/// given to that one git process through <c>GIT_CONFIG_COUNT</c>/<c>GIT_CONFIG_KEY_n</c>/<c>GIT_CONFIG_VALUE_n</c>, so
/// the token is never in an argument list, a config file or the cache, and git itself sends it only to that origin.
/// A repository elsewhere (another host, ssh, a local path) gets nothing.
/// </summary>
/// <param name="Origin">scheme://host[:port] of GitHub's git server, e.g. https://github.com or https://ghe.example.com.</param>
internal sealed record GitHubGitAuth(string Origin, GitHubToken Token)
{
    /// <summary>The git origin of the GitHub whose API is at <paramref name="endpoints"/>: github.com for api.github.com, else the API's own origin.</summary>
    public static string OriginOf(GitHubEndpoints endpoints) =>
        endpoints.ApiUrl.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase)
            ? "https://github.com"
            : TokenDestinations.Origin(endpoints.ApiUrl);

    /// <summary>The header's value is a secret like the token: registered for redaction before git ever sees it.</summary>
    public string Header(Secrets secrets)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + Token.Value));
        secrets.Add(basic);
        return "Authorization: Basic " + basic;
    }

    /// <summary>The variables for fetching <paramref name="url"/>: empty unless it is on <see cref="Origin"/>.</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentFor(string url, Secrets secrets)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || TokenDestinations.Origin(uri) != Origin.ToLowerInvariant())
            return new Dictionary<string, string?>();
        return new Dictionary<string, string?>
        {
            ["GIT_CONFIG_COUNT"] = "1",
            ["GIT_CONFIG_KEY_0"] = $"http.{Origin}/.extraHeader",
            ["GIT_CONFIG_VALUE_0"] = Header(secrets),
        };
    }
}
