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
    }.WithIssues(Enumerable.Range(1, opsIssues).Select(i =>
        i % 3 == 0 ? new JiraIssueFixture($"OPS-{i}", $"Change {i}", "To Do", "new") : new JiraIssueFixture($"OPS-{i}", $"Change {i}", "Done", "done")));

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
        var (wrongType, _) = await client.SendJsonAsync(HttpMethod.Post, $"{jira.BaseUrl}/rest/api/3/version",
            """{"name":"rel-1","projectId":"OPS","released":"yes"}""");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.NotEmpty(body["errorMessages"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        var notJsonType = await client.PostAsync($"{jira.BaseUrl}/rest/api/3/issue/bulkfetch", new StringContent("""{"issueIdsOrKeys":["OPS-1"]}"""));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJsonType.StatusCode);
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
        // The latency and the client's patience on one fake clock, moved only once the emulator holds the answer back.
        var clock = new LatencyClock(TimeSpan.FromSeconds(30));
        jira.Faults.Clock = clock;
        jira.Faults.Latency = TimeSpan.FromSeconds(30);
        using var impatient = new CancellationTokenSource(TimeSpan.FromSeconds(10), clock);

        var asked = client.GetAsync($"{jira.BaseUrl}/rest/api/3/myself", impatient.Token);
        await clock.Holding.WaitAsync(Bound);
        clock.Advance(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => asked).WaitAsync(Bound);
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

    [Fact]
    public async Task Server_info_names_a_cloud_site()
    {
        await using var jira = await JiraEmulator.StartAsync(Fixture());
        using var client = Client();

        var (response, body) = await client.GetJsonAsync($"{jira.BaseUrl}/rest/api/3/serverInfo");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Cloud", body["deploymentType"]!.GetValue<string>());
        Assert.Equal(jira.BaseUrl, body["baseUrl"]!.GetValue<string>());
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
