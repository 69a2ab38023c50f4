using Shipgate.Emulators;
using Shipgate.GitHub;
using Shipgate.Integrations;
using Shipgate.Release;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.GitHub;

/// <summary>The GitHub client against the emulator over real HTTP: what it reads, paged and batched, and where.</summary>
[Trait("Category", "Integration")]
public sealed class GitHubClientTests
{
    internal const string Sha = "0123456789abcdef0123456789abcdef01234567";
    internal const string Repository = "acme/demo";

    internal static async Task<GitHubEmulator> StartAsync(Action<RepositoryFixture> seed)
    {
        var repo = new RepositoryFixture { Owner = "acme", Name = "demo" };
        seed(repo);
        return await GitHubEmulator.StartAsync(new GitHubFixture { Tokens = { [GitHubRelease.Token] = GitHubRelease.Login }, Repositories = { repo } });
    }

    /// <summary>
    /// The default policy, except that an attempt may take the whole budget. The tests of timeouts
    /// use the default policy itself.
    /// </summary>
    internal static readonly RetryPolicy Patient = GitHubHttp.DefaultRetry with { AttemptTimeout = GitHubHttp.DefaultRetry.Budget };

    /// <summary>A client on fake time (<see cref="SteppingClock"/>), shared with the emulator's faults: waits, resets and latency pass at once.</summary>
    internal static GitHubClient Client(
        GitHubEmulator gh, string? apiUrl = null, string token = GitHubRelease.Token, string owner = "acme", string name = "demo",
        IProgress<ApiWait>? waits = null, RetryPolicy? retry = null)
    {
        var clock = new SteppingClock();
        gh.Faults.Clock = clock;
        return Client(GitHubEndpoints.Resolve(apiUrl ?? gh.ApiUrl, _ => null, null), token, owner, name, waits, retry, clock);
    }

    internal static GitHubClient Client(GitHubEndpoints endpoints, string token = GitHubRelease.Token, string owner = "acme", string name = "demo",
        IProgress<ApiWait>? waits = null, RetryPolicy? retry = null, TimeProvider? clock = null) =>
        new(
            new GitHubHttp(endpoints, new GitHubToken(token, "GH_TOKEN"), $"{owner}/{name}", new Secrets(), clock ?? new SteppingClock(), retry ?? Patient, waits),
            owner, name, "staging");

    internal static PullRequestFixture Merged(int number, string author = "dana", params ReviewFixture[] reviews) =>
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
}
