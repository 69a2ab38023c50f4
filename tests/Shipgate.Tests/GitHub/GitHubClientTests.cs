using System.Text.RegularExpressions;
using Shipgate.Emulators;
using Shipgate.GitHub;
using Shipgate.Integrations;
using Shipgate.Release;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.GitHub;

/// <summary>The GitHub client against the emulator over real HTTP: paging, batching, retries and errors.</summary>
[Trait("Category", "Integration")]
public sealed class GitHubClientTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private const string Repository = "acme/demo";

    private static async Task<GitHubEmulator> StartAsync(Action<RepositoryFixture> seed)
    {
        var repo = new RepositoryFixture { Owner = "acme", Name = "demo" };
        seed(repo);
        return await GitHubEmulator.StartAsync(new GitHubFixture { Tokens = { [GitHubRelease.Token] = GitHubRelease.Login }, Repositories = { repo } });
    }

    /// <summary>
    /// The default policy, except that an attempt may take the whole budget. The tests of timeouts
    /// use the default policy itself.
    /// </summary>
    private static readonly RetryPolicy Patient = GitHubHttp.DefaultRetry with { AttemptTimeout = GitHubHttp.DefaultRetry.Budget };

    /// <summary>A client on fake time (<see cref="SteppingClock"/>), shared with the emulator's faults: waits, resets and latency pass at once.</summary>
    private static GitHubClient Client(
        GitHubEmulator gh, string? apiUrl = null, string token = GitHubRelease.Token, string owner = "acme", string name = "demo",
        IProgress<ApiWait>? waits = null, RetryPolicy? retry = null)
    {
        var clock = new SteppingClock();
        gh.Faults.Clock = clock;
        return Client(GitHubEndpoints.Resolve(apiUrl ?? gh.ApiUrl, _ => null, null), token, owner, name, waits, retry, clock);
    }

    private static GitHubClient Client(GitHubEndpoints endpoints, string token = GitHubRelease.Token, string owner = "acme", string name = "demo",
        IProgress<ApiWait>? waits = null, RetryPolicy? retry = null, TimeProvider? clock = null) =>
        new(
            new GitHubHttp(endpoints, new GitHubToken(token, "GH_TOKEN"), $"{owner}/{name}", new Secrets(), clock ?? new SteppingClock(), retry ?? Patient, waits),
            owner, name, "staging");

    private static PullRequestFixture Merged(int number, string author = "dana", params ReviewFixture[] reviews) =>
        new(number, $"Change {number}", author, $"dev/change-{number}") { MergedAt = DateTimeOffset.UnixEpoch, MergedBy = "sam", Reviews = reviews };

    [Fact]
    public async Task Check_runs_are_read_across_pages_and_a_failure_on_the_last_page_is_named()
    {
        await using var gh = await StartAsync(repo =>
        {
            for (var i = 1; i <= 250; i++) repo.CheckRuns.Add(new CheckRunFixture(i, Sha, $"job-{i:000}"));
            repo.CheckRuns.Add(new CheckRunFixture(251, Sha, "job-000", Conclusion: "timed_out"));
        });

        var verdict = await Client(gh).GetCiVerdictAsync(Sha, ["job-250"], default).Bounded();

        Assert.Equal(251, verdict.Checks.Count);
        Assert.Equal(["job-000: timed_out"], verdict.Problems);
        Assert.Equal(CiState.Failure, verdict.Status);
        var pages = gh.Requests.Where(r => r.Path.EndsWith("/check-runs")).ToList();
        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.Contains("per_page=100", p.Query));
        GitHubRelease.AssertWireClean(gh);
    }

    [Fact]
    public async Task Statuses_are_judged_when_there_are_some()
    {
        await using var gh = await StartAsync(repo =>
        {
            repo.Statuses.Add(new CommitStatusFixture(Sha, "ci/jenkins", "pending"));
            repo.CheckRuns.Add(new CheckRunFixture(1, Sha, "build"));
        });

        var verdict = await Client(gh).GetCiVerdictAsync(Sha, [], default).Bounded();

        Assert.Equal(CiState.Pending, verdict.Status);
        Assert.Equal(["ci/jenkins: pending"], verdict.Problems);
    }

    [Fact]
    public async Task PR_batches_go_out_together_but_never_more_than_four_at_once()
    {
        await using var gh = await StartAsync(repo =>
        {
            for (var n = 1; n <= 1000; n += 111) repo.PullRequests.Add(Merged(n));
        });
        var together = new RequestBarrier(ApiChannel.MaxInFlight);
        gh.Faults.Hold(together, pathContains: "/graphql");

        var lookup = await Client(gh).GetPullRequestsAsync([.. Enumerable.Range(1, 1000)], [], default).Bounded();

        Assert.Equal(Enumerable.Range(0, 10).Select(i => 1 + 111 * i), lookup.ByNumber.Keys.Order());
        Assert.Equal(10, gh.Requests.Count);
        Assert.True(together.Met);
        Assert.Equal(ApiChannel.MaxInFlight, gh.MostInFlight);
        GitHubRelease.AssertWireClean(gh);
    }

    [Fact]
    public async Task A_refused_batch_fails_the_lookup_with_GitHubs_reason()
    {
        await using var gh = await StartAsync(repo => repo.PullRequests.Add(Merged(1)));
        gh.Faults.Fail(401, count: 1, pathContains: "/graphql");

        var error = await Assert.ThrowsAsync<ApiException>(() => Client(gh).GetPullRequestsAsync([.. Enumerable.Range(1, 300)], [], default).Bounded());

        Assert.Equal(401, error.Status);
        Assert.Contains("GitHub rejected the token from GH_TOKEN", error.Message);
    }

    [Fact]
    public async Task More_than_100_PRs_are_fetched_in_batches_of_100_with_missing_numbers_skipped()
    {
        var commits = Enumerable.Range(0, 150).Select(i => i.ToString("x40")).ToList();
        await using var gh = await StartAsync(repo =>
        {
            for (var n = 1; n <= 250; n++) repo.PullRequests.Add(Merged(n, reviews: GitHubStory.Approval("sam")));
            repo.PullRequests.Add(Merged(400) with { Commits = commits.Take(2).ToList() });
        });

        var lookup = await Client(gh).GetPullRequestsAsync([.. Enumerable.Range(1, 260)], commits, default).Bounded();

        Assert.Equal(251, lookup.ByNumber.Count);
        Assert.Equal("Change 250", lookup.ByNumber[250].Title);
        Assert.Equal("dev/change-250", lookup.ByNumber[250].HeadBranch);
        Assert.True(lookup.ByNumber[250].IndependentlyApproved);
        Assert.Equal(400, lookup.MergedPullRequestByCommit[commits[0]]);
        Assert.Equal(2, lookup.MergedPullRequestByCommit.Count);
        Assert.Equal(3 + 2, gh.Requests.Count);
        GitHubRelease.AssertWireClean(gh);
    }

    [Fact]
    public async Task More_than_100_approving_reviews_are_all_read()
    {
        await using var gh = await StartAsync(repo =>
            repo.PullRequests.Add(Merged(7, reviews: [.. Enumerable.Range(0, 230).Select(i => GitHubStory.Approval($"reviewer-{i}"))])));

        var lookup = await Client(gh).GetPullRequestsAsync([7], [], default).Bounded();

        Assert.Equal(230, lookup.ByNumber[7].Reviews.Select(r => r.Author).Distinct().Count());
        Assert.Equal(3, gh.Requests.Count);
        GitHubRelease.AssertWireClean(gh);
    }

    [Fact]
    public async Task A_self_approval_is_not_an_independent_approval()
    {
        await using var gh = await StartAsync(repo =>
        {
            repo.PullRequests.Add(Merged(1, "dana", GitHubStory.Approval("dana")));
            repo.PullRequests.Add(Merged(2, "dana", GitHubStory.Approval("dana"), GitHubStory.Approval("sam")));
        });

        var lookup = await Client(gh).GetPullRequestsAsync([1, 2], [], default).Bounded();

        Assert.False(lookup.ByNumber[1].IndependentlyApproved);
        Assert.True(lookup.ByNumber[2].IndependentlyApproved);
    }

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
    public async Task An_unknown_repository_names_the_repository_over_REST_and_GraphQL()
    {
        await using var gh = await StartAsync(_ => { });
        var client = Client(gh, owner: "acme", name: "missing");

        var rest = await Assert.ThrowsAsync<ApiException>(() => client.GetCiVerdictAsync(Sha, [], default)).Bounded();
        var graph = await Assert.ThrowsAsync<ApiException>(() => client.GetPullRequestsAsync([1], [], default)).Bounded();

        Assert.Contains("acme/missing", rest.Message);
        Assert.Contains("404", rest.Message);
        Assert.Contains("GitHub found no repository acme/missing", graph.Message);
        Assert.Contains("GH_TOKEN", graph.Message);
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
    public async Task GitHub_Enterprise_Server_paths_are_used_for_both_APIs()
    {
        await using var gh = await StartAsync(repo => repo.PullRequests.Add(Merged(1)));
        var client = Client(gh, apiUrl: gh.EnterpriseApiUrl);

        Assert.Equal(GitHubRelease.Login, await client.GetViewerLoginAsync(default).Bounded());
        Assert.Single((await client.GetPullRequestsAsync([1], [], default).Bounded()).ByNumber);

        Assert.Equal(["/api/v3/user", "/api/graphql"], gh.Requests.Select(r => r.Path));
        GitHubRelease.AssertWireClean(gh);
    }

    [Fact]
    public async Task Workflow_runs_are_those_of_the_commit_on_the_branch()
    {
        await using var gh = await StartAsync(repo =>
        {
            repo.WorkflowRuns.Add(new WorkflowRunFixture(1, "Deploy", Sha, "main", Status: "in_progress", Conclusion: null));
            repo.WorkflowRuns.Add(new WorkflowRunFixture(2, "Deploy", Sha, "staging"));
            repo.WorkflowRuns.Add(new WorkflowRunFixture(3, "Deploy", new string('f', 40), "main"));
        });

        var runs = await Client(gh).GetWorkflowRunsAsync(Sha, "main", default).Bounded();

        var run = Assert.Single(runs);
        Assert.Equal((1L, RunStatus.InProgress, (RunConclusion?)null), (run.Id, run.Status, run.Conclusion));
        Assert.Equal("https://github.com/acme/demo/actions/runs/1", run.Url);
        GitHubRelease.AssertWireClean(gh);
    }

    [Fact]
    public async Task A_release_that_appears_between_the_look_and_the_create_is_updated_not_duplicated()
    {
        await using var gh = await StartAsync(repo => repo.Releases.Add(new ReleaseFixture(7001, "release-1", "release-1", "old", DateTimeOffset.UnixEpoch)));
        // The first look finds nothing (the other run had not made it yet); the create is then refused as GitHub does.
        gh.Faults.Fail(404, count: 1, pathContains: "/releases/tags/");

        var page = await Client(gh).PublishReleaseAsync(new ReleaseNotes("release-1", "release-1", "# new"), default).Bounded();

        Assert.False(page.Created);
        Assert.Equal("https://github.com/acme/demo/releases/tag/release-1", page.Url);
        Assert.Equal("# new", Assert.Single(gh.State.Repository("acme/demo").Releases).Body);
        Assert.Equal(["GET", "POST", "GET", "PATCH"], gh.Requests.Select(r => r.Method));
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
