using System.Text.Json.Nodes;
using Xunit;

namespace Shipgate.Emulators.Tests;

public sealed class SpecTests
{
    private static RestOperation Operation(string method, string template) =>
        RestSpec.GitHub.Operations.Single(o => o.Method == method && o.PathTemplate == template);

    [Fact]
    public void A_request_is_matched_to_its_operation_with_multi_segment_refs()
    {
        var match = RestSpec.GitHub.Check("GET", "/repos/acme/shop/commits/feature/login/check-runs",
            [new("per_page", "100"), new("filter", "latest")], ["User-Agent", "Authorization"]);

        Assert.Equal("/repos/{owner}/{repo}/commits/{ref}/check-runs", match.Operation?.PathTemplate);
        Assert.Equal("feature/login", match.PathParameters["ref"]);
        Assert.Empty(match.Violations);
    }

    [Fact]
    public void Request_violations_are_named()
    {
        var badQuery = RestSpec.GitHub.Check("GET", "/repos/acme/shop/pulls",
            [new("per_page", "many"), new("state", "merged"), new("labels", "x")], ["Accept"]);
        var badMethod = RestSpec.GitHub.Check("POST", "/repos/acme/shop/commits/abc/status", [], ["User-Agent"]);
        var unknown = RestSpec.GitHub.Check("GET", "/repos/acme/shop/actions/artifacts/5", [], ["User-Agent"]);

        Assert.Equal(
            [
                "missing required header User-Agent",
                "query parameter per_page=many: not an integer",
                "query parameter state=merged: not one of open, closed, all",
                "query parameter 'labels' is not declared for GET /repos/{owner}/{repo}/pulls",
            ],
            badQuery.Violations);
        Assert.Equal(["POST is not an operation of /repos/{owner}/{repo}/commits/{ref}/status"], badMethod.Violations);
        Assert.Null(unknown.Operation);
        Assert.Equal(["no operation in the description matches GET /repos/acme/shop/actions/artifacts/5"], unknown.Violations);
    }

    [Fact]
    public void Responses_are_validated_with_openapi_nullable_honoured()
    {
        var checkRuns = Operation("GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs");
        var valid = RestSpec.GitHub.Complete(checkRuns, 200, JsonNode.Parse("""
            {"total_count":1,"check_runs":[{"id":1,"name":"build","head_sha":"abc","status":"queued","conclusion":null,"started_at":null}]}
            """))!.ToJsonString();
        var wrongEnum = valid.Replace("\"queued\"", "\"finished\"");
        var nullName = valid.Replace("\"build\"", "null");

        Assert.Empty(RestSpec.GitHub.ValidateResponse(checkRuns, 200, valid));
        Assert.Contains(RestSpec.GitHub.ValidateResponse(checkRuns, 200, wrongEnum), v => v.Contains("/check_runs/0/status"));
        Assert.Contains(RestSpec.GitHub.ValidateResponse(checkRuns, 200, nullName), v => v.Contains("/check_runs/0/name"));
        Assert.Contains(RestSpec.GitHub.ValidateResponse(checkRuns, 200, """{"total_count":1}"""), v => v.Contains("check_runs"));
        Assert.Contains(RestSpec.GitHub.ValidateResponse(checkRuns, 200, """{"total_count":"""), v => v.Contains("not JSON"));
    }

    [Fact]
    public void Graphql_documents_are_validated_against_each_schema()
    {
        Assert.Empty(GraphQLSpec.GitHub.Validate("query($n: Int!) { repository(owner: \"a\", name: \"b\") { pullRequest(number: $n) { title } } }"));
        Assert.NotEmpty(GraphQLSpec.GitHub.Validate("{ repository(owner: \"a\") { name } }"));
        Assert.Empty(GraphQLSpec.Linear.Validate("mutation { commentCreate(input: { issueId: \"BOL-1\", body: \"x\" }) { success } }"));
        Assert.Contains(GraphQLSpec.Linear.Validate("subscription { issueCreated { id } }"), m => m.Contains("ubscription"));
    }
}
