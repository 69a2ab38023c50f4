using Xunit;

namespace Shipgate.Emulators.Tests;

[Trait("Category", "Integration")]
public sealed class FixtureTests
{
    [Fact]
    public async Task A_github_fixture_seeded_from_json_is_served()
    {
        const string json = """
            {
              "tokens": { "ghp_sandbox": "octocat" },
              "repositories": [{
                "owner": "acme", "name": "shop", "defaultBranch": "main",
                "branches": { "staging": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
                "pullRequests": [{ "number": 7, "title": "BOL-7: x", "author": "alice", "headRef": "dev/bol-7-x",
                                   "reviews": [{ "author": "bob", "state": "APPROVED", "submittedAt": "2024-01-02T00:00:00Z" }] }],
                "checkRuns": [{ "id": 1, "sha": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "name": "build", "conclusion": "failure" }]
              }]
            }
            """;
        var fixture = GitHubFixture.FromJson(json);
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture.FromJson(fixture.ToJson()));
        using var client = Support.GitHubClient("ghp_sandbox");

        var pr = (await Support.GetJsonAsync(client, $"{gh.ApiUrl}/repos/acme/shop/pulls/7")).Body;
        var checks = (await Support.GetJsonAsync(client, $"{gh.ApiUrl}/repos/acme/shop/commits/staging/check-runs")).Body;

        Assert.Equal("MERGED", fixture.Repository("acme/shop").PullRequests[0].State);
        Assert.Equal("staging", pr["base"]!["ref"]!.GetValue<string>());
        Assert.Equal("failure", checks["check_runs"]![0]!["conclusion"]!.GetValue<string>());
        Support.AssertSpecClean(gh.Requests);
    }

    [Fact]
    public void A_linear_fixture_round_trips_through_json_with_stable_ids()
    {
        const string json = """
            {
              "apiKeys": { "lin_api_sandbox": { "name": "Sandbox", "email": "sandbox@acme.test" } },
              "teams": [{ "key": "BOL", "name": "Bolt" }],
              "issues": [{ "identifier": "BOL-407", "title": "Session auth", "state": "Done" }]
            }
            """;

        var fixture = LinearFixture.FromJson(json);
        var again = LinearFixture.FromJson(fixture.ToJson());

        Assert.Equal(7, fixture.States.Count);
        Assert.Equal(fixture.Issues[0].Id, again.Issues[0].Id);
        Assert.Equal(("BOL", 407), (again.Issues[0].TeamKey, again.Issues[0].Number));
        Assert.Equal(fixture.ApiKeys["lin_api_sandbox"].Id, again.ApiKeys["lin_api_sandbox"].Id);
        again.Validate();
    }
}
