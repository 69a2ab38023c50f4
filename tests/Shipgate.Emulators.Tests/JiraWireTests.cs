using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;
using static Shipgate.Emulators.Tests.JiraFixtures;
using static Shipgate.Emulators.Tests.Support;

namespace Shipgate.Emulators.Tests;

/// <summary>The Jira emulator's wire: only what the description allows, faults and latency on request, and answers checked against it.</summary>
[Trait("Category", "Integration")]
public sealed class JiraWireTests
{
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
