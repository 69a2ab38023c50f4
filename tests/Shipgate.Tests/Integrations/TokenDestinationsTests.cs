using Shipgate.Config;
using Shipgate.Integrations;

namespace Shipgate.Tests.Integrations;

/// <summary>A token goes to the service, the remote's host, or hosts the operator named; never to one a pull request named.</summary>
public sealed class TokenDestinationsTests
{
    private static ReleasePolicy Policy(string yaml, bool stagingFallback)
    {
        var source = new PolicySource("origin", stagingFallback ? "staging" : "main", new string('a', 40), ".shipgate.yml", "b", stagingFallback);
        return new(ConfigLoader.Parse(yaml, ".shipgate.yml"), source, null, null);
    }

    private const string Named = "github:\n  api_url: https://ghe.example.com/api/v3\nlinear:\n  api_url: http://127.0.0.1:7000/graphql";

    [Fact]
    public void Hosts_named_by_production_policy_are_destinations_and_by_staging_fallback_are_not()
    {
        var released = TokenDestinations.ForGitHub(Policy(Named, stagingFallback: false), _ => null, null);
        var fallback = TokenDestinations.ForGitHub(Policy(Named, stagingFallback: true), _ => null, null);

        Assert.True(released.Allows(new Uri("https://ghe.example.com/api/graphql")));
        Assert.False(fallback.Allows(new Uri("https://ghe.example.com/api/v3")));
        Assert.True(fallback.Allows(new Uri("https://api.github.com/repos")));
        Assert.True(TokenDestinations.ForLinear(Policy(Named, stagingFallback: false), _ => null).Allows(new Uri("http://127.0.0.1:7000/graphql")));
        Assert.False(TokenDestinations.ForLinear(Policy(Named, stagingFallback: true), _ => null).Allows(new Uri("http://127.0.0.1:7000/graphql")));
    }

    [Fact]
    public void The_environment_and_the_remote_name_destinations_and_a_port_is_part_of_the_host()
    {
        var env = new Dictionary<string, string?> { ["GITHUB_API_URL"] = "http://127.0.0.1:5000", ["GH_HOST"] = "git.example.org" };
        var remote = new RepositoryAddress("ghe.acme.com", "a", "b");
        var destinations = TokenDestinations.ForGitHub(Policy("", stagingFallback: false), env.GetValueOrDefault, remote);

        Assert.True(destinations.Allows(new Uri("http://127.0.0.1:5000/graphql")));
        Assert.False(destinations.Allows(new Uri("http://127.0.0.1:5001/graphql")));
        Assert.False(destinations.Allows(new Uri("https://127.0.0.1:5000/")));
        Assert.True(destinations.Allows(new Uri("https://git.example.org/api/v3")));
        Assert.True(destinations.Allows(new Uri("https://ghe.acme.com/api/v3")));
        Assert.False(destinations.Allows(new Uri("https://evil.example.com/api/v3")));
    }

    [Fact]
    public void A_refusal_names_the_host_what_named_it_and_the_variable_that_would_allow_it()
    {
        var destinations = TokenDestinations.ForLinear(Policy("", stagingFallback: true), _ => null);

        var error = Assert.Throws<UsageException>(() =>
            destinations.Require(new Uri("http://127.0.0.1:7000/graphql"), "Linear", "linear.api_url in origin/staging:.shipgate.yml", "LINEAR_API_URL"));

        Assert.Contains("Refusing to send a Linear token to http://127.0.0.1:7000 (linear.api_url in origin/staging:.shipgate.yml).", error.Message);
        Assert.Contains("set LINEAR_API_URL", error.Message);
        Assert.Equal(ExitCode.Usage, error.Code);
    }
}
