using System.Net;
using Xunit;
using static Shipgate.Emulators.Tests.Support;

namespace Shipgate.Emulators.Tests;

[Trait("Category", "Integration")]
public sealed class GitHubRestTests
{
    [Fact]
    public async Task Check_runs_beyond_100_are_reached_through_the_link_header()
    {
        var fixture = GitHubFixture(r => r.CheckRuns.AddRange(
            Enumerable.Range(1, 250).Select(i => new CheckRunFixture(i, Staging, $"check-{i}"))));
        await using var gh = await GitHubEmulator.StartAsync(fixture);
        using var client = GitHubClient();

        var pages = await client.AllPagesAsync($"{gh.ApiUrl}/repos/acme/shop/commits/{Staging}/check-runs?per_page=100");

        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.Equal(250, p.Body["total_count"]!.GetValue<int>()));
        Assert.EndsWith("page=3", Link(pages[0].Response, "last"));
        Assert.Null(Link(pages[^1].Response, "next"));
        var ids = pages.SelectMany(p => p.Body["check_runs"]!.AsArray().Select(c => c!["id"]!.GetValue<long>())).ToList();
        Assert.Equal(250, ids.Distinct().Count());
        AssertSpecClean(gh.Requests);
    }

    [Fact]
    public async Task Open_pull_requests_beyond_100_page_with_default_and_explicit_sizes()
    {
        var fixture = GitHubFixture(r =>
        {
            r.PullRequests.AddRange(Enumerable.Range(1, 130).Select(i => new PullRequestFixture(i, $"Feature {i}", "dev", $"f-{i}", State: "OPEN")
            {
                CreatedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i),
            }));
            r.PullRequests.Add(new PullRequestFixture(500, "Merged", "dev", "m", State: "MERGED"));
            r.PullRequests.Add(new PullRequestFixture(501, "To main", "dev", "x", BaseRef: "main", State: "OPEN"));
        });
        await using var gh = await GitHubEmulator.StartAsync(fixture);
        using var client = GitHubClient();

        var pages = await client.AllPagesAsync($"{gh.ApiUrl}/repos/acme/shop/pulls?state=open&base=staging&per_page=100");
        var numbers = pages.SelectMany(p => p.Body.AsArray().Select(pr => pr!["number"]!.GetValue<int>())).ToList();
        var defaultPage = await client.GetJsonAsync($"{gh.ApiUrl}/repos/acme/shop/pulls?base=staging");

        Assert.Equal(2, pages.Count);
        Assert.Equal(Enumerable.Range(1, 130).Reverse(), numbers); // newest first by default
        Assert.Equal(30, defaultPage.Body.AsArray().Count);
        Assert.EndsWith("page=5", Link(defaultPage.Response, "last"));
        AssertSpecClean(gh.Requests);
    }

    [Fact]
    public async Task Combined_status_is_pending_without_statuses_and_follows_the_latest_per_context()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();
        var url = $"{gh.ApiUrl}/repos/acme/shop/commits/staging/status";

        var none = (await client.GetJsonAsync(url)).Body;
        gh.Update(s => s.Repository("acme/shop").Statuses.AddRange(
            [new(Staging, "ci/build", "failure"), new(Staging, "ci/build", "success")]));
        var rerun = (await client.GetJsonAsync(url)).Body;
        gh.Update(s => s.Repository("acme/shop").Statuses.Add(new(Staging, "ci/lint", "error")));
        var failed = (await client.GetJsonAsync(url)).Body;

        Assert.Equal("pending", none["state"]!.GetValue<string>());
        Assert.Equal(0, none["total_count"]!.GetValue<int>());
        Assert.Equal(Staging, none["sha"]!.GetValue<string>());
        Assert.Equal("success", rerun["state"]!.GetValue<string>());
        Assert.Equal(1, rerun["total_count"]!.GetValue<int>());
        Assert.Equal("failure", failed["state"]!.GetValue<string>());
        AssertSpecClean(gh.Requests);
    }

    [Fact]
    public async Task A_rerun_check_hides_the_failed_run_unless_all_are_asked_for()
    {
        var fixture = GitHubFixture(r => r.CheckRuns.AddRange(
        [
            new CheckRunFixture(1, Staging, "build", Conclusion: "failure"),
            new CheckRunFixture(2, Staging, "build", Conclusion: "success"),
            new CheckRunFixture(3, Staging, "deploy-preview", Status: "in_progress", Conclusion: null),
        ]));
        await using var gh = await GitHubEmulator.StartAsync(fixture);
        using var client = GitHubClient();
        var url = $"{gh.ApiUrl}/repos/acme/shop/commits/{Staging}/check-runs";

        var latest = (await client.GetJsonAsync(url)).Body["check_runs"]!.AsArray();
        var all = (await client.GetJsonAsync(url + "?filter=all")).Body["check_runs"]!.AsArray();
        var byName = (await client.GetJsonAsync(url + "?check_name=build&filter=latest")).Body["check_runs"]!.AsArray();

        Assert.Equal([3L, 2L], latest.Select(c => c!["id"]!.GetValue<long>()));
        Assert.Null(latest[0]!["conclusion"]);
        Assert.Equal(3, all.Count);
        Assert.Equal("success", Assert.Single(byName)!["conclusion"]!.GetValue<string>());
        AssertSpecClean(gh.Requests);
    }

    [Fact]
    public async Task Workflow_runs_follow_changes_made_mid_run()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();
        var url = $"{gh.ApiUrl}/repos/acme/shop/actions/runs?head_sha={Staging}&event=push";

        var before = (await client.GetJsonAsync(url)).Body;
        gh.Update(s => s.Repository("acme/shop").WorkflowRuns.Add(
            new WorkflowRunFixture(77, "Deploy", Staging, "main", Status: "in_progress", Conclusion: null)));
        var started = (await client.GetJsonAsync(url)).Body;
        gh.Update(s =>
        {
            var runs = s.Repository("acme/shop").WorkflowRuns;
            runs[0] = runs[0] with { Status = "completed", Conclusion = "success" };
        });
        var finished = (await client.GetJsonAsync(url + "&status=success")).Body;

        Assert.Equal(0, before["total_count"]!.GetValue<int>());
        Assert.Equal("in_progress", started["workflow_runs"]![0]!["status"]!.GetValue<string>());
        Assert.Null(started["workflow_runs"]![0]!["conclusion"]);
        var run = Assert.Single(finished["workflow_runs"]!.AsArray())!;
        Assert.Equal("completed", run["status"]!.GetValue<string>());
        Assert.Equal("https://github.com/acme/shop/actions/runs/77", run["html_url"]!.GetValue<string>());
        AssertSpecClean(gh.Requests);
    }

    [Fact]
    public async Task Pull_request_details_reviews_and_the_pull_requests_of_a_commit()
    {
        var merged = new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var fixture = GitHubFixture(r => r.PullRequests.Add(
            new PullRequestFixture(42, "BOL-407: Session auth", "alice", "dev/bol-407-session-auth", Body: "Fixes BOL-407")
            {
                MergedAt = merged,
                MergedBy = "bob",
                MergeCommitSha = Sha(1, 'd'),
                Commits = [Sha(1), Sha(2)],
                Reviews = [new ReviewFixture("alice", "COMMENTED", merged.AddHours(-2)), new ReviewFixture("bob", "APPROVED", merged.AddHours(-1))],
            }));
        await using var gh = await GitHubEmulator.StartAsync(fixture);
        using var client = GitHubClient();

        var pr = (await client.GetJsonAsync($"{gh.ApiUrl}/repos/acme/shop/pulls/42")).Body;
        var reviews = (await client.GetJsonAsync($"{gh.ApiUrl}/repos/acme/shop/pulls/42/reviews")).Body.AsArray();
        var bySquash = (await client.GetJsonAsync($"{gh.ApiUrl}/repos/acme/shop/commits/{Sha(1, 'd')}/pulls")).Body.AsArray();
        var byCommit = (await client.GetJsonAsync($"{gh.ApiUrl}/repos/acme/shop/commits/{Sha(2)}/pulls")).Body.AsArray();
        var unrelated = (await client.GetJsonAsync($"{gh.ApiUrl}/repos/acme/shop/commits/{Sha(3)}/pulls")).Body.AsArray();
        var missingPr = await client.GetAsync($"{gh.ApiUrl}/repos/acme/shop/pulls/43");
        var missingRepo = await client.GetAsync($"{gh.ApiUrl}/repos/acme/other");

        Assert.True(pr["merged"]!.GetValue<bool>());
        Assert.Equal("closed", pr["state"]!.GetValue<string>());
        Assert.Equal("bob", pr["merged_by"]!["login"]!.GetValue<string>());
        Assert.Equal("alice", pr["user"]!["login"]!.GetValue<string>());
        Assert.Equal("dev/bol-407-session-auth", pr["head"]!["ref"]!.GetValue<string>());
        Assert.Equal("2024-03-01T12:00:00Z", pr["merged_at"]!.GetValue<string>());
        Assert.Equal(["COMMENTED", "APPROVED"], reviews.Select(x => x!["state"]!.GetValue<string>()));
        Assert.Equal(42, Assert.Single(bySquash)!["number"]!.GetValue<int>());
        Assert.Equal(42, Assert.Single(byCommit)!["number"]!.GetValue<int>());
        Assert.Empty(unrelated);
        Assert.Equal(HttpStatusCode.NotFound, missingPr.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingRepo.StatusCode);
        AssertSpecClean(gh.Requests);
    }

    [Fact]
    public async Task Identity_repository_and_rate_limit_answer_with_rate_headers()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();

        var (userResponse, user) = await client.GetJsonAsync($"{gh.ApiUrl}/user");
        var repo = (await client.GetJsonAsync($"{gh.ApiUrl}/repos/ACME/Shop")).Body;
        var rate = (await client.GetJsonAsync($"{gh.ApiUrl}/rate_limit")).Body;

        Assert.Equal("release-bot", user["login"]!.GetValue<string>());
        Assert.Equal("5000", Header(userResponse, "x-ratelimit-limit"));
        Assert.Equal("4999", Header(userResponse, "x-ratelimit-remaining"));
        Assert.Equal("1", Header(userResponse, "x-ratelimit-used"));
        Assert.True(long.Parse(Header(userResponse, "x-ratelimit-reset")) > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal("acme/shop", repo["full_name"]!.GetValue<string>());
        Assert.Equal("main", repo["default_branch"]!.GetValue<string>());
        Assert.Equal(2, rate["rate"]!["used"]!.GetValue<int>());
        AssertSpecClean(gh.Requests);
    }

    [Fact]
    public async Task Missing_or_unknown_tokens_get_401_and_the_token_is_never_recorded()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var anonymous = GitHubClient(token: null);
        using var wrong = GitHubClient(token: "ghp_secret_value");

        var (noToken, noTokenBody) = await anonymous.GetJsonAsync($"{gh.ApiUrl}/repos/acme/shop");
        var (badToken, badTokenBody) = await wrong.GetJsonAsync($"{gh.ApiUrl}/user");

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal("Requires authentication", noTokenBody["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.StatusCode);
        Assert.Equal("Bad credentials", badTokenBody["message"]!.GetValue<string>());
        Assert.Equal("Bearer [REDACTED]", gh.Requests[1].Header("Authorization"));
        Assert.DoesNotContain(gh.Requests, r => r.Headers.Values.Any(v => v.Contains("ghp_secret_value")));
        AssertSpecClean(gh.Requests);
    }

    [Fact]
    public async Task Requests_outside_the_description_are_refused_and_recorded_as_violations()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();
        using var noAgent = GitHubClient(userAgent: false);

        var forbidden = await noAgent.GetAsync($"{gh.ApiUrl}/repos/acme/shop");
        var unknownPath = await client.GetAsync($"{gh.ApiUrl}/repos/acme/shop/actions/artifacts/9");
        var undeclared = await client.GetAsync($"{gh.ApiUrl}/repos/acme/shop/pulls?state=merged&limit=5");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("User-Agent", await forbidden.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknownPath.StatusCode);
        Assert.Equal(HttpStatusCode.OK, undeclared.StatusCode);
        Assert.Equal(["missing required header User-Agent"], gh.Requests[0].SpecViolations);
        Assert.Contains("no operation", Assert.Single(gh.Requests[1].SpecViolations));
        Assert.Equal(2, gh.Requests[2].SpecViolations.Count);
        Assert.Contains(gh.Requests[2].SpecViolations, v => v.Contains("state=merged"));
        Assert.Contains(gh.Requests[2].SpecViolations, v => v.Contains("'limit' is not declared"));
    }

    [Fact]
    public async Task Enterprise_server_paths_serve_rest_and_keep_their_prefix_in_links()
    {
        var fixture = GitHubFixture(r => r.CheckRuns.AddRange(
            Enumerable.Range(1, 3).Select(i => new CheckRunFixture(i, Staging, $"c{i}"))));
        await using var gh = await GitHubEmulator.StartAsync(fixture);
        using var client = GitHubClient();

        var pages = await client.AllPagesAsync($"{gh.EnterpriseApiUrl}/repos/acme/shop/commits/staging/check-runs?per_page=2");

        Assert.Equal(2, pages.Count);
        Assert.StartsWith($"{gh.EnterpriseApiUrl}/repos/", Link(pages[0].Response, "next"));
        Assert.StartsWith($"{gh.EnterpriseApiUrl}/", pages[0].Body["check_runs"]![0]!["url"]!.GetValue<string>());
        AssertSpecClean(gh.Requests);
    }
}
