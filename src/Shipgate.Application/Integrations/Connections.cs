using Shipgate.Config;
using Shipgate.GitHub;
using Shipgate.Jira;
using Shipgate.Linear;

namespace Shipgate.Integrations;

/// <summary>
/// Decides which integrations a run has, from the release policy and the environment. The
/// operator's environment wins over the file for every endpoint; a token goes only to a
/// <see cref="TokenDestinations"/> host, checked before any request. Secrets come only from the
/// environment and are registered for redaction before anything can print them.
/// </summary>
internal static class Connections
{
    public static readonly string[] SecretVariables = [.. GitHubToken.Variables, LinearSettings.ApiKeyVariable, Slack.SlackWebhook.Variable, JiraSettings.TokenVariable];

    public static Secrets SecretsFrom(Func<string, string?> environment)
    {
        var secrets = new Secrets();
        foreach (var name in SecretVariables) secrets.Add(environment(name));
        return secrets;
    }

    /// <summary>
    /// GitHub for the repository named by github.repository, else by the remote URL, with a token
    /// found for the API's host (<see cref="GitHubToken.FindAsync"/>). Without a repository or a token
    /// there is no code host, and the reason says what to set (Preflight then blocks unless
    /// --allow-unverified-ci). An endpoint outside the token's destinations is refused.
    /// </summary>
    public static async Task<Integration<ICodeHost>> CodeHostAsync(
        ReleasePolicy policy, RepositoryAddress? address, Func<string, string?> environment, Secrets secrets, TimeProvider clock,
        IProgress<ApiWait>? waits = null, CancellationToken ct = default)
    {
        var config = policy.Config;
        var repository = config.GitHub.Repository ?? address?.FullName;
        if (repository?.Split('/') is not [{ Length: > 0 } owner, { Length: > 0 } name])
            return Integration<ICodeHost>.Unavailable("the remote URL names no GitHub repository; set github.repository (owner/name) in .shipgate.yml");
        var endpoints = GitHubEndpoints.Resolve(config.GitHub.ApiUrl, environment, address, $"github.api_url in {policy.Source.Display}");
        var destinations = TokenDestinations.ForGitHub(policy, environment, address);
        destinations.Require(endpoints.ApiUrl, "GitHub", endpoints.ApiSource, "GITHUB_API_URL (or GH_HOST)");
        destinations.Require(endpoints.GraphQLUrl, "GitHub", "GraphQL, derived from " + endpoints.ApiSource, "GITHUB_GRAPHQL_URL");

        var host = endpoints.ApiUrl.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase) ? "github.com" : endpoints.ApiUrl.Host;
        if (await GitHubToken.FindAsync(environment, host, ct) is not { } token)
            return Integration<ICodeHost>.Unavailable(
                $"no GitHub token ({string.Join(", ", GitHubToken.VariablesFor(host))} are not set, and `gh auth token` gave none)");
        secrets.Add(token.Value);
        var http = new GitHubHttp(endpoints, token, repository, secrets, clock, waits: waits);
        return Integration<ICodeHost>.Available(new GitHubClient(http, owner, name, config.StagingBranch),
            new ServiceEndpoint("github", endpoints.ApiUrl, endpoints.ApiSource),
            new ServiceEndpoint("github_graphql", endpoints.GraphQLUrl,
                environment("GITHUB_GRAPHQL_URL") is { Length: > 0 } ? "GITHUB_GRAPHQL_URL" : "derived from " + endpoints.ApiSource));
    }

    /// <summary>
    /// Linear when LINEAR_API_KEY is set, at LINEAR_API_URL, else the policy's <c>linear.api_url</c>,
    /// else https://api.linear.app/graphql. Without a key, tickets stay unverified (a warning, not a block).
    /// </summary>
    public static Integration<ITicketTracker> Tracker(ReleasePolicy policy, Func<string, string?> environment, Secrets secrets,
        TimeProvider? clock = null, IProgress<ApiWait>? waits = null)
    {
        var key = environment(LinearSettings.ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(key)) return Integration<ITicketTracker>.Unavailable($"{LinearSettings.ApiKeyVariable} is not set");
        var fromEnvironment = EndpointUrl.From(environment("LINEAR_API_URL"), "LINEAR_API_URL", LinearSettings.DefaultEndpoint.ToString());
        var endpoint = fromEnvironment ?? (policy.Config.LinearApiUrl is { } configured ? new Uri(configured) : LinearSettings.DefaultEndpoint);
        var namedBy = fromEnvironment is not null ? "LINEAR_API_URL"
            : policy.Config.LinearApiUrl is not null ? $"linear.api_url in {policy.Source.Display}"
            : "the default";
        TokenDestinations.ForLinear(policy, environment).Require(endpoint, "Linear", namedBy, "LINEAR_API_URL");
        secrets.Add(key);
        var settings = new LinearSettings(endpoint, key) { Clock = clock ?? TimeProvider.System };
        return Integration<ITicketTracker>.Available(new LinearClient(settings, secrets, waits), new ServiceEndpoint("linear", endpoint, namedBy));
    }

    /// <summary>
    /// Jira when a site is named: JIRA_BASE_URL, else the policy's <c>jira.site</c>; null when neither is (no Jira at all).
    /// Its credentials are JIRA_EMAIL and JIRA_API_TOKEN (HTTP Basic); without both, Jira's tickets stay unverified.
    /// The token goes only to the site the environment or the released policy named.
    /// </summary>
    public static Integration<ITicketTracker>? Jira(ReleasePolicy policy, Func<string, string?> environment, Secrets secrets,
        TimeProvider? clock = null, IProgress<ApiWait>? waits = null)
    {
        if (!JiraNamed(policy, environment)) return null;
        var fromEnvironment = EndpointUrl.From(environment(JiraSettings.BaseUrlVariable), JiraSettings.BaseUrlVariable, "https://SITE.atlassian.net");
        var site = fromEnvironment ?? (policy.Config.Jira.Site is { } configured ? new Uri(configured) : null);
        if (site is null) return null;
        var (email, token) = (environment(JiraSettings.EmailVariable)?.Trim(), environment(JiraSettings.TokenVariable)?.Trim());
        secrets.Add(token);
        var unset = new[] { (JiraSettings.EmailVariable, email), (JiraSettings.TokenVariable, token) }
            .Where(v => string.IsNullOrEmpty(v.Item2)).Select(v => v.Item1).ToList();
        if (unset.Count > 0)
            return Integration<ITicketTracker>.Unavailable($"{string.Join(" and ", unset)} {(unset.Count == 1 ? "is" : "are")} not set");
        var namedBy = fromEnvironment is not null ? JiraSettings.BaseUrlVariable : $"jira.site in {policy.Source.Display}";
        TokenDestinations.ForJira(policy, environment).Require(site, "Jira", namedBy, JiraSettings.BaseUrlVariable);
        var settings = new JiraSettings(site, email!, token!) { Clock = clock ?? TimeProvider.System };
        return Integration<ITicketTracker>.Available(new JiraClient(settings, secrets, waits), new ServiceEndpoint("jira", site, namedBy));
    }

    /// <summary>Whether Jira is a tracker at all: a site is named (JIRA_BASE_URL, else the policy's jira.site).</summary>
    public static bool JiraNamed(ReleasePolicy policy, Func<string, string?> environment) =>
        !string.IsNullOrWhiteSpace(environment(JiraSettings.BaseUrlVariable)) || policy.Config.Jira.Site is not null;
}
