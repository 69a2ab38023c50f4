using System.Text.RegularExpressions;
using Shipgate.Emulators;
using Shipgate.GitHub;
using Shipgate.Integrations;
using Shipgate.Tests.Support;
using static Shipgate.Tests.GitHub.GitHubClientTests;

namespace Shipgate.Tests.GitHub;

/// <summary>The GitHub client when GitHub fails: retries, rate limits, slow or hung answers, malformed or refused ones.</summary>
[Trait("Category", "Integration")]
public sealed class GitHubClientFailureTests
{
    [Fact]
    public async Task A_500_then_200_is_retried()
    {
        await using var gh = await StartAsync(_ => { });
        gh.Faults.Fail(500, count: 1, pathContains: "/user");

        var login = await Client(gh).GetViewerLoginAsync(default).Bounded();

        Assert.Equal(GitHubRelease.Login, login);
        Assert.Equal([500, 200], gh.Requests.Select(r => r.StatusCode));
    }

    [Theory]
    [InlineData(RateLimitKind.SecondaryTooManyRequests)]
    [InlineData(RateLimitKind.SecondaryForbidden)]
    [InlineData(RateLimitKind.Primary)]
    public async Task Rate_limits_are_waited_out(RateLimitKind kind)
    {
        await using var gh = await StartAsync(repo => repo.CheckRuns.Add(new CheckRunFixture(1, Sha, "build")));
        gh.Faults.RateLimit(count: 2, kind: kind);

        var verdict = await Client(gh).GetCiVerdictAsync(Sha, [], default).Bounded();

        Assert.True(verdict.Passed);
        Assert.Equal(4, gh.Requests.Count);
    }

    [Fact]
    public async Task A_GraphQL_rate_limit_is_waited_out()
    {
        await using var gh = await StartAsync(repo => repo.PullRequests.Add(Merged(1)));
        gh.Faults.RateLimit(count: 1, kind: RateLimitKind.Primary, pathContains: "/graphql");

        var lookup = await Client(gh).GetPullRequestsAsync([1], [], default).Bounded();

        Assert.Single(lookup.ByNumber);
        Assert.Equal(2, gh.Requests.Count);
    }

    [Fact]
    public async Task Retries_stop_after_a_bounded_number_of_attempts_with_a_clear_error()
    {
        await using var gh = await StartAsync(_ => { });
        gh.Faults.Fail(502, count: 50);

        var error = await Assert.ThrowsAsync<ApiException>(() => Client(gh).GetViewerLoginAsync(default).Bounded());

        Assert.Equal(GitHubHttp.DefaultRetry.MaxAttempts, gh.Requests.Count);
        Assert.Contains("GET /user failed for acme/demo: GitHub answered 502 Bad Gateway", error.Message);
        Assert.Contains($"gave up after {GitHubHttp.DefaultRetry.MaxAttempts} attempts", error.Message);
        Assert.Equal(("GitHub", 502), (error.Service, error.Status));
    }

    [Fact]
    public async Task Each_retry_is_told_with_its_attempt_its_reason_and_its_wait()
    {
        await using var gh = await StartAsync(_ => { });
        gh.Faults.Fail(502, count: 2, pathContains: "/user");
        var waits = new WaitRecorder();

        Assert.Equal(GitHubRelease.Login, await Client(gh, waits: waits).GetViewerLoginAsync(default).Bounded());

        Assert.Equal(
        [
            "GitHub: GET /user: GitHub answered 502 Bad Gateway; attempt 2 of 5 in 1 s (gives up after 60 s in all).",
            "GitHub: GET /user: GitHub answered 502 Bad Gateway; attempt 3 of 5 in 2 s (gives up after 60 s in all).",
        ], waits.All.Select(w => w.Line));
    }

    [Fact]
    public async Task A_secondary_rate_limit_is_waited_out_as_long_as_retry_after_says()
    {
        await using var gh = await StartAsync(_ => { });
        gh.Faults.RateLimit(count: 1, kind: RateLimitKind.SecondaryTooManyRequests, retryAfter: TimeSpan.FromSeconds(7), pathContains: "/user");
        var waits = new WaitRecorder();

        Assert.Equal(GitHubRelease.Login, await Client(gh, waits: waits).GetViewerLoginAsync(default).Bounded());

        var wait = Assert.Single(waits.Retries);
        Assert.Equal(("GitHub's secondary rate limit was hit", TimeSpan.FromSeconds(7), 2), (wait.Why, wait.Wait, wait.Attempt));
    }

