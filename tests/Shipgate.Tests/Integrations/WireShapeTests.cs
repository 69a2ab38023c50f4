using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Shipgate.GitHub;
using Shipgate.Integrations;
using Shipgate.Linear;

namespace Shipgate.Tests.Integrations;

/// <summary>Answers are read strictly: each wrong shape is named, never read as empty or passing.</summary>
public sealed class WireShapeTests
{
    private static string? Problem<T>(string json, JsonTypeInfo<T> type) where T : class
    {
        using var document = JsonDocument.Parse(json);
        var (value, problem) = WireReader.Read(document.RootElement, type);
        Assert.True(value is null != (problem is null), "exactly one of value and problem");
        return problem;
    }

    private const string Run = """{"id":1,"name":"build","status":"completed","conclusion":"success","html_url":null}""";

    [Theory]
    [InlineData("""{"total_count":1}""", "without check_runs")]
    [InlineData("""{"total_count":1,"check_runs":null}""", "with check_runs null")]
    [InlineData("""{"check_runs":{"id":1}}""", "with check_runs as an object where a list belongs")]
    [InlineData("""{"check_runs":[null]}""", "with check_runs[0] null")]
    [InlineData("""{"check_runs":[{"id":1,"name":"build","status":"completed","html_url":null}]}""", "without check_runs[0].conclusion")]
    [InlineData(
        """{"check_runs":[{"id":"1","name":"build","status":"completed","conclusion":null,"html_url":null}]}""",
        "with check_runs[0].id as text where a number belongs")]
    [InlineData(
        """{"check_runs":[{"id":1,"name":"build","status":"completed","conclusion":"green","html_url":null}]}""",
        "with check_runs[0].conclusion \"green\", which is none of success, failure")]
    [InlineData("""[]""", "with a list where an object belongs")]
    public void A_check_runs_answer_of_the_wrong_shape_is_named(string json, string problem) =>
        Assert.StartsWith(problem, Problem(json, GitHubRestJson.Default.CheckRunsWire));

    [Fact]
    public void A_well_formed_answer_is_read_and_unknown_fields_are_ignored()
    {
        using var document = JsonDocument.Parse($$"""{"total_count":1,"extra":{"x":[1]},"check_runs":[{{Run}}]}""");

        var (runs, problem) = WireReader.Read(document.RootElement, GitHubRestJson.Default.CheckRunsWire);

        Assert.Null(problem);
        var run = Assert.Single(runs!.CheckRuns);
        Assert.Equal((1L, "build", RunStatus.Completed, (RunConclusion?)RunConclusion.Success), (run.Id, run.Name, run.Status, run.Conclusion));
    }

    [Theory]
    [InlineData("""{"state":"success","sha":"abc"}""", "without statuses")]
    [InlineData("""{"statuses":[{"context":"ci","target_url":null}]}""", "without statuses[0].state")]
    public void A_status_answer_of_the_wrong_shape_is_named(string json, string problem) =>
        Assert.Equal(problem, Problem(json, GitHubRestJson.Default.CombinedStatusWire));

    [Fact]
    public void Open_PRs_answered_with_an_object_are_not_an_empty_list() =>
        Assert.Equal("with an object where a list belongs", Problem("""{"message":"Moved Permanently"}""", GitHubRestJson.Default.ListPullWire));

    [Fact]
    public void A_GraphQL_alias_may_be_null_but_a_PR_without_its_reviews_may_not()
    {
        Assert.Null(Problem("""{"repository":{"pr7":null}}""", GitHubGraphJson.Default.RepositoryWirePullRequestNode));
        const string pr = """{"number":7,"title":"t","url":"u","body":"","state":"MERGED","mergedAt":null""" +
            ""","headRefName":"h","baseRefName":"b","author":null,"mergedBy":null}""";
        Assert.Equal(
            "without repository.pr7.reviews",
            Problem("""{"repository":{"pr7":""" + pr + "}}", GitHubGraphJson.Default.RepositoryWirePullRequestNode));
        Assert.Equal("with repository null", Problem("""{"repository":null}""", GitHubGraphJson.Default.RepositoryWirePullRequestNode));
    }

    [Fact]
    public void A_Linear_page_without_its_nodes_is_named() =>
        Assert.Equal(
            "with issues.nodes null",
            Problem("""{"issues":{"nodes":null,"pageInfo":{"hasNextPage":false,"endCursor":null}}}""", LinearJson.Default.IssuesData));
}
