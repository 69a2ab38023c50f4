using System.Net;
using System.Text.Json.Nodes;
using Xunit;
using static Shipgate.Emulators.Tests.JiraFixtures;
using static Shipgate.Emulators.Tests.Support;

namespace Shipgate.Emulators.Tests;

/// <summary>The Jira emulator reads as Jira Cloud does: issues by id, key or an old key, bulk fetch, search, accounts and projects.</summary>
[Trait("Category", "Integration")]
public sealed class JiraTests
{
    [Fact]
    public async Task Bulkfetch_answers_the_issues_found_and_puts_unknown_keys_in_issue_errors()
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture());
        using var client = Client();

        var (response, body) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/issue/bulkfetch",
            """{"issueIdsOrKeys":["OPS-1","web-7","OPS-404","SEC-1","OPS-3"],"fields":["summary","status","fixVersions","project"]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var issues = body["issues"]!.AsArray();
        Assert.Equal(["OPS-1", "OPS-3", "WEB-7"], issues.Select(i => i!["key"]!.GetValue<string>()).Order());
        var web = issues.Single(i => i!["key"]!.GetValue<string>() == "WEB-7")!["fields"]!;
        Assert.Equal("Checkout button", web["summary"]!.GetValue<string>());
        Assert.Equal("In Review", web["status"]!["name"]!.GetValue<string>());
        Assert.Equal("indeterminate", web["status"]!["statusCategory"]!["key"]!.GetValue<string>());
        Assert.Equal("WEB", web["project"]!["key"]!.GetValue<string>());
        Assert.Empty(web["fixVersions"]!.AsArray());
        Assert.Equal("new", issues.Single(i => i!["key"]!.GetValue<string>() == "OPS-3")!["fields"]!["status"]!["statusCategory"]!["key"]!.GetValue<string>());
        // SEC is hidden from this account: as unknown as a key that does not exist.
        Assert.Equal(["OPS-404", "SEC-1"], body["issueErrors"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()));
        Assert.All(body["issueErrors"]!.AsArray(), e => Assert.Contains("does not exist", e!["errorMessage"]!.GetValue<string>()));
        AssertSpecClean(jira.Requests);
    }

    [Fact]
    public async Task Bulkfetch_answers_in_ascending_id_order_and_limits_to_100_keys()
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture(opsIssues: 150));
        using var client = Client();
        var keys = Enumerable.Range(1, 100).Select(i => $"OPS-{i}").ToList();

        var (full, body) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/issue/bulkfetch",
            new JsonObject { ["issueIdsOrKeys"] = new JsonArray([.. keys.Select(k => (JsonNode)k)]), ["fields"] = new JsonArray("summary") }.ToJsonString());
        var (tooMany, _) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/issue/bulkfetch",
            new JsonObject { ["issueIdsOrKeys"] = new JsonArray([.. keys.Append("OPS-101").Select(k => (JsonNode)k)]) }.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        var ids = body["issues"]!.AsArray().Select(i => long.Parse(i!["id"]!.GetValue<string>())).ToList();
        Assert.Equal(100, ids.Count);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(["summary"], body["issues"]![0]!["fields"]!.AsObject().Select(f => f.Key));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        AssertSpecClean(jira.Requests);
    }

    [Fact]
    public async Task A_moved_issue_is_found_by_its_old_key()
    {
        var fixture = Fixture();
        fixture.MovedKeys["OLD-9"] = "OPS-2";
        await using var jira = await JiraEmulator.StartAsync(fixture);
        using var client = Client();

        var (_, body) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/issue/bulkfetch", """{"issueIdsOrKeys":["OLD-9"]}""");

        Assert.Equal("OPS-2", body["issues"]![0]!["key"]!.GetValue<string>());
        Assert.Empty(body["issueErrors"]!.AsArray());
    }

    [Fact]
    public async Task Myself_names_the_account_of_the_token()
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture());
        using var client = Client();

        var (response, body) = await client.GetJsonAsync($"{jira.BaseUrl}/rest/api/3/myself");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Email, body["emailAddress"]!.GetValue<string>());
        Assert.Equal("Release Bot", body["displayName"]!.GetValue<string>());
        Assert.Equal(jira.State.Users[0].AccountId, body["accountId"]!.GetValue<string>());
        AssertSpecClean(jira.Requests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer jira-api-token-secret")]
    [InlineData("Basic not-base64!")]
    public async Task Requests_without_a_valid_email_and_token_are_refused_with_jiras_error_shape(string? authorization)
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture());
        using var anonymous = JiraClient(authorization);
        using var wrongToken = Client(token: "wrong");
        using var wrongEmail = Client(email: "ada@acme.test");

        foreach (var client in new[] { anonymous, wrongToken, wrongEmail })
        {
            var (response, body) = await client.GetJsonAsync($"{jira.BaseUrl}/rest/api/3/myself");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.NotEmpty(body["errorMessages"]!.AsArray());
            Assert.NotNull(body["errors"]);
        }
        Assert.All(jira.Requests.Where(r => r.Header("Authorization") is not null), r => Assert.DoesNotContain(ApiToken, r.Header("Authorization")));
    }

    [Fact]
    public async Task The_request_log_keeps_the_scheme_but_never_the_credentials()
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture());
        using var client = Client();

        await client.GetAsync($"{jira.BaseUrl}/rest/api/3/myself");

        var recorded = Assert.Single(jira.Requests);
        Assert.Equal($"Basic {RecordedRequest.Redacted}", recorded.Header("Authorization"));
        Assert.Equal("/rest/api/3/myself", recorded.Path);
        Assert.Equal(200, recorded.StatusCode);
    }

    [Fact]
    public async Task Project_search_pages_through_the_projects_the_account_can_browse()
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture());
        using var client = Client();
        using var ada = Client("ada@acme.test", "ada-token");

        var (first, page1) = await client.GetJsonAsync($"{jira.BaseUrl}/rest/api/3/project/search?maxResults=1");
        var (_, page2) = await client.GetJsonAsync(page1["nextPage"]!.GetValue<string>());
        var (_, adas) = await ada.GetJsonAsync($"{jira.BaseUrl}/rest/api/3/project/search");
        var (_, filtered) = await ada.GetJsonAsync($"{jira.BaseUrl}/rest/api/3/project/search?keys=SEC&keys=WEB");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(["OPS"], page1["values"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()));
        Assert.False(page1["isLast"]!.GetValue<bool>());
        Assert.Equal(2, page1["total"]!.GetValue<int>());
        Assert.Equal(["WEB"], page2["values"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()));
        Assert.True(page2["isLast"]!.GetValue<bool>());
        Assert.Null(page2["nextPage"]);
        Assert.Equal(["OPS", "SEC", "WEB"], adas["values"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()));
        Assert.Equal(["SEC", "WEB"], filtered["values"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()));
        AssertSpecClean(jira.Requests);
    }

    [Fact]
    public async Task Jql_search_pages_with_a_token_and_refuses_unknown_keys()
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture(opsIssues: 5));
        using var client = Client();
        var url = $"{jira.BaseUrl}/rest/api/3/search/jql";

        var (_, first) = await client.SendJsonAsync(HttpMethod.Post, url,
            """{"jql":"project = OPS AND statusCategory = Done ORDER BY key","maxResults":2,"fields":["summary","status"]}""");
        var (_, second) = await client.SendJsonAsync(HttpMethod.Post, url,
            $$"""
            {"jql":"project = OPS AND statusCategory = Done ORDER BY key","maxResults":2,"fields":["summary"],"nextPageToken":"{{first["nextPageToken"]}}"}
            """);
        var (_, idsOnly) = await client.GetJsonAsync($"{url}?jql={Uri.EscapeDataString("key in (OPS-1, WEB-7)")}");
        var (unknownKey, problem) = await client.GetJsonAsync($"{url}?jql={Uri.EscapeDataString("key in (OPS-1, OPS-404)")}");
        var (unbounded, _) = await client.GetJsonAsync(url);

        Assert.Equal(2, first["issues"]!.AsArray().Count);
        Assert.False(first["isLast"]!.GetValue<bool>());
        Assert.Equal(2, second["issues"]!.AsArray().Count);
        Assert.True(second["isLast"]!.GetValue<bool>());
        Assert.Null(second["nextPageToken"]);
        var keys = first["issues"]!.AsArray().Concat(second["issues"]!.AsArray()).Select(i => i!["key"]!.GetValue<string>()).Order();
        Assert.Equal(["OPS-1", "OPS-2", "OPS-4", "OPS-5"], keys);
        Assert.Equal(2, idsOnly["issues"]!.AsArray().Count);
        Assert.All(idsOnly["issues"]!.AsArray(), i => Assert.Equal(["id"], i!.AsObject().Select(p => p.Key)));
        Assert.Equal(HttpStatusCode.BadRequest, unknownKey.StatusCode);
        Assert.Contains("OPS-404", problem["errorMessages"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, unbounded.StatusCode);
        AssertSpecClean(jira.Requests);
    }

    [Fact]
    public void A_fixture_round_trips_through_json_and_refuses_what_jira_could_not_hold()
    {
        const string json = """
            {
              "users": [{ "email": "sandbox@acme.test", "apiToken": "sandbox-token" }],
              "projects": [{ "key": "OPS", "name": "Operations" }],
              "issues": [{ "key": "OPS-7", "summary": "Rotate keys", "status": "Done", "statusCategory": "done" }]
            }
            """;

        var fixture = JiraFixture.FromJson(json);
        var again = JiraFixture.FromJson(fixture.ToJson());

        again.Validate();
        Assert.Equal(fixture.Issues[0].Id, again.Issues[0].Id);
        Assert.Equal(fixture.Users[0].AccountId, again.Users[0].AccountId);
        Assert.Equal("OPS", again.Issues[0].ProjectKey);
        again.Issues.Add(new JiraIssueFixture("OPS-8", "x", "Doing", "started"));
        Assert.Contains("status category", Assert.Throws<InvalidOperationException>(again.Validate).Message);
        again.Issues[^1] = new JiraIssueFixture("NOPE-1", "x");
        Assert.Contains("no project NOPE", Assert.Throws<InvalidOperationException>(again.Validate).Message);
    }
}
