using Shipgate.Config;

namespace Shipgate.Integrations;

/// <summary>
/// Decides which integrations a run has, from configuration and the environment. Secrets come
/// only from the environment and are registered for redaction before anything can print them.
/// </summary>
public static class Connections
{
    public static readonly string[] SecretVariables = ["GH_TOKEN", "GITHUB_TOKEN", "LINEAR_API_KEY"];

    public static Secrets SecretsFrom(Func<string, string?> environment)
    {
        var secrets = new Secrets();
        foreach (var name in SecretVariables) secrets.Add(environment(name));
        return secrets;
    }

    /// <summary>
    /// GitHub for the repository named by github.repository, else by the remote URL, with a token
    /// from GH_TOKEN, GITHUB_TOKEN or `gh auth token`. Without a repository or a token there is no
    /// code host, and the reason says what to set (Preflight then blocks unless --allow-unverified-ci).
    /// </summary>
    public static async Task<(ICodeHost? Host, string? Missing)> CodeHostAsync(ShipgateConfig config, RepositoryAddress? address, Func<string, string?> environment, Secrets secrets, TimeProvider clock, IProgress<ApiWait>? waits = null, CancellationToken ct = default)
    {
        var repository = config.GitHub.Repository ?? address?.FullName;
        if (repository?.Split('/') is not [{ Length: > 0 } owner, { Length: > 0 } name])
            return (null, "the remote URL names no GitHub repository; set github.repository (owner/name) in .shipgate.yml");
        var endpoints = GitHub.GitHubEndpoints.Resolve(config.GitHub.ApiUrl, environment, address);
        var host = endpoints.ApiUrl.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase) ? "github.com" : endpoints.ApiUrl.Host;
        if (await GitHub.GitHubToken.FindAsync(environment, host, ct) is not { } token)
            return (null, "no GitHub token (GH_TOKEN and GITHUB_TOKEN are not set, and `gh auth token` gave none)");
        secrets.Add(token.Value);
        var http = new GitHub.GitHubHttp(endpoints, token, repository, secrets, clock, waits: waits);
        return (new GitHub.GitHubClient(http, owner, name, config.StagingBranch), null);
    }

    /// <summary>
    /// Linear when LINEAR_API_KEY is set, at <c>linear.api_url</c>, else LINEAR_API_URL, else
    /// https://api.linear.app/graphql. Without a key, tickets stay unverified (a warning, not a block).
    /// </summary>
    public static (ITicketTracker? Tracker, string? Missing) Tracker(ShipgateConfig config, Func<string, string?> environment, Secrets secrets,
        TimeProvider? clock = null, IProgress<ApiWait>? waits = null)
    {
        var key = environment(Linear.LinearSettings.ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(key)) return (null, $"{Linear.LinearSettings.ApiKeyVariable} is not set");
        var url = config.LinearApiUrl ?? environment("LINEAR_API_URL");
        Uri endpoint = Linear.LinearSettings.DefaultEndpoint;
        if (!string.IsNullOrWhiteSpace(url) && (!Uri.TryCreate(url, UriKind.Absolute, out endpoint!) || endpoint.Scheme is not ("https" or "http") || endpoint.UserInfo.Length > 0))
            throw new UsageException("LINEAR_API_URL is not an http(s) URL without credentials.");
        secrets.Add(key);
        return (new Linear.LinearClient(new Linear.LinearSettings(endpoint, key) { Clock = clock ?? TimeProvider.System }, secrets, waits), null);
    }
}
