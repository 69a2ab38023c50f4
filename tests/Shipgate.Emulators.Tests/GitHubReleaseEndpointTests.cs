using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;
using static Shipgate.Emulators.Tests.Support;

namespace Shipgate.Emulators.Tests;

/// <summary>The Releases endpoints as GitHub answers them: one release per tag, 404 by tag when none, bodies checked against the description.</summary>
[Trait("Category", "Integration")]
public sealed class GitHubReleaseEndpointTests
{
    [Fact]
    public async Task A_release_is_made_found_by_its_tag_edited_and_never_made_twice()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();
        var releases = $"{gh.ApiUrl}/repos/acme/shop/releases";

        var none = await client.GetAsync($"{releases}/tags/release-1");
        var created = await client.PostAsync(releases, JsonContent.Create(new { tag_name = "release-1", name = "release-1", body = "# notes" }));
        var (found, release) = await client.GetJsonAsync($"{releases}/tags/release-1");
        var twice = await client.PostAsync(releases, JsonContent.Create(new { tag_name = "release-1", body = "again" }));
        var edited = await client.PatchAsync($"{releases}/{release["id"]}", JsonContent.Create(new { body = "# better notes" }));

        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("https://github.com/acme/shop/releases/tag/release-1", release["html_url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        Assert.Contains("already_exists", await twice.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("# better notes", Assert.Single(gh.State.Repository("acme/shop").Releases).Body);
        AssertSpecClean(gh.Requests);
    }

    [Fact]
    public async Task A_body_the_description_refuses_is_a_violation_and_one_past_the_limit_is_refused()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();
        var releases = $"{gh.ApiUrl}/repos/acme/shop/releases";

        var noTag = await client.PostAsync(releases, JsonContent.Create(new JsonObject { ["name"] = "x", ["draft"] = "yes" }));
        var tooLong = await client.PostAsync(releases, JsonContent.Create(new { tag_name = "release-2", body = new string('x', 125_001) }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noTag.StatusCode);
        var violations = gh.Requests[0].SpecViolations;
        Assert.Contains(violations, v => v.Contains("request body", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Empty(gh.State.Repository("acme/shop").Releases);
    }
}
