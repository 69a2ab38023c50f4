using System.Text.RegularExpressions;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.GitHub;

/// <summary>The GitHub Release made after the push, against the emulator (requests and bodies checked against GitHub's description).</summary>
[Trait("Category", "Integration")]
public sealed class GitHubReleasePageTests
{
    private static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");

    [Fact]
    public async Task A_release_gets_a_GitHub_Release_of_its_tag_with_the_record_s_Markdown_and_a_link()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);

        var result = await r.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var releaseId = r.LastRecord().GetProperty("release_id").GetString()!;
        var page = Assert.Single(r.Repo.Releases);
        Assert.Equal(releaseId, page.TagName);
        Assert.Equal(releaseId, page.Name);
        Assert.Contains(releaseId, page.Body);
        Assert.Contains("ENG-5", page.Body);
        Assert.Matches($@"\n---\nFull release record: \S*releases/{releaseId}\.json\n$", page.Body);
        Assert.False(page.Draft);
        Assert.Contains($"GitHub Release: https://github.com/acme/demo/releases/tag/{releaseId}", Flat(result));
        Assert.Single(r.GitHub.Requests, q => q.Method == "POST" && q.Path.EndsWith("/releases"));
        GitHubRelease.AssertWireClean(r.GitHub);
    }

    [Fact]
    public async Task Resume_updates_the_release_of_the_tag_and_never_makes_a_second()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);
        Assert.True((await r.ReleaseAsync()).Code == ExitCode.Success);
        var releaseId = r.LastRecord().GetProperty("release_id").GetString()!;
        r.GitHub.Update(s => s.Repository("acme/demo").Releases[0] = s.Repository("acme/demo").Releases[0] with { Body = "edited by hand" });

        var resumed = await r.Scenario.Runner.RunAsync(["release", "--resume", releaseId]);
        var again = await r.Scenario.Runner.RunAsync(["release", "--resume", releaseId]);

        Assert.True(resumed.Code == ExitCode.Success, resumed.Output);
        Assert.True(again.Code == ExitCode.Success, again.Output);
        var page = Assert.Single(r.Repo.Releases);
        Assert.Matches($@"\n---\nFull release record: \S*releases/{releaseId}\.json\n$", page.Body);
        Assert.Single(r.GitHub.Requests, q => q.Method == "POST" && q.Path.EndsWith("/releases"));
        Assert.Equal(2, r.GitHub.Requests.Count(q => q.Method == "PATCH"));
        GitHubRelease.AssertWireClean(r.GitHub);
    }

    [Fact]
    public async Task Github_release_false_turns_it_off()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config("  release: false\n")), GitHubStory.Seed);

        var result = await r.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Empty(r.Repo.Releases);
        Assert.DoesNotContain(r.GitHub.Requests, q => q.Path.Contains("/releases"));
        Assert.Contains("GitHub Release: off (github.release: false).", Flat(result));
    }

    [Fact]
    public async Task A_refused_GitHub_Release_is_reported_and_the_release_stays_made()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);
        r.GitHub.Faults.Fail(403, count: 10, pathContains: "/releases");

        var result = await r.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Equal(r.StagingHead, r.Scenario.Git.RemoteSha("main"));
        Assert.Empty(r.Repo.Releases);
        Assert.Contains("WARNING: the GitHub Release was not made", Flat(result));
        Assert.Contains("RELEASE COMPLETE", result.Output);
        Assert.DoesNotContain(GitHubRelease.Token, result.Output);
    }
}
