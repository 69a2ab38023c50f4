using Shipgate.Emulators;
using Shipgate.Tests.GitHub;
using static Shipgate.Tests.Audit.WitnessTests;

namespace Shipgate.Tests.PrArchives;

/// <summary>
/// A PR archive names the login GitHub proves for the token that wrote it, so the witness accounts for its push: pushed by that login,
/// the trail stays witnessed; pushed by another, the push is named.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WitnessArchiveTests
{
    /// <summary>PR 30, merged into staging by dana, as GitHub knows it; merged at staging's head.</summary>
    private static void MergedPullRequest(Witnessed w)
    {
        var head = w.Git.RemoteSha("staging");
        w.Release.GitHub.Update(state => state.Repository("acme/demo").PullRequests.Add(
            new PullRequestFixture(30, "BOL-30: Witnessed change", "dana", "dev/bol-30")
            {
                MergedAt = new DateTimeOffset(2026, 11, 2, 11, 0, 0, TimeSpan.Zero),
                MergedBy = "dana",
                MergeCommitSha = head,
            }));
    }

    [Fact]
    public async Task An_archive_pushed_by_the_login_it_names_keeps_the_trail_witnessed()
    {
        await using var w = await Witnessed.StartAsync();
        MergedPullRequest(w);
        w.As(GitHubRelease.Login);
        var archived = await w.S.Runner.RunAsync(["archive", "pr", "30"]);
        Assert.True(archived.Code == ExitCode.Success, archived.Output);

        var verify = await w.VerifyAsync("--json", "--require-witness");

        Assert.True(verify.Code == ExitCode.Success, verify.Output);
        Assert.Equal("witnessed", Audit.WitnessTests.Json(verify).GetProperty("witness").GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_archive_pushed_by_another_login_than_it_names_breaks_the_witnessed_trail()
    {
        await using var w = await Witnessed.StartAsync();
        MergedPullRequest(w);
        w.As("mallory");
        var archived = await w.S.Runner.RunAsync(["archive", "pr", "30"]);
        Assert.True(archived.Code == ExitCode.Success, archived.Output);

        var verify = await w.VerifyAsync("--json");

        Assert.Equal(ExitCode.TrailBroken, verify.Code);
        Assert.Contains(Problems(Audit.WitnessTests.Json(verify)), p => p.StartsWith("compliance-archives was moved from ", StringComparison.Ordinal)
            && p.Contains(" by mallory at ", StringComparison.Ordinal)
            && p.EndsWith($", adding PR compliance archives that name {GitHubRelease.Login} as their writer.", StringComparison.Ordinal));
    }
}
