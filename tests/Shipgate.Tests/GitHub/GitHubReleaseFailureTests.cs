using Shipgate.Emulators;
using static Shipgate.Tests.GitHub.GitHubReleaseTests;

namespace Shipgate.Tests.GitHub;

/// <summary>Whole releases when GitHub fails or the person stops one: nothing half-done, and what was done said so.</summary>
[Trait("Category", "Integration")]
public sealed class GitHubReleaseFailureTests
{
    [Theory]
    [InlineData("/check-runs", "no check_runs", "GET /repos/{owner}/{repo}/commits/{ref}/check-runs for acme/demo without check_runs")]
    [InlineData("/check-runs", "null check_runs", "GET /repos/{owner}/{repo}/commits/{ref}/check-runs for acme/demo with check_runs null")]
    [InlineData("/status", "no statuses", "GET /repos/{owner}/{repo}/commits/{ref}/status for acme/demo without statuses")]
    [InlineData("/pulls", "object", "GET /repos/{owner}/{repo}/pulls for acme/demo with an object where a list belongs")]
    public async Task An_answer_of_the_wrong_shape_fails_the_release_and_pushes_nothing(string path, string change, string named)
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config("  required_checks: [build]\n")), GitHubStory.Seed);
        r.GitHub.Faults.Reshape(Malformed.Change(change), path);
        var originBefore = r.Scenario.OriginRefs();
        var localBefore = r.Scenario.ReleaserFingerprint();

        var result = await r.ReleaseAsync();

        Assert.Equal(ExitCode.Error, result.Code);
        Assert.Contains($"GitHub answered {named}.", Flat(result));
        Assert.DoesNotContain("CONFIRM", result.Output);
        Assert.DoesNotContain("RELEASE COMPLETE", result.Output);
        Assert.Equal(originBefore, r.Scenario.OriginRefs());
        Assert.Equal(localBefore, r.Scenario.ReleaserFingerprint());
        Assert.Single(r.GitHub.Requests, q => q.Path.EndsWith(path));
    }

    [Fact]
    public async Task A_retry_shows_on_the_status_line_and_the_release_goes_on()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config("  required_checks: [build]\n")), GitHubStory.Seed);
        r.GitHub.Faults.Fail(502, count: 1, pathContains: "/check-runs");

        var result = await r.ReleaseAsync("--dry-run");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains($"GitHub: GET /repos/acme/demo/commits/{r.StagingHead}/check-runs: GitHub answered 502 Bad Gateway; attempt 2 of 5 in 1 s " +
            "(gives up after 60 s in all).", Flat(result));
    }

    /// <summary>Issue 8: waiting is visible and bounded. A GitHub that never answers fails the release within the README's 60 s, never silently.</summary>

    [Fact]
    public async Task A_hung_GitHub_fails_the_release_within_the_budget_and_says_so_while_waiting()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);
        r.GitHub.Faults.Latency = TimeSpan.FromMinutes(10);
        var originBefore = r.Scenario.OriginRefs();

        var result = await r.ReleaseAsync();

        Assert.Equal(ExitCode.Error, result.Code);
        var status = $"GET /repos/acme/demo/commits/{r.StagingHead}/status";
        Assert.Contains($"GitHub: {status}: no answer yet after 5 s, attempt 1 of 5 (gives up after 60 s in all).", Flat(result));
        Assert.Contains($"GitHub: {status}: no answer within 20 s; attempt 2 of 5 in 1 s", Flat(result));
        Assert.Contains($"{status} failed for acme/demo: no answer within 60 s in all", Flat(result));
        Assert.DoesNotContain("CONFIRM", result.Output);
        Assert.Equal(originBefore, r.Scenario.OriginRefs());
    }

    [Theory]
    [InlineData("GH_TOKEN")]
    [InlineData("GITHUB_TOKEN")]
    public async Task A_rejected_token_names_its_variable_and_never_the_token(string variable)
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);
        const string wrong = "ghp_RevokedToken9876543210zyxwvuSECRET";
        r.Scenario.Runner.Environment["GH_TOKEN"] = null;
        r.Scenario.Runner.Environment[variable] = wrong;
        var originBefore = r.Scenario.OriginRefs();

        var result = await r.ReleaseAsync();

        Assert.Equal(ExitCode.Error, result.Code);
        Assert.Contains($"GitHub rejected the token from {variable} (401", Flat(result));
        Assert.Contains($"Set {variable} to a valid token", Flat(result));
        Assert.DoesNotContain(wrong, result.Output);
        Assert.DoesNotContain(wrong[4..20], result.Output);
        Assert.Equal(originBefore, r.Scenario.OriginRefs());
    }

    [Fact]
    public async Task Ctrl_C_while_waiting_for_the_deployment_reports_the_release_as_made()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), (repo, git) =>
        {
            GitHubStory.Seed(repo, git);
            repo.WorkflowRuns.Clear();
            repo.WorkflowRuns.Add(new WorkflowRunFixture(9003, "Deploy production", git.RemoteSha("staging"), "main", Status: "in_progress", Conclusion: null));
        });
        using var interrupt = new CancellationTokenSource();
        // The run never finishes; the user gives up waiting once Shipgate has polled it.
        var looks = 0;
        r.GitHub.OnRecorded = request =>
        {
            if (request.Path.EndsWith("/actions/runs") && Interlocked.Increment(ref looks) == 2) _ = interrupt.CancelAsync();
        };

        var result = await r.Scenario.Runner.RunAsync(["release", "--wait"], ct: interrupt.Token);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("after the release was made", result.Output);
        Assert.Equal(r.StagingHead, r.Scenario.Git.RemoteSha("main"));
    }

    /// <summary>
    /// The round-trip bound: a small constant (combined status, check runs, open PRs, the
    /// user, the deployment run: one page each here; the GitHub Release: two) plus ceil(N/100) PR queries plus ceil(C/100)
    /// commit queries, where C counts the commits git could not tie to a PR.
    /// </summary>
}
