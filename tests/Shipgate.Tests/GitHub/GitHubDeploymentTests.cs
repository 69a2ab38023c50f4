using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shipgate.Emulators;
using Shipgate.Record;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.GitHub;

/// <summary>The GitHub Deployment made for every release, against the emulator (requests and answers checked against GitHub's description).</summary>
[Trait("Category", "Integration")]
public sealed class GitHubDeploymentTests
{
    private static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");

    private static JsonElement Body(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement;

    private static IReadOnlyList<RecordedRequest> Posts(GitHubRelease r, string pathEnd) =>
        [.. r.GitHub.Requests.Where(q => q.Method == "POST" && q.Path.EndsWith(pathEnd, StringComparison.Ordinal))];

    private static Action<RepositoryFixture, Testing.GitScenario> FailedRun => (repo, git) =>
    {
        GitHubStory.Seed(repo, git);
        repo.WorkflowRuns.Clear();
        repo.WorkflowRuns.Add(new WorkflowRunFixture(9004, "Deploy production", git.RemoteSha("staging"), "main", Conclusion: "failure"));
    };

    [Fact]
    public async Task A_release_makes_a_deployment_of_its_tag_naming_the_release_and_its_record_and_marks_it_in_progress()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);

        var result = await r.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var releaseId = r.LastRecord().GetProperty("release_id").GetString()!;
        var recordSha = Convert.ToHexStringLower(SHA256.HashData(r.Scenario.OriginFile("compliance-archives", RecordFiles.JsonPath(releaseId))));
        var deployment = Assert.Single(r.Repo.Deployments);
        Assert.Equal(releaseId, deployment.Ref);
        Assert.Equal(r.StagingHead, deployment.Sha);
        Assert.Equal("production", deployment.Environment);
        Assert.True(deployment.ProductionEnvironment);
        var payload = JsonDocument.Parse(deployment.Payload).RootElement;
        Assert.Equal(releaseId, payload.GetProperty("release_id").GetString());
        Assert.Equal(recordSha, payload.GetProperty("record_sha256").GetString());
        var sent = Body(Assert.Single(Posts(r, "/deployments")));
        Assert.False(sent.GetProperty("auto_merge").GetBoolean());
        Assert.Equal(0, sent.GetProperty("required_contexts").GetArrayLength());
        Assert.True(sent.GetProperty("production_environment").GetBoolean());
        Assert.Equal("in_progress", Assert.Single(deployment.Statuses).State);
        Assert.Contains($"GitHub Deployment: {deployment.Id} to production (in progress).", Flat(result));
        GitHubRelease.AssertWireClean(r.GitHub);
    }

    [Fact]
    public async Task Under_wait_it_goes_to_the_configured_environment_ends_in_success_with_the_run_as_its_log_and_the_record_names_it()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config("  environment: prod-eu\n")), GitHubStory.Seed);

        var result = await r.ReleaseAsync("--wait");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var deployment = Assert.Single(r.Repo.Deployments);
        Assert.Equal("prod-eu", deployment.Environment);
        Assert.Equal(["in_progress", "success"], deployment.Statuses.Select(s => s.State));
        Assert.Equal("https://github.com/acme/demo/actions/runs/9001", deployment.Statuses[1].LogUrl);
        var path = Assert.Single(r.Scenario.OriginFiles("compliance-archives", "releases"), f => f.Contains("/deployment-", StringComparison.Ordinal));
        var record = JsonDocument.Parse(r.Scenario.OriginFile("compliance-archives", path)).RootElement;
        Assert.Equal(deployment.Id, record.GetProperty("github_deployment_id").GetInt64());
        Assert.Equal(Path.GetFileNameWithoutExtension(path), record.GetProperty("deployment_id").GetString());
        var verify = await r.Scenario.Runner.RunAsync(["audit", "verify"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output);
        GitHubRelease.AssertWireClean(r.GitHub);
    }

    [Fact]
    public async Task A_failed_run_under_wait_marks_the_deployment_failed_and_exits_7()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), FailedRun);

        var result = await r.ReleaseAsync("--wait");

        Assert.Equal(ExitCode.DeploymentFailed, result.Code);
        var deployment = Assert.Single(r.Repo.Deployments);
        Assert.Equal(["in_progress", "failure"], deployment.Statuses.Select(s => s.State));
        Assert.Equal("https://github.com/acme/demo/actions/runs/9004", deployment.Statuses[1].LogUrl);
        Assert.Contains($"GitHub Deployment {deployment.Id}: failure.", Flat(result));
        GitHubRelease.AssertWireClean(r.GitHub);
    }

    [Fact]
    public async Task Resume_finds_the_release_s_deployment_and_never_makes_a_second()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);
        Assert.True((await r.ReleaseAsync()).Code == ExitCode.Success);
        var releaseId = r.LastRecord().GetProperty("release_id").GetString()!;
        var made = Assert.Single(r.Repo.Deployments);

        var resumed = await r.Scenario.Runner.RunAsync(["release", "--resume", releaseId]);
        var waited = await r.Scenario.Runner.RunAsync(["release", "--resume", releaseId, "--wait"]);

        Assert.True(resumed.Code == ExitCode.Success, resumed.Output);
        Assert.True(waited.Code == ExitCode.Success, waited.Output);
        var deployment = Assert.Single(r.Repo.Deployments);
        Assert.Equal(made.Id, deployment.Id);
        Assert.Single(Posts(r, "/deployments"));
        Assert.Equal(["in_progress", "success"], deployment.Statuses.Select(s => s.State));
        Assert.Contains($"GitHub Deployment: {made.Id} to production (made before).", Flat(resumed));
        GitHubRelease.AssertWireClean(r.GitHub);
    }

    [Fact]
    public async Task A_failing_deployments_API_is_a_warning_and_the_release_stays_made()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);
        r.GitHub.Faults.Fail(403, count: 10, pathContains: "/deployments");

        var result = await r.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Equal(r.StagingHead, r.Scenario.Git.RemoteSha("main"));
        Assert.Empty(r.Repo.Deployments);
        Assert.Contains("WARNING: the GitHub Deployment was not made", Flat(result));
        Assert.Contains("RELEASE COMPLETE", result.Output);
        Assert.Single(r.Repo.Releases);
        Assert.DoesNotContain(GitHubRelease.Token, result.Output);
    }
}
