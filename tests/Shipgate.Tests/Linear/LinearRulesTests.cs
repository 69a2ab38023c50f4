using System.Text.Json;
using Shipgate.Emulators;
using Shipgate.Integrations;
using Shipgate.Linear;

namespace Shipgate.Tests.Linear;

/// <summary>The Linear client's pure rules: batching, retry decisions, reading answers, the documents themselves.</summary>
public sealed class LinearRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ticket_ids_are_batched_per_team_and_hundred_numbers()
    {
        var ids = Enumerable.Range(1, 150).Select(n => $"BOL-{n}").Concat(["ENG-5", "eng-5", "ENG-7", "UTF-8x", "nonsense", "BOL-0"]);

        var batches = TicketBatches.Plan(ids);

        Assert.Equal(["BOL", "BOL", "ENG"], batches.Select(b => b.TeamKey));
        Assert.Equal(Enumerable.Range(1, 100), batches[0].Numbers);
        Assert.Equal(Enumerable.Range(101, 50), batches[1].Numbers);
        Assert.Equal([5, 7], batches[2].Numbers);
    }

    [Fact]
    public void Retries_back_off_exponentially_and_stop_at_the_attempt_limit()
    {
        var policy = new RetryPolicy(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60));

        Assert.Equal(TimeSpan.FromMilliseconds(500), policy.NextDelay(1, TimeSpan.Zero, null));
        Assert.Equal(TimeSpan.FromSeconds(1), policy.NextDelay(2, TimeSpan.FromMilliseconds(500), null));
        Assert.Equal(TimeSpan.FromSeconds(2), policy.NextDelay(3, TimeSpan.FromSeconds(1.5), null));
        Assert.Null(policy.NextDelay(4, TimeSpan.FromSeconds(3.5), null));
    }

    [Fact]
    public void A_rate_limit_waits_until_its_reset_unless_that_exceeds_the_wait_budget()
    {
        var policy = new RetryPolicy(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60));

        Assert.Equal(TimeSpan.FromSeconds(42), policy.NextDelay(1, TimeSpan.Zero, RetryPolicy.Until(Now.AddSeconds(42), Now)));
        Assert.Null(policy.NextDelay(1, TimeSpan.Zero, RetryPolicy.Until(Now.AddMinutes(10), Now)));
        Assert.Null(policy.NextDelay(2, TimeSpan.FromSeconds(30), RetryPolicy.Until(Now.AddSeconds(31), Now)));
        Assert.Equal(TimeSpan.FromMilliseconds(500), policy.NextDelay(1, TimeSpan.Zero, RetryPolicy.Until(Now.AddSeconds(-5), Now)));
    }

    [Fact]
    public void The_reset_comes_from_the_exhausted_limit_in_epoch_milliseconds()
    {
        var requestsReset = Now.AddMilliseconds(1_234);
        var complexityReset = Now.AddSeconds(20);
        var headers = new Dictionary<string, string>
        {
            ["X-RateLimit-Requests-Remaining"] = "0",
            ["X-RateLimit-Requests-Reset"] = requestsReset.ToUnixTimeMilliseconds().ToString(),
            ["X-RateLimit-Complexity-Remaining"] = "90000",
            ["X-RateLimit-Complexity-Reset"] = complexityReset.ToUnixTimeMilliseconds().ToString(),
        };

        Assert.Equal(requestsReset, LinearGraphQL.RateLimitReset(headers.GetValueOrDefault, Now));
        headers["X-RateLimit-Complexity-Remaining"] = "0";
        Assert.Equal(complexityReset, LinearGraphQL.RateLimitReset(headers.GetValueOrDefault, Now));
        Assert.Null(LinearGraphQL.RateLimitReset(new Dictionary<string, string>().GetValueOrDefault, Now));
    }

    [Theory]
    [InlineData(400, """{"errors":[{"message":"Rate limit exceeded","extensions":{"code":"RATELIMITED"}}]}""", "RateLimited")]
    [InlineData(400, """{"errors":[{"message":"Authentication required","extensions":{"code":"AUTHENTICATION_ERROR"}}]}""", "Refused")]
    [InlineData(401, "Unauthorized", "Refused")]
    [InlineData(200, """{"data":null,"errors":[{"message":"Forbidden","extensions":{"code":"FORBIDDEN"}}]}""", "Refused")]
    [InlineData(503, "<html>Service Unavailable</html>", "Transient")]
    [InlineData(500, """{"errors":[{"message":"Internal","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}""", "Transient")]
    [InlineData(200, """{"data":{"commentCreate":null},"errors":[{"message":"Entity not found: Issue","extensions":{"code":"INPUT_ERROR"}}]}""", "Rejected")]
    [InlineData(400, """{"errors":[{"message":"Cannot query field 'titlex' on type 'Issue'."}]}""", "Rejected")]
    [InlineData(200, """{"data":{"issues":{"nod""", "Malformed")]
    [InlineData(200, """{"something":"else"}""", "Malformed")]
    [InlineData(200, "[1,2]", "Malformed")]
    public void Answers_are_classified_as_Linear_writes_them(int status, string body, string kind)
    {
        var answer = LinearGraphQL.Classify(status, _ => null, body, Now);

        Assert.Null(answer.Data);
        Assert.Equal(kind, answer.Failure!.Kind.ToString());
    }

    [Fact]
    public void A_partial_success_keeps_its_data()
    {
        var answer = LinearGraphQL.Classify(200, _ => null,
            """{"data":{"issues":{"nodes":[]}},"errors":[{"message":"one field failed"}]}""", Now);

        Assert.Null(answer.Failure);
        Assert.Equal(JsonValueKind.Object, answer.Data!.Value.GetProperty("issues").ValueKind);
    }

    [Theory]
    [InlineData("lin_api_abc123", "lin_api_abc123")]
    [InlineData("lin_oauth_abc123", "Bearer lin_oauth_abc123")]
    [InlineData("Bearer tok123", "Bearer tok123")]
    [InlineData(" lin_api_abc123\n", "lin_api_abc123")]
    public void Personal_keys_go_bare_and_OAuth_tokens_as_Bearer(string key, string header) =>
        Assert.Equal(header, LinearSettings.AuthorizationValue(key));

    [Theory]
    [InlineData(LinearDocuments.Teams, """{"after":null}""")]
    [InlineData(LinearDocuments.Tickets, """{"team":"BOL","numbers":[1,407],"after":"Y3Vyc29yOnYyOjk5"}""")]
    [InlineData(LinearDocuments.Comment, """{"id":"3f1c2a9e-4b7d-4c1e-9f0a-2b3c4d5e6f70","issueId":"BOL-407","body":"Released"}""")]
    [InlineData(LinearDocuments.CommentExists, """{"id":"3f1c2a9e-4b7d-4c1e-9f0a-2b3c4d5e6f70"}""")]
    public void Every_document_validates_against_the_Linear_schema(string document, string variables)
    {
        Assert.Empty(GraphQLSpec.Linear.Validate(document, JsonDocument.Parse(variables).RootElement));
        var broken = document
            .Replace("title", "titlex")
            .Replace("success", "successx")
            .Replace("nodes { key }", "nodes { keyx }")
            .Replace("{ id }", "{ idx }");
        Assert.NotEmpty(GraphQLSpec.Linear.Validate(broken, JsonDocument.Parse(variables).RootElement));
    }
}
