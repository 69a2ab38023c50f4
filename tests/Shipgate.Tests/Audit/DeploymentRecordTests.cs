using System.Security.Cryptography;
using System.Text.Json;
using Shipgate.Emulators;
using Shipgate.Record;
using Shipgate.Tests.GitHub;

namespace Shipgate.Tests.Audit;

/// <summary>The deployment's outcome as evidence: a chained record on the archive branch, checked by verify and shown by the report.</summary>
[Trait("Category", "Integration")]
public sealed class DeploymentRecordTests
{
    private static string DeploymentFile(GitHubRelease r) =>
        Assert.Single(r.Scenario.OriginFiles("compliance-archives", "releases"), f => f.Contains("/deployment-", StringComparison.Ordinal));

    [Fact]
    public async Task Wait_records_the_deployment_chained_to_its_release_verify_checks_it_and_the_report_shows_it()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);

        var result = await r.ReleaseAsync("--wait");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var releaseId = r.LastRecord().GetProperty("release_id").GetString()!;
        var path = DeploymentFile(r);
        var bytes = r.Scenario.OriginFile("compliance-archives", path);
        var record = JsonDocument.Parse(bytes).RootElement;
        Assert.Equal(releaseId, record.GetProperty("deploys_release").GetString());
        Assert.Equal("succeeded", record.GetProperty("outcome").GetString());
        Assert.Equal(r.StagingHead, record.GetProperty("sha").GetString());
        var run = Assert.Single(record.GetProperty("runs").EnumerateArray().ToList());
        Assert.Equal(9001, run.GetProperty("run_id").GetInt64());
        Assert.Equal("success", run.GetProperty("conclusion").GetString());
        Assert.Equal("https://github.com/acme/demo/actions/runs/9001", run.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.String, run.GetProperty("started_at").ValueKind);
        var releaseBytes = r.Scenario.OriginFile("compliance-archives", RecordFiles.JsonPath(releaseId));
        Assert.Equal(releaseId, record.GetProperty("previous_release").GetProperty("id").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(releaseBytes)), record.GetProperty("previous_release").GetProperty("sha256").GetString());
        Assert.Contains($"Deployment record: {path}", result.Output);

        var verify = await r.Scenario.Runner.RunAsync(["audit", "verify"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output);

        var report = Path.Combine(r.Scenario.Folder, "q.md");
        var today = DateTime.UtcNow;
        var written = await r.Scenario.Runner.RunAsync(["audit", "report", "--since", today.AddDays(-2).ToString("yyyy-MM-dd"),
            "--until", today.AddDays(2).ToString("yyyy-MM-dd"), "--format", "md", "--out", report]);
        Assert.True(written.Code == ExitCode.Success, written.Output);
        var markdown = File.ReadAllText(report);
        Assert.True(markdown.Contains(@"- **Deployment**: succeeded \(Deploy production success https://github.com/acme/demo/actions/runs/9001",
            StringComparison.Ordinal), markdown);
        var json = Path.ChangeExtension(report, ".json");
        var writtenJson = await r.Scenario.Runner.RunAsync(["audit", "report", "--since", today.AddDays(-2).ToString("yyyy-MM-dd"),
            "--until", today.AddDays(2).ToString("yyyy-MM-dd"), "--format", "json", "--out", json]);
        Assert.True(writtenJson.Code == ExitCode.Success, writtenJson.Output);
        var released = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("releases")[0];
        Assert.Equal("succeeded", released.GetProperty("deployment_outcome").GetString());
        Assert.Equal(9001, released.GetProperty("deployment").GetProperty("runs")[0].GetProperty("run_id").GetInt64());

        VerifyTests.Tamper(r.Scenario, "rewrite the outcome", dev =>
        {
            var file = Path.Combine(dev, path);
            File.WriteAllText(file, File.ReadAllText(file).Replace("\"outcome\": \"succeeded\"", "\"outcome\": \"failed\""));
        });
        var broken = await r.Scenario.Runner.RunAsync(["audit", "verify"]);
        Assert.Equal(ExitCode.TrailBroken, broken.Code);
        Assert.Contains(Path.GetFileNameWithoutExtension(path), broken.Output);
    }

    [Fact]
    public async Task A_failed_run_is_recorded_as_failed_exits_7_and_without_wait_nothing_is_recorded()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), (repo, git) =>
        {
            GitHubStory.Seed(repo, git);
            repo.WorkflowRuns.Clear();
            repo.WorkflowRuns.Add(new WorkflowRunFixture(9004, "Deploy production", git.RemoteSha("staging"), "main", Conclusion: "failure"));
        });

        var result = await r.ReleaseAsync("--wait");

        Assert.Equal(ExitCode.DeploymentFailed, result.Code);
        var record = JsonDocument.Parse(r.Scenario.OriginFile("compliance-archives", DeploymentFile(r))).RootElement;
        Assert.Equal("failed", record.GetProperty("outcome").GetString());
        var verify = await r.Scenario.Runner.RunAsync(["audit", "verify"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output);

        var releaseId = r.LastRecord().GetProperty("release_id").GetString()!;
        var resumed = await r.Scenario.Runner.RunAsync(["release", "--resume", releaseId]);
        Assert.True(resumed.Code == ExitCode.Success, resumed.Output);
        Assert.Single(r.Scenario.OriginFiles("compliance-archives", "releases"), f => f.Contains("/deployment-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_next_release_chains_onto_the_deployment_record_and_the_trail_verifies()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);
        var first = await r.ReleaseAsync("--wait");
        Assert.True(first.Code == ExitCode.Success, first.Output);
        var deploymentId = Path.GetFileNameWithoutExtension(DeploymentFile(r));
        r.Scenario.Git.SquashPullRequest(400, "BOL-40: Follow-up", new() { ["web/follow.ts"] = "1\n" });
        var head = r.StagingHead;
        r.GitHub.Update(s =>
        {
            var repo = s.Repository("acme/demo");
            repo.Branches["staging"] = head;
            repo.CheckRuns.Add(new CheckRunFixture(77, head, "build"));
            repo.WorkflowRuns.Add(new WorkflowRunFixture(9010, "Deploy production", head, "main"));
            // GitHub knows the squashed PR: verify asks it what the record claims.
            repo.PullRequests.Add(new PullRequestFixture(400, "BOL-40: Follow-up", "dana", "dev/bol-40-follow-up") { MergedAt = DateTimeOffset.UnixEpoch, MergeCommitSha = head });
        });

        var second = await r.ReleaseAsync("--wait");

        Assert.True(second.Code == ExitCode.Success, second.Output);
        var previous = r.LastRecord().GetProperty("previous_release");
        Assert.Equal(deploymentId, previous.GetProperty("id").GetString());
        Assert.Equal(2, r.Scenario.OriginFiles("compliance-archives", "releases").Count(f => f.Contains("/deployment-", StringComparison.Ordinal)));
        var verify = await r.Scenario.Runner.RunAsync(["audit", "verify"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output);
    }
}
