using System.Text;
using System.Text.Json;
using Shipgate.Audit;
using Shipgate.Emulators;
using Shipgate.Tests.GitHub;
using static Shipgate.Tests.Audit.WitnessTests;

namespace Shipgate.Tests.Audit;

/// <summary>
/// A deployment record names the login GitHub proves for the token that recorded it, so the witness can compare its push with
/// it: a trail with deployment records is witnessed when every push is, and a deployment record pushed by another login is named.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WitnessDeploymentTests
{
    /// <summary>A third change on staging, green, with a deployment run for it; the releaser's clone brought up to date.</summary>
    private static void ThirdChange(Witnessed w)
    {
        w.As("dana");
        var head = w.Git.DirectCommit("staging", "BOL-3: change 3", new() { ["web/change3.ts"] = "3\n" });
        w.Release.GitHub.Update(state =>
        {
            var repo = state.Repository("acme/demo");
            repo.CheckRuns.Add(new CheckRunFixture(103, head, "build"));
            repo.WorkflowRuns.Add(new WorkflowRunFixture(9003, "Deploy production", head, "main"));
        });
        w.S.Git.UpdateReleaser();
    }

    private static string DeploymentFile(Witnessed w) =>
        Assert.Single(w.S.OriginFiles("compliance-archives", "releases"), f => f.Contains("/deployment-", StringComparison.Ordinal) && f.EndsWith(".json"));

    [Fact]
    public async Task A_trail_with_a_deployment_record_is_witnessed_when_every_push_is_and_require_witness_passes()
    {
        await using var w = await Witnessed.StartAsync();
        ThirdChange(w);
        w.As(GitHubRelease.Login);
        var release = await w.Release.ReleaseAsync("--wait");
        Assert.True(release.Code == ExitCode.Success, release.Output);
        var path = DeploymentFile(w);
        var bytes = w.S.OriginFile("compliance-archives", path);

        var verify = await w.VerifyAsync("--json", "--require-witness");

        Assert.Empty(RecordSchemas.ValidateLink(Path.GetFileNameWithoutExtension(path), bytes));
        Assert.Equal(GitHubRelease.Login, JsonDocument.Parse(bytes).RootElement.GetProperty("recorded_by_login").GetString());
        Assert.True(verify.Code == ExitCode.Success, verify.Output);
        var witness = WitnessTests.Json(verify).GetProperty("witness");
        Assert.Equal("witnessed", witness.GetProperty("status").GetString());
        var deployment = Assert.Single(witness.GetProperty("records").EnumerateArray(),
            r => r.GetProperty("record").GetString() == Path.GetFileNameWithoutExtension(path));
        Assert.True(deployment.GetProperty("witnessed").GetBoolean());
        GitHubRelease.AssertWireClean(w.Release.GitHub);
    }

    [Fact]
    public async Task A_deployment_record_pushed_by_another_login_than_it_names_breaks_the_witnessed_trail()
    {
        await using var w = await Witnessed.StartAsync();
        ThirdChange(w);
        w.As(GitHubRelease.Login);
        Assert.Equal(ExitCode.Success, (await w.Release.ReleaseAsync()).Code);
        // The deployment recorded later by --resume --wait, with rita's token, but pushed (as the witness logs it) by mallory.
        w.As("mallory");
        var resume = await w.Release.ReleaseAsync("--resume", w.S.ReleaseIds()[^1], "--wait");
        Assert.True(resume.Code == ExitCode.Success, resume.Output);
        var id = Path.GetFileNameWithoutExtension(DeploymentFile(w));

        var verify = await w.VerifyAsync("--json");

        Assert.Equal(ExitCode.TrailBroken, verify.Code);
        Assert.Contains(Problems(WitnessTests.Json(verify)), p => p.StartsWith($"{id} was pushed to compliance-archives by mallory at ", StringComparison.Ordinal)
            && p.EndsWith($", but the record names {GitHubRelease.Login}.", StringComparison.Ordinal));
        Assert.Empty(RecordSchemas.ValidateVerify(Encoding.UTF8.GetBytes(verify.Stdout)));
    }
}
