using System.Net;
using System.Text.Json.Nodes;
using Xunit;
using static Shipgate.Emulators.Tests.JiraFixtures;
using static Shipgate.Emulators.Tests.Support;

namespace Shipgate.Emulators.Tests;

/// <summary>What Shipgate writes to Jira, as the emulator keeps it: comments, remote links, versions and fix versions, and who may write.</summary>
[Trait("Category", "Integration")]
public sealed class JiraWriteTests
{
    [Fact]
    public async Task Comments_are_added_in_adf_with_properties_and_read_back()
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture());
        using var client = Client();
        var comment = JsonNode.Parse(Adf("Released in rel-42", "https://example.test/record"))!;
        var request = new JsonObject
        {
            ["body"] = comment,
            ["properties"] = new JsonArray(new JsonObject { ["key"] = "shipgate", ["value"] = new JsonObject { ["release"] = "rel-42" } }),
        };

        var (created, answer) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/issue/OPS-1/comment", request.ToJsonString());
        var (listed, page) = await client.GetJsonAsync($"{jira.BaseUrl}/rest/api/3/issue/OPS-1/comment?expand=properties");
        var (_, plain) = await client.GetJsonAsync($"{jira.BaseUrl}/rest/api/3/issue/OPS-1/comment");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Release Bot", answer["author"]!["displayName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(1, page["total"]!.GetValue<int>());
        var listedComment = page["comments"]![0]!;
        Assert.Equal(answer["id"]!.GetValue<string>(), listedComment["id"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(comment, listedComment["body"]));
        Assert.Equal("rel-42", listedComment["properties"]![0]!["value"]!["release"]!.GetValue<string>());
        Assert.Null(plain["comments"]![0]!["properties"]);
        var stored = Assert.Single(jira.State.CommentsOn("OPS-1"));
        Assert.Equal("Released in rel-42", stored.Text);
        Assert.Equal(["https://example.test/record"], stored.Links);
        Assert.Empty(jira.State.CommentsOn("OPS-2"));
        AssertSpecClean(jira.Requests);
    }

    [Theory]
    [InlineData("""{"body":"plain text is API v2, not v3"}""")]
    [InlineData("""{"body":{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":""}]}]}}""")]
    [InlineData("""{"body":{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link"}]}]}]}}""")]
    [InlineData("""{"body":{"type":"doc","version":1,"content":[{"type":"markdown","text":"**x**"}]}}""")]
    public async Task A_comment_body_that_is_not_adf_is_refused(string request)
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture());
        using var client = Client();

        var (response, body) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/issue/OPS-1/comment", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body["errors"]!["comment"]);
        Assert.Empty(jira.State.Comments);
        Assert.NotEmpty(Assert.Single(jira.Requests).SpecViolations);
    }

    [Fact]
    public async Task A_comment_on_an_unknown_or_hidden_issue_is_not_found()
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture());
        using var client = Client();

        var (unknown, _) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/issue/OPS-404/comment", $$"""{"body":{{Adf("x")}}}""");
        var (hidden, body) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/issue/SEC-1/comment", $$"""{"body":{{Adf("x")}}}""");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.NotEmpty(body["errorMessages"]!.AsArray());
        Assert.Empty(jira.State.Comments);
        AssertSpecClean(jira.Requests);
    }

    [Fact]
    public async Task A_remote_link_with_a_global_id_is_updated_when_posted_again_never_duplicated()
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture());
        using var client = Client();
        const string globalId = "shipgate-record=rel-42";
        string Link(string title) => new JsonObject
        {
            ["globalId"] = globalId,
            ["application"] = new JsonObject { ["type"] = "io.shipgate", ["name"] = "Shipgate" },
            ["relationship"] = "released in",
            ["object"] = new JsonObject { ["url"] = "https://example.test/record/rel-42", ["title"] = title },
        }.ToJsonString();
        var url = $"{jira.BaseUrl}/rest/api/3/issue/OPS-1/remotelink";

        var (created, first) = await client.SendJsonAsync(HttpMethod.Post, url, Link("Release rel-42"));
        var (updated, second) = await client.SendJsonAsync(HttpMethod.Post, url, Link("Release rel-42 (deployed)"));
        var (other, _) = await client.SendJsonAsync(HttpMethod.Post, url, """{"object":{"url":"https://example.test/x","title":"No global id"}}""");
        var (_, all) = await client.GetJsonAsync(url);
        var (_, one) = await client.GetJsonAsync($"{url}?globalId={Uri.EscapeDataString(globalId)}");
        var (missing, _) = await client.GetJsonAsync($"{url}?globalId=nope");
        var (noTitle, _) = await client.SendJsonAsync(HttpMethod.Post, url, """{"object":{"url":"https://example.test/x"}}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(first["id"]!.GetValue<long>(), second["id"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal(2, all.AsArray().Count);
        Assert.Equal("Release rel-42 (deployed)", one["object"]!["title"]!.GetValue<string>());
        Assert.Equal("released in", one["relationship"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noTitle.StatusCode);
        var links = jira.State.RemoteLinksOn("OPS-1");
        Assert.Equal(["Release rel-42 (deployed)", "No global id"], links.Select(l => l.Title));
        Assert.Equal("https://example.test/record/rel-42", links[0].Url);
        AssertSpecClean(jira.Requests.Where(r => r.StatusCode != 400));
    }

    [Fact]
    public async Task Versions_are_created_listed_released_and_unique_by_name_in_a_project()
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture());
        using var client = Client();
        var ops = jira.State.Project("OPS");

        var (created, version) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/version",
            $$"""{"name":"rel-42","projectId":{{ops.Id}},"description":"Shipgate release rel-42","released":false}""");
        var (again, againBody) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/version",
            $$"""{"name":"REL-42","projectId":{{ops.Id}}}""");
        var (elsewhere, _) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/version", """{"name":"rel-42","project":"WEB"}""");
        var id = version["id"]!.GetValue<string>();
        var (released, releasedBody) = await client.SendJsonAsync(HttpMethod.Put, $"{jira.BaseUrl}/rest/api/3/version/{id}",
            """{"released":true,"releaseDate":"2026-11-27"}""");
        var (badDate, _) = await client.SendJsonAsync(HttpMethod.Put, $"{jira.BaseUrl}/rest/api/3/version/{id}", """{"releaseDate":"27/11/2026"}""");
        var (_, listed) = await client.GetJsonAsync($"{jira.BaseUrl}/rest/api/3/project/OPS/versions");
        var (_, single) = await client.GetJsonAsync($"{jira.BaseUrl}/rest/api/3/version/{id}");
        var (hidden, _) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/version", """{"name":"rel-42","project":"SEC"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(long.Parse(ops.Id), version["projectId"]!.GetValue<long>());
        Assert.False(version["released"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.NotNull(againBody["errors"]!["name"]);
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.True(releasedBody["released"]!.GetValue<bool>());
        Assert.Equal("2026-11-27", releasedBody["releaseDate"]!.GetValue<string>());
        Assert.Equal("Shipgate release rel-42", releasedBody["description"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal([id], listed.AsArray().Select(v => v!["id"]!.GetValue<string>()));
        Assert.True(single["released"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        var stored = Assert.Single(jira.State.VersionsOf("OPS"));
        Assert.Equal(("rel-42", true, "2026-11-27"), (stored.Name, stored.Released, stored.ReleaseDate));
        Assert.Single(jira.State.VersionsOf("WEB"));
        Assert.Contains(jira.Requests.Single(r => r.Body.Contains("27/11/2026")).SpecViolations, v => v.Contains("/releaseDate"));
        AssertSpecClean(jira.Requests.Where(r => !r.Body.Contains("27/11/2026")));
    }

    [Fact]
    public async Task An_issue_joins_a_fix_version_by_name_or_id_once_and_bulkfetch_shows_it()
    {
        var fixture = Fixture();
        fixture.Versions.Add(new JiraVersionFixture("10100", fixture.Project("OPS").Id, "rel-41") { Released = true, ReleaseDate = "2026-11-01" });
        fixture.Versions.Add(new JiraVersionFixture("10101", fixture.Project("OPS").Id, "rel-42"));
        fixture.Versions.Add(new JiraVersionFixture("10102", fixture.Project("WEB").Id, "rel-42"));
        await using var jira = await JiraEmulator.StartAsync(fixture);
        using var client = Client();
        var issue = $"{jira.BaseUrl}/rest/api/3/issue/OPS-1";

        var (byName, _) = await client.SendJsonAsync(HttpMethod.Put, issue, """{"update":{"fixVersions":[{"add":{"name":"rel-42"}}]}}""");
        var (twice, _) = await client.SendJsonAsync(HttpMethod.Put, issue, """{"update":{"fixVersions":[{"add":{"id":"10101"}}]}}""");
        var (byId, _) = await client.SendJsonAsync(HttpMethod.Put, issue, """{"update":{"fixVersions":[{"add":{"id":"10100"}}]}}""");
        var (otherProject, problem) = await client.SendJsonAsync(HttpMethod.Put, issue, """{"update":{"fixVersions":[{"add":{"id":"10102"}}]}}""");
        var (unknownName, _) = await client.SendJsonAsync(HttpMethod.Put, issue, """{"update":{"fixVersions":[{"add":{"name":"rel-99"}}]}}""");
        var (otherField, fieldProblem) = await client.SendJsonAsync(HttpMethod.Put, issue, """{"fields":{"labels":["released"]}}""");
        var (_, fetched) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/issue/bulkfetch",
            """{"issueIdsOrKeys":["OPS-1"],"fields":["fixVersions"]}""");
        var (got, single) = await client.GetJsonAsync($"{issue}?fields=summary,fixVersions");

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent], new[] { byName, twice, byId }.Select(r => r.StatusCode));
        Assert.Equal(HttpStatusCode.BadRequest, otherProject.StatusCode);
        Assert.NotNull(problem["errors"]!["fixVersions"]);
        Assert.Equal(HttpStatusCode.BadRequest, unknownName.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherField.StatusCode);
        Assert.Contains("cannot be set", fieldProblem["errors"]!["labels"]!.GetValue<string>());
        Assert.Equal(["rel-42", "rel-41"], jira.State.FixVersionsOf("OPS-1"));
        Assert.Empty(jira.State.FixVersionsOf("OPS-2"));
        Assert.Equal(["rel-42", "rel-41"], fetched["issues"]![0]!["fields"]!["fixVersions"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal("Change 1", single["fields"]!["summary"]!.GetValue<string>());
        Assert.Null(single["fields"]!["status"]);
        AssertSpecClean(jira.Requests);
    }

    [Fact]
    public async Task Fix_versions_can_be_set_and_removed()
    {
        var fixture = Fixture();
        var ops = fixture.Project("OPS").Id;
        fixture.Versions.AddRange([new JiraVersionFixture("10100", ops, "a"), new JiraVersionFixture("10101", ops, "b")]);
        fixture.Issues[^1] = fixture.Issues[^1] with { FixVersionIds = ["10100"] };
        await using var jira = await JiraEmulator.StartAsync(fixture);
        using var client = Client();
        var key = fixture.Issues[^1].Key;

        await client.SendJsonAsync(HttpMethod.Put, $"{jira.BaseUrl}/rest/api/3/issue/{key}", """{"fields":{"fixVersions":[{"name":"b"},{"id":"10100"}]}}""");
        var afterSet = jira.State.FixVersionsOf(key);
        var (returned, body) = await client.SendJsonAsync(HttpMethod.Put, $"{jira.BaseUrl}/rest/api/3/issue/{key}?returnIssue=true",
            """{"update":{"fixVersions":[{"remove":{"name":"b"}}]}}""");

        Assert.Equal(["b", "a"], afterSet);
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Equal(["a"], body["fields"]!["fixVersions"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()));
        Assert.Equal(["a"], jira.State.FixVersionsOf(key));
        AssertSpecClean(jira.Requests);
    }

    [Fact]
    public async Task An_account_without_project_admin_or_edit_rights_is_refused_and_nothing_changes()
    {
        var fixture = Fixture();
        fixture.Users[0] = fixture.Users[0] with { CanManageVersions = false, CanEditIssues = false };
        fixture.Versions.Add(new JiraVersionFixture("10100", fixture.Project("OPS").Id, "rel-41"));
        await using var jira = await JiraEmulator.StartAsync(fixture);
        using var client = Client();

        var (create, _) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/version", """{"name":"rel-42","project":"OPS"}""");
        var (release, _) = await client.SendJsonAsync(HttpMethod.Put, $"{jira.BaseUrl}/rest/api/3/version/10100", """{"released":true}""");
        var (edit, body) = await client.SendJsonAsync(HttpMethod.Put, $"{jira.BaseUrl}/rest/api/3/issue/OPS-1",
            """{"update":{"fixVersions":[{"add":{"name":"rel-41"}}]}}""");

        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, release.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, edit.StatusCode);
        Assert.NotNull(body["errors"]!["fixVersions"]);
        Assert.Equal(["rel-41"], jira.State.VersionsOf("OPS").Select(v => v.Name));
        Assert.False(jira.State.VersionsOf("OPS")[0].Released);
        Assert.Empty(jira.State.FixVersionsOf("OPS-1"));
        AssertSpecClean(jira.Requests);
    }
}
