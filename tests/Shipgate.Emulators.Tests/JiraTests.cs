using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Shipgate.Emulators;
using Xunit;
using static Shipgate.Emulators.Tests.Support;

namespace Shipgate.Emulators.Tests;

[Trait("Category", "Integration")]
public sealed class JiraTests
{
    private const string Email = "bot@acme.test";
    private const string ApiToken = "jira-api-token-secret";

    private static JiraFixture Fixture(int opsIssues = 3) => new JiraFixture
    {
        Users = { new JiraUserFixture(Email, ApiToken, "Release Bot"), new JiraUserFixture("ada@acme.test", "ada-token", "Ada") },
        Projects =
        {
            new JiraProjectFixture("OPS", "Operations"),
            new JiraProjectFixture("WEB", "Web shop"),
            new JiraProjectFixture("SEC", "Security") { VisibleTo = ["ada@acme.test"] },
        },
        Issues =
        {
            new JiraIssueFixture("WEB-7", "Checkout button", "In Review", "indeterminate"),
            new JiraIssueFixture("SEC-1", "Rotate keys", "Done", "done"),
        },
    }.WithIssues(Enumerable.Range(1, opsIssues).Select(i => new JiraIssueFixture($"OPS-{i}", $"Change {i}", i % 3 == 0 ? "To Do" : "Done", i % 3 == 0 ? "new" : "done")));

    private static HttpClient Client(string email = Email, string token = ApiToken) => JiraClient(JiraEmulator.BasicAuthorization(email, token));

    private static string Adf(string text, string? href = null)
    {
        var node = new JsonObject { ["type"] = "text", ["text"] = text };
        if (href is not null)
        {
            node["marks"] = new JsonArray(new JsonObject { ["type"] = "link", ["attrs"] = new JsonObject { ["href"] = href } });
        }
        return new JsonObject
        {
            ["type"] = "doc",
            ["version"] = 1,
            ["content"] = new JsonArray(new JsonObject { ["type"] = "paragraph", ["content"] = new JsonArray(node) }),
        }.ToJsonString();
    }

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
    public async Task A_body_the_description_refuses_is_answered_400_and_recorded()
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture());
        using var client = Client();

        var (missing, body) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/issue/bulkfetch", """{"keys":["OPS-1"]}""");
        var (notJson, _) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/issue/bulkfetch", """{"issueIdsOrKeys":""");
        var (wrongType, _) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/version", """{"name":"rel-1","projectId":"OPS","released":"yes"}""");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.NotEmpty(body["errorMessages"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.All(jira.Requests, r => Assert.NotEmpty(r.SpecViolations));
        Assert.Contains(jira.Requests[0].SpecViolations, v => v.Contains("issueIdsOrKeys"));
        Assert.Empty(jira.State.Versions);
    }

    [Fact]
    public async Task A_path_or_method_outside_the_description_is_not_found_and_recorded()
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture());
        using var client = Client();

        var retired = await client.GetAsync($"{jira.BaseUrl}/rest/api/3/search?jql=project%3DOPS");
        var (wrongMethod, _) = await client.SendJsonAsync(HttpMethod.Delete, $"{jira.BaseUrl}/rest/api/3/issue/OPS-1/comment", "");

        Assert.Equal(HttpStatusCode.NotFound, retired.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongMethod.StatusCode);
        Assert.Contains("no operation in the description matches GET /rest/api/3/search", jira.Requests[0].SpecViolations);
        Assert.Contains("DELETE is not an operation", jira.Requests[1].SpecViolations[0]);
    }

    [Fact]
    public async Task Faults_answer_429_with_retry_after_then_5xx_then_recover()
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture());
        using var client = Client();
        jira.Faults.RateLimit(retryAfter: TimeSpan.FromSeconds(2), pathContains: "/bulkfetch");
        jira.Faults.Fail(503, pathContains: "/bulkfetch");
        const string request = """{"issueIdsOrKeys":["OPS-1"]}""";

        var (limited, limitBody) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/issue/bulkfetch", request);
        var (unavailable, _) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/issue/bulkfetch", request);
        var (ok, body) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/issue/bulkfetch", request);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), limited.Headers.RetryAfter?.Delta);
        Assert.NotEmpty(limitBody["errorMessages"]!.AsArray());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("OPS-1", body["issues"]![0]!["key"]!.GetValue<string>());
        Assert.Equal([429, 503, 200], jira.Requests.Select(r => r.StatusCode));
        AssertSpecClean(jira.Requests);
    }

    [Fact]
    public async Task A_malformed_answer_is_cut_and_a_reshaped_one_fails_validation()
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture());
        using var client = Client();
        jira.Faults.Malformed(pathContains: "/myself");
        jira.Faults.Reshape(json => { json!["issues"] = new JsonObject(); return json; }, pathContains: "/bulkfetch");

        var cut = await client.GetAsync($"{jira.BaseUrl}/rest/api/3/myself");
        var reshaped = await client.PostAsync($"{jira.BaseUrl}/rest/api/3/issue/bulkfetch",
            new StringContent("""{"issueIdsOrKeys":["OPS-1"]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, cut.StatusCode);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonNode.Parse(cut.Content.ReadAsStringAsync().Result));
        Assert.Equal(HttpStatusCode.OK, reshaped.StatusCode);
        Assert.IsType<JsonObject>(JsonNode.Parse(await reshaped.Content.ReadAsStringAsync())!["issues"]);
    }

    [Fact]
    public async Task Latency_delays_every_answer()
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture());
        using var client = Client();
        jira.Faults.Latency = TimeSpan.FromSeconds(30);
        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync($"{jira.BaseUrl}/rest/api/3/myself", impatient.Token));
    }

    [Fact]
    public void Answers_are_validated_against_the_description()
    {
        var bulk = RestSpec.Jira.Operations.Single(o => o.OperationId == "bulkFetchIssues");
        var myself = RestSpec.Jira.Operations.Single(o => o.OperationId == "getCurrentUser");

        Assert.Empty(RestSpec.Jira.ValidateResponse(bulk, 200, """{"issues":[{"id":"1","key":"OPS-1","fields":{}}],"issueErrors":[]}"""));
        Assert.Contains(RestSpec.Jira.ValidateResponse(bulk, 200, """{"issues":{}}"""), v => v.Contains("/issues"));
        Assert.Contains(RestSpec.Jira.ValidateResponse(bulk, 200, """{"issues":[{"id":1}]}"""), v => v.Contains("/issues/0/id"));
        Assert.Contains(RestSpec.Jira.ValidateResponse(bulk, 200, """{"issues":[],"expand":"names"}"""), v => v.Contains("expand"));
        Assert.Contains(RestSpec.Jira.ValidateResponse(myself, 200, """{"accountType":"robot"}"""), v => v.Contains("/accountType"));
    }

    [Fact]
    public void The_jira_description_is_the_repositorys_copy_and_loads_once()
    {
        Assert.True(File.Exists(SpecFiles.JiraRest), SpecFiles.JiraRest);
        Assert.StartsWith(SpecFiles.Directory, SpecFiles.JiraRest);
        Assert.Same(RestSpec.Jira, RestSpec.Jira);
        Assert.Contains(RestSpec.Jira.Operations, o => o.ToString() == "POST /rest/api/3/issue/bulkfetch");
    }
}

internal static class JiraFixtureExtensions
{
    public static JiraFixture WithIssues(this JiraFixture fixture, IEnumerable<JiraIssueFixture> issues)
    {
        fixture.Issues.AddRange(issues);
        return fixture;
    }
}