    [Fact]
    public async Task A_rate_limit_that_resets_after_the_budget_fails_at_once_and_says_how_long_GitHub_asks()
    {
        await using var gh = await StartAsync(_ => { });
        gh.Faults.RateLimit(count: 1, kind: RateLimitKind.Primary, retryAfter: TimeSpan.FromMinutes(30));
        var waits = new WaitRecorder();

        var error = await Assert.ThrowsAsync<ApiException>(() => Client(gh, waits: waits).GetViewerLoginAsync(default).Bounded());

        Assert.Contains("GET /user failed for acme/demo: GitHub's API rate limit for the token from GH_TOKEN is exhausted; GitHub asks to wait", error.Message);
        Assert.Contains("longer than Shipgate waits (60 s)", error.Message);
        Assert.Equal(403, error.Status);
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));
        Assert.Empty(waits.All);
        Assert.Single(gh.Requests);
    }

    [Fact]
    public async Task A_slow_answer_is_told_while_it_is_awaited()
    {
        await using var gh = await StartAsync(_ => { });
        // 7 s of latency on the client's clock: past the 5 s mark, well within the 20 s an attempt may take.
        gh.Faults.Latency = TimeSpan.FromSeconds(7);
        var waits = new WaitRecorder();

        Assert.Equal(GitHubRelease.Login, await Client(gh, waits: waits, retry: GitHubHttp.DefaultRetry).GetViewerLoginAsync(default).Bounded());

        Assert.Equal("GitHub: GET /user: no answer yet after 5 s, attempt 1 of 5 (gives up after 60 s in all).", waits.All[0].Line);
        Assert.Equal(ApiWaitKind.SlowAnswer, waits.All[0].Kind);
    }

    [Fact]
    public async Task A_hung_GitHub_fails_within_the_budget_and_is_told_all_along()
    {
        await using var gh = await StartAsync(_ => { });
        gh.Faults.Latency = TimeSpan.FromMinutes(10);
        var waits = new WaitRecorder();

        var error = await Assert.ThrowsAsync<ApiException>(() => Client(gh, waits: waits, retry: GitHubHttp.DefaultRetry).GetViewerLoginAsync(default).Bounded());


        // Which bound ends it, the request's 60 s or the last attempt's 20 s, depends on how the machine schedules the fast clock;
        // that it ends, unanswered, naming GitHub's address, does not.
        Assert.Matches($@"^GET /user failed for acme/demo: no answer within (60 s in all|20 s) \(GitHub at {Regex.Escape(new Uri(gh.ApiUrl).Authority)}\)",
            error.Message);
        Assert.Null(error.Status);
        Assert.Equal("GitHub: GET /user: no answer within 20 s; attempt 2 of 5 in 1 s (gives up after 60 s in all).", waits.Retries[0].Line);
        Assert.Contains(waits.All, w => w is { Kind: ApiWaitKind.SlowAnswer, Attempt: 2 });
    }

    [Fact]
    public async Task A_malformed_answer_is_a_clear_error()
    {
        await using var gh = await StartAsync(_ => { });
        gh.Faults.Malformed(count: 1, pathContains: "/pulls");

        var error = await Assert.ThrowsAsync<ApiException>(() => Client(gh).GetOpenPullRequestsAsync("staging", default).Bounded());

        Assert.Contains("malformed JSON", error.Message);
        Assert.Contains(Repository, error.Message);
    }

    /// <summary>GitHub answering 200 in a shape its description does not allow: an error naming the endpoint, never a pass or an empty list.</summary>

    [Theory]
    [InlineData("/check-runs", "no check_runs", "GitHub answered GET /repos/{owner}/{repo}/commits/{ref}/check-runs for acme/demo without check_runs.")]
    [InlineData("/check-runs", "null check_runs", "GitHub answered GET /repos/{owner}/{repo}/commits/{ref}/check-runs for acme/demo with check_runs null.")]
    [InlineData("/status", "no statuses", "GitHub answered GET /repos/{owner}/{repo}/commits/{ref}/status for acme/demo without statuses.")]
    [InlineData("/pulls", "object", "GitHub answered GET /repos/{owner}/{repo}/pulls for acme/demo with an object where a list belongs.")]
    [InlineData("/actions/runs", "no run status", "GitHub answered GET /repos/{owner}/{repo}/actions/runs for acme/demo without workflow_runs[0].status.")]
    [InlineData("/graphql", "no reviews", "GitHub answered POST /graphql for acme/demo without repository.pr1.reviews.")]
    public async Task An_answer_of_the_wrong_shape_is_an_error_naming_the_endpoint(string path, string change, string message)
    {
        await using var gh = await StartAsync(repo =>
        {
            repo.CheckRuns.Add(new CheckRunFixture(1, Sha, "build"));
            repo.Statuses.Add(new CommitStatusFixture(Sha, "ci/legacy", "success"));
            repo.PullRequests.Add(Merged(1));
            repo.WorkflowRuns.Add(new WorkflowRunFixture(1, "Deploy", Sha, "main"));
        });
        gh.Faults.Reshape(Malformed.Change(change), path);
        var client = Client(gh);

        var error = await Assert.ThrowsAsync<ApiException>(() => path switch
        {
            "/pulls" => client.GetOpenPullRequestsAsync("staging", default),
            "/actions/runs" => client.GetWorkflowRunsAsync(Sha, "main", default),
            "/graphql" => client.GetPullRequestsAsync([1], [], default),
            _ => client.GetCiVerdictAsync(Sha, [], default),
        }).Bounded();

        Assert.StartsWith(message, error.Message);
        Assert.Equal(("GitHub", 200), (error.Service, error.Status));
        Assert.DoesNotContain(GitHubRelease.Token, error.Message);
    }

    [Fact]
    public async Task A_401_names_the_variable_and_not_the_token()
    {
        await using var gh = await StartAsync(_ => { });
        const string wrong = "ghp_NotAcceptedByGitHub0123456789SECRET";

        var error = await Assert.ThrowsAsync<ApiException>(() => Client(gh, token: wrong).GetViewerLoginAsync(default).Bounded());

        Assert.Contains("GitHub rejected the token from GH_TOKEN (401", error.Message);
        Assert.Equal(401, error.Status);
        Assert.DoesNotContain(wrong, error.Message);
        Assert.Single(gh.Requests);
    }

    [Fact]
    public async Task A_502_from_the_releases_endpoints_is_retried_and_one_release_is_made()
    {
        await using var gh = await StartAsync(_ => { });
        gh.Faults.Fail(502, count: 1, pathContains: "/repos/acme/demo/releases");

        var page = await Client(gh).PublishReleaseAsync(new ReleaseNotes("release-2", "release-2", "# notes"), default).Bounded();

        Assert.True(page.Created);
        Assert.Equal("# notes", Assert.Single(gh.State.Repository("acme/demo").Releases).Body);
        Assert.Equal([502, 404, 201], gh.Requests.Select(r => r.StatusCode));
    }
}
