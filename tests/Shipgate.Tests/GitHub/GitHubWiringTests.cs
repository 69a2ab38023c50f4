using Shipgate.GitHub;
using Shipgate.Integrations;

namespace Shipgate.Tests.GitHub;

/// <summary>Pure rules around the client: endpoints, tokens, retry waits and the GraphQL documents.</summary>
public sealed class GitHubWiringTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData(null, null, "https://api.github.com/", "https://api.github.com/graphql")]
    [InlineData("https://ghe.example.com/api/v3", null, "https://ghe.example.com/api/v3", "https://ghe.example.com/api/graphql")]
    [InlineData("https://ghe.example.com/api/v3/", null, "https://ghe.example.com/api/v3", "https://ghe.example.com/api/graphql")]
    [InlineData("http://127.0.0.1:5000", null, "http://127.0.0.1:5000/", "http://127.0.0.1:5000/graphql")]
    [InlineData("https://api.github.com", "https://proxy.example.com/gql", "https://api.github.com/", "https://proxy.example.com/gql")]
    public void Endpoints_come_from_the_API_URL_or_are_derived(string? apiUrl, string? graphQLUrl, string expectedApi, string expectedGraphQL)
    {
        var endpoints = GitHubEndpoints.Resolve(null, Env(("GITHUB_API_URL", apiUrl!), ("GITHUB_GRAPHQL_URL", graphQLUrl!)), null);

        Assert.Equal(expectedApi, endpoints.ApiUrl.ToString());
        Assert.Equal(expectedGraphQL, endpoints.GraphQLUrl.ToString());
    }

    [Fact]
    public void The_environment_wins_over_the_policy_and_the_policy_over_the_remote()
    {
        var remote = new RepositoryAddress("remote.example.com", "a", "b");
        var fromEnvironment = GitHubEndpoints.Resolve("https://config.example.com/api/v3", Env(("GITHUB_API_URL", "https://env.example.com")), remote);
        var fromHost = GitHubEndpoints.Resolve("https://config.example.com/api/v3", Env(("GH_HOST", "GHE.example.com")), remote);
        var fromPolicy = GitHubEndpoints.Resolve("https://config.example.com/api/v3", Env(), remote, "github.api_url in origin/main:.shipgate.yml");

        Assert.Equal(("https://env.example.com/", "https://env.example.com/graphql", "GITHUB_API_URL"),
            (fromEnvironment.ApiUrl.ToString(), fromEnvironment.GraphQLUrl.ToString(), fromEnvironment.ApiSource));
        Assert.Equal(("https://ghe.example.com/api/v3", "https://ghe.example.com/api/graphql", "GH_HOST"),
            (fromHost.ApiUrl.ToString(), fromHost.GraphQLUrl.ToString(), fromHost.ApiSource));
        Assert.Equal(("https://config.example.com/api/graphql", "github.api_url in origin/main:.shipgate.yml"),
            (fromPolicy.GraphQLUrl.ToString(), fromPolicy.ApiSource));
        Assert.Equal("https://api.github.com/", GitHubEndpoints.Resolve(null, Env(("GH_HOST", "github.com")), remote).ApiUrl.ToString());
        Assert.Throws<UsageException>(() => GitHubEndpoints.Resolve(null, Env(("GH_HOST", "https://ghe.example.com/")), remote));
    }

    [Fact]
    public void A_GitHub_Enterprise_remote_gives_its_own_endpoints()
    {
        var ghes = GitHubEndpoints.Resolve(null, Env(), RepositoryAddress.Parse("git@ghe.example.com:acme/svc.git"));
        var dotCom = GitHubEndpoints.Resolve(null, Env(), RepositoryAddress.Parse("git@github.com:acme/svc.git"));

        Assert.Equal(("https://ghe.example.com/api/v3", "https://ghe.example.com/api/graphql"), (ghes.ApiUrl.ToString(), ghes.GraphQLUrl.ToString()));
        Assert.Equal("https://api.github.com/graphql", dotCom.GraphQLUrl.ToString());
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com")]
    [InlineData("https://user:ghp_secret@example.com")]
    public void A_bad_API_URL_is_a_usage_error_that_does_not_repeat_it(string url)
    {
        var error = Assert.Throws<UsageException>(() => GitHubEndpoints.Resolve(url, Env(), null));

        Assert.Contains("github.api_url", error.Message);
        Assert.DoesNotContain(url, error.Message);
    }

    [Fact]
    public async Task GH_TOKEN_wins_over_GITHUB_TOKEN_and_is_never_printed()
    {
        var token = await GitHubToken.FindAsync(Env(("GH_TOKEN", " ghp_first "), ("GITHUB_TOKEN", "ghp_second")), "github.com");
        var fallback = await GitHubToken.FindAsync(Env(("GITHUB_TOKEN", "ghp_second")), "github.com");
        var none = await GitHubToken.FindAsync(Env(("PATH", Path.GetTempPath())), "github.com");

        Assert.Equal(("ghp_first", "GH_TOKEN"), (token!.Value, token.Source));
        Assert.Equal("GITHUB_TOKEN", fallback!.Source);
        Assert.DoesNotContain("ghp_first", token.ToString());
        Assert.Null(none);
    }

    [Fact]
    public async Task An_enterprise_host_takes_the_enterprise_tokens_first_as_gh_does()
    {
        var all = Env(("GH_ENTERPRISE_TOKEN", "ghe_first"), ("GITHUB_ENTERPRISE_TOKEN", "ghe_second"), ("GH_TOKEN", "ghp_dotcom"));

        Assert.Equal("GH_ENTERPRISE_TOKEN", (await GitHubToken.FindAsync(all, "ghe.example.com"))!.Source);
        var second = Env(("GITHUB_ENTERPRISE_TOKEN", "ghe_second"), ("GH_TOKEN", "ghp_dotcom"));
        Assert.Equal("GITHUB_ENTERPRISE_TOKEN", (await GitHubToken.FindAsync(second, "ghe.example.com"))!.Source);
        Assert.Equal("GH_TOKEN", (await GitHubToken.FindAsync(Env(("GH_TOKEN", "ghp_dotcom")), "ghe.example.com"))!.Source);
        Assert.Equal("GH_TOKEN", (await GitHubToken.FindAsync(all, "github.com"))!.Source);
        Assert.Equal("GH_TOKEN", (await GitHubToken.FindAsync(all, "api.acme.ghe.com"))!.Source);
    }

    [Fact]
    public void Enterprise_tokens_are_secrets_like_the_others()
    {
        var secrets = Connections.SecretsFrom(Env(("GH_ENTERPRISE_TOKEN", "ghe_enterprise_secret"), ("GITHUB_ENTERPRISE_TOKEN", "ghe_other_secret")));

        Assert.Equal("x *** y ***", secrets.Redact("x ghe_enterprise_secret y ghe_other_secret"));
    }

    [Fact]
    public void Waits_come_from_retry_after_or_the_rate_limit_reset()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_000_000);

        Assert.Equal(TimeSpan.FromSeconds(7), GitHubRateLimit.RequestedWait("7", null, null, now));
        Assert.Equal(TimeSpan.FromSeconds(42), GitHubRateLimit.RequestedWait(null, "0", "1000042", now));
        Assert.Null(GitHubRateLimit.RequestedWait(null, "12", "1000042", now));
        Assert.Equal(TimeSpan.Zero, GitHubRateLimit.RequestedWait(null, "0", "999999", now));
        Assert.Equal([1, 2, 4, 8], Enumerable.Range(1, 4).Select(a => GitHubHttp.DefaultRetry.Backoff(a).TotalSeconds));
    }

    [Fact]
    public void A_batch_asks_for_each_PR_by_an_alias_and_commits_only_by_well_formed_ids()
    {
        var query = PullRequestQueries.ByNumbers([7, 108]);

        Assert.Contains("pr7: pullRequest(number: 7) { ...PullRequestFields }", query);
        Assert.Contains("pr108: pullRequest(number: 108)", query);
        Assert.Throws<ArgumentException>(() => PullRequestQueries.ByCommits(["abc\") { x }"]));
        Assert.Contains("after: \"Y3Vyc29yOnYyOjk5\"", PullRequestQueries.MoreReviews([(7, "Y3Vyc29yOnYyOjk5")]));
    }
}
