using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;
using static Shipgate.Emulators.Tests.Support;

namespace Shipgate.Emulators.Tests;

[Trait("Category", "Integration")]
public sealed class LinearTests
{
    private const string PersonalKey = "lin_api_test_key";
    private const string OAuthToken = "lin_oauth_test_token";
    private const string IssueFields = "id identifier number title url team { key } state { name type }";

    private static LinearFixture Fixture(int bolIssues = 3) => new LinearFixture
    {
        ApiKeys =
        {
            [PersonalKey] = new LinearUserFixture("Release Bot", "bot@acme.test"),
            [OAuthToken] = new LinearUserFixture("Ada", "ada@acme.test"),
        },
        Teams = { new LinearTeamFixture("BOL", "Bolt"), new LinearTeamFixture("OPS", "Operations") },
        Issues =
        {
            new LinearIssueFixture("OPS-1", "Rotate keys", "In Progress"),
        },
    }.WithIssues(Enumerable.Range(1, bolIssues).Select(i => new LinearIssueFixture($"BOL-{i}", $"Change {i}", i % 3 == 0 ? "In Review" : "Done")));

    [Fact]
    public async Task Issues_are_found_by_team_key_and_numbers_in_one_request()
    {
        await using var linear = await LinearEmulator.StartAsync(Fixture(bolIssues: 200));
        using var client = LinearClient(PersonalKey);
        var wanted = Enumerable.Range(20, 150).Append(999).ToArray();

        var (response, body) = await client.PostGraphQLAsync(linear.Url,
            $"query($numbers: [Float!]) {{ issues(filter: {{ team: {{ key: {{ eq: \"BOL\" }} }}, number: {{ in: $numbers }} }}, first: 250) " +
            $"{{ nodes {{ {IssueFields} }} pageInfo {{ hasNextPage }} }} }}",
            new { numbers = wanted });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var nodes = body["data"]!["issues"]!["nodes"]!.AsArray();
        Assert.Equal(Enumerable.Range(20, 150).Select(n => $"BOL-{n}"), nodes.Select(n => n!["identifier"]!.GetValue<string>()));
        var issue = nodes[0]!;
        Assert.Equal(20, issue["number"]!.GetValue<double>());
        Assert.Equal("https://linear.app/acme/issue/BOL-20/change-20", issue["url"]!.GetValue<string>());
        Assert.Equal("BOL", issue["team"]!["key"]!.GetValue<string>());
        Assert.Equal("Done", issue["state"]!["name"]!.GetValue<string>());
        Assert.Equal("completed", issue["state"]!["type"]!.GetValue<string>());
        Assert.True(Guid.TryParse(issue["id"]!.GetValue<string>(), out _));
        Assert.False(body["data"]!["issues"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        AssertSpecClean(linear.Requests);
    }

    [Fact]
    public async Task Connections_default_to_50_and_refuse_more_than_250()
    {
        await using var linear = await LinearEmulator.StartAsync(Fixture(bolIssues: 60));
        using var client = LinearClient(PersonalKey);

        var (_, page) = await client.PostGraphQLAsync(
            linear.Url, "{ issues(filter: { team: { key: { in: [\"BOL\"] } } }) { nodes { id } pageInfo { hasNextPage } } }");
        var (_, tooMany) = await client.PostGraphQLAsync(linear.Url, "{ issues(first: 251) { nodes { id } } }");

        Assert.Equal(50, page["data"]!["issues"]!["nodes"]!.AsArray().Count);
        Assert.True(page["data"]!["issues"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal("INPUT_ERROR", tooMany["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Issue_by_id_takes_a_uuid_or_an_identifier_and_a_missing_one_fails_the_request()
    {
        var fixture = Fixture();
        await using var linear = await LinearEmulator.StartAsync(fixture);
        using var client = LinearClient(PersonalKey);
        var uuid = fixture.Issues.Single(i => i.Identifier == "BOL-2").Id;

        var (_, byUuid) = await client.PostGraphQLAsync(linear.Url, $"{{ issue(id: \"{uuid}\") {{ identifier }} }}");
        var (_, byIdentifier) = await client.PostGraphQLAsync(linear.Url, "{ issue(id: \"bol-2\") { identifier title } }");
        var (_, missing) = await client.PostGraphQLAsync(linear.Url, "{ a: issue(id: \"BOL-1\") { id } b: issue(id: \"BOL-404\") { id } }");

        Assert.Equal("BOL-2", byUuid["data"]!["issue"]!["identifier"]!.GetValue<string>());
        Assert.Equal("Change 2", byIdentifier["data"]!["issue"]!["title"]!.GetValue<string>());
        Assert.Null(missing["data"]); // issue is non-null: one missing issue voids the whole batch
        var error = Assert.Single(missing["errors"]!.AsArray())!;
        Assert.StartsWith("Entity not found", error["message"]!.GetValue<string>());
        Assert.Equal("INPUT_ERROR", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("invalid input", error["extensions"]!["type"]!.GetValue<string>());
        Assert.Equal(["b"], error["path"]!.AsArray().Select(p => p!.GetValue<string>()));
        AssertSpecClean(linear.Requests);
    }

    [Fact]
    public async Task Comment_create_records_the_comment_against_the_issue()
    {
        var fixture = Fixture();
        await using var linear = await LinearEmulator.StartAsync(fixture);
        using var client = LinearClient(PersonalKey);
        const string mutation = "mutation($input: CommentCreateInput!) { commentCreate(input: $input) { success comment { id url body } } }";

        var (_, created) = await client.PostGraphQLAsync(linear.Url, mutation,
            new { input = new { issueId = "BOL-3", body = "Released in release-2024-03-01-120000" } });
        var (_, missing) = await client.PostGraphQLAsync(linear.Url, mutation, new { input = new { issueId = "BOL-404", body = "x" } });
        var (_, readBack) = await client.PostGraphQLAsync(linear.Url, "{ issue(id: \"BOL-3\") { comments(first: 10) { nodes { body } } } }");

        var payload = created["data"]!["commentCreate"]!;
        Assert.True(payload["success"]!.GetValue<bool>());
        var comment = Assert.Single(linear.State.Comments);
        Assert.Equal(fixture.Issues.Single(i => i.Identifier == "BOL-3").Id, comment.IssueId);
        Assert.Equal("Released in release-2024-03-01-120000", comment.Body);
        Assert.Equal(comment.Id, payload["comment"]!["id"]!.GetValue<string>());
        Assert.StartsWith("https://linear.app/acme/issue/BOL-3/", payload["comment"]!["url"]!.GetValue<string>());
        Assert.StartsWith("Entity not found", missing["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal("Released in release-2024-03-01-120000", readBack["data"]!["issue"]!["comments"]!["nodes"]![0]!["body"]!.GetValue<string>());
        AssertSpecClean(linear.Requests);
    }

    [Fact]
    public async Task A_rate_limit_is_a_400_RATELIMITED_error_with_a_reset_in_milliseconds()
    {
        await using var linear = await LinearEmulator.StartAsync(Fixture());
        using var client = LinearClient(PersonalKey);
        linear.Faults.RateLimit(retryAfter: TimeSpan.FromSeconds(2));
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var (limited, body) = await client.PostGraphQLAsync(linear.Url, "{ viewer { id } }");
        var (after, _) = await client.PostGraphQLAsync(linear.Url, "{ viewer { id } }");

        Assert.Equal(HttpStatusCode.BadRequest, limited.StatusCode);
        Assert.Equal("RATELIMITED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("0", Header(limited, "X-RateLimit-Requests-Remaining"));
        Assert.InRange(long.Parse(Header(limited, "X-RateLimit-Requests-Reset")) - before, 1_000, 60_000);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual("0", Header(after, "X-RateLimit-Requests-Remaining"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("lin_api_unknown")]
    [InlineData("Bearer " + PersonalKey)]
    [InlineData(OAuthToken)]
    public async Task Without_a_valid_key_in_the_right_form_the_answer_is_an_authentication_error(string? authorization)
    {
        await using var linear = await LinearEmulator.StartAsync(Fixture());
        using var client = LinearClient(authorization);

        var (response, body) = await client.PostGraphQLAsync(linear.Url, "{ viewer { id } }");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("AUTHENTICATION_ERROR", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain(linear.Requests, r => r.Headers.Values.Any(v => v.Contains("lin_")));
    }

    [Fact]
    public async Task An_oauth_token_is_accepted_as_bearer()
    {
        await using var linear = await LinearEmulator.StartAsync(Fixture());
        using var client = LinearClient("Bearer " + OAuthToken);

        var (_, body) = await client.PostGraphQLAsync(linear.Url, "{ viewer { id name email } teams { nodes { key name } } }");

        Assert.Equal("ada@acme.test", body["data"]!["viewer"]!["email"]!.GetValue<string>());
        Assert.Equal(["BOL", "OPS"], body["data"]!["teams"]!["nodes"]!.AsArray().Select(t => t!["key"]!.GetValue<string>()));
        Assert.Equal("Bearer [REDACTED]", linear.Requests[0].Header("Authorization"));
    }

    [Fact]
    public async Task An_invalid_document_is_a_400_validation_error_and_a_recorded_violation()
    {
        await using var linear = await LinearEmulator.StartAsync(Fixture());
        using var client = LinearClient(PersonalKey);

        var (response, body) = await client.PostGraphQLAsync(linear.Url, "{ issue(id: \"BOL-1\") { identifier estimatex } }");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.StartsWith("Cannot query field 'estimatex' on type 'Issue'", Assert.Single(linear.Requests[0].SpecViolations));
    }

    [Fact]
    public async Task Failures_and_malformed_answers_then_recovery()
    {
        await using var linear = await LinearEmulator.StartAsync(Fixture());
        using var client = LinearClient(PersonalKey);
        linear.Faults.Fail(503);
        linear.Faults.Malformed();

        var (failed, _) = await client.PostGraphQLAsync(linear.Url, "{ viewer { id } }");
        var malformed = await client.PostAsync(linear.Url, new StringContent("""{"query":"{ viewer { id } }"}""", Encoding.UTF8, "application/json"));
        var malformedText = await malformed.Content.ReadAsStringAsync();
        var (ok, body) = await client.PostGraphQLAsync(linear.Url, "{ viewer { name } }");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, malformed.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(malformedText));
        Assert.Equal("Release Bot", body["data"]!["viewer"]!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task An_issue_with_an_unknown_state_is_refused_when_seeded()
    {
        var fixture = Fixture();
        fixture.Issues.Add(new LinearIssueFixture("BOL-9", "Typo", "Donee"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LinearEmulator.StartAsync(fixture));

        Assert.Contains("Donee", error.Message);
    }
}

internal static class LinearFixtureExtensions
{
    public static LinearFixture WithIssues(this LinearFixture fixture, IEnumerable<LinearIssueFixture> issues)
    {
        fixture.Issues.AddRange(issues);
        return fixture;
    }
}
