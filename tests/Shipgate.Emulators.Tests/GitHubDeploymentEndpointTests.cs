using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;
using static Shipgate.Emulators.Tests.Support;

namespace Shipgate.Emulators.Tests;

/// <summary>The Deployments endpoints as GitHub answers them: made for a ref it knows, listed with filters, statuses kept in order.</summary>
[Trait("Category", "Integration")]
public sealed class GitHubDeploymentEndpointTests
{
    [Fact]
    public async Task A_deployment_of_a_branch_is_made_listed_by_ref_and_environment_and_gets_statuses()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();
        var deployments = $"{gh.ApiUrl}/repos/acme/shop/deployments";

        var created = await client.PostAsync(deployments, JsonContent.Create(new JsonObject
        {
            ["ref"] = "main",
            ["environment"] = "prod-eu",
            ["production_environment"] = true,
            ["auto_merge"] = false,
            ["required_contexts"] = new JsonArray(),
            ["payload"] = new JsonObject { ["release_id"] = "release-1" },
        }));
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        var status = await client.PostAsync($"{deployments}/{id}/statuses",
            JsonContent.Create(new { state = "success", log_url = "https://github.com/acme/shop/actions/runs/1" }));
        var (listed, list) = await client.GetJsonAsync($"{deployments}?ref=main&environment=prod-eu");
        var (_, other) = await client.GetJsonAsync($"{deployments}?ref=main&environment=staging");
        var unknown = await client.PostAsync(deployments, JsonContent.Create(new { @ref = "no-such-ref", required_contexts = Array.Empty<string>() }));
        var noDeployment = await client.PostAsync($"{deployments}/999/statuses", JsonContent.Create(new { state = "success" }));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, status.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(id, Assert.Single(list.AsArray())!["id"]!.GetValue<long>());
        Assert.Empty(other.AsArray());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noDeployment.StatusCode);
        var kept = Assert.Single(gh.State.Repository("acme/shop").Deployments);
        Assert.Equal((Main, "prod-eu", (bool?)true), (kept.Sha, kept.Environment, kept.ProductionEnvironment));
        Assert.Equal("success", Assert.Single(kept.Statuses).State);
        AssertSpecClean(gh.Requests);
    }

    [Fact]
    public async Task A_deployment_that_does_not_waive_status_checks_is_refused_while_a_status_is_not_success()
    {
        var fixture = GitHubFixture();
        var sha = new string('b', 40);
        fixture.Repository("acme/shop").Statuses.Add(new CommitStatusFixture(sha, "build", "failure"));
        await using var gh = await GitHubEmulator.StartAsync(fixture);
        using var client = GitHubClient();

        var refused = await client.PostAsync($"{gh.ApiUrl}/repos/acme/shop/deployments", JsonContent.Create(new { @ref = sha }));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Empty(gh.State.Repository("acme/shop").Deployments);
    }
}
