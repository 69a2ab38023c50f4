using Shipgate.Emulators;
using Shipgate.GitHub;
using Shipgate.Integrations;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.GitHub;

/// <summary>The client's read of a branch's activity, from a real bare origin's pushes through the emulator: every page, oldest first.</summary>
[Trait("Category", "Integration")]
public sealed class ActivityClientTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static GitHubClient Client(GitHubEmulator gh, TimeProvider clock) => new(
        new GitHubHttp(GitHubEndpoints.Resolve(gh.ApiUrl, _ => null, null), new GitHubToken(GitHubRelease.Token, "GH_TOKEN"), "acme/demo",
            new Secrets(), clock, GitHubHttp.DefaultRetry with { AttemptTimeout = GitHubHttp.DefaultRetry.Budget }),
        "acme", "demo", "staging");

    [Fact]
    public async Task Every_update_of_a_branch_is_read_across_cursor_pages_oldest_first_with_its_actor()
    {
        using var folder = new TempFolder();
        var git = GitScenario.Create(Path.Combine(folder.Path, "repo"));
        var initial = git.RemoteSha("main");
        var fix = git.DirectCommit("main", "Quick fix", new() { ["fix.txt"] = "fix\n" });
        PushWitness.Install(git.Origin);
        // 102 updates of main (fast-forward, then back by force), 3 of staging: more than one page of 100.
        for (var i = 0; i < 51; i++)
        {
            PushWitness.PushAs(git.Origin, i == 50 ? null : "dana", Start.AddMinutes(2 * i));
            git.Dev("push", "--quiet", "--force", "origin", $"{initial}:refs/heads/main");
            PushWitness.PushAs(git.Origin, "mallory", Start.AddMinutes(2 * i + 1));
            git.Dev("push", "--quiet", "origin", $"{fix}:refs/heads/main");
        }
        PushWitness.PushAs(git.Origin, "sam", Start.AddHours(5));
        git.Dev("push", "--quiet", "origin", "--delete", "staging");
        var repo = new RepositoryFixture { Owner = "acme", Name = "demo", WitnessedOrigin = git.Origin };
        await using var gh = await GitHubEmulator.StartAsync(new GitHubFixture { Tokens = { [GitHubRelease.Token] = GitHubRelease.Login }, Repositories = { repo } });

        using var clock = new SteppingClock();
        var main = await Client(gh, clock).GetBranchActivityAsync("main", default).Bounded();
        var staging = await Client(gh, clock).GetBranchActivityAsync("staging", default).Bounded();

        Assert.Equal(102, main.Count);
        Assert.All(main, a => Assert.Equal("refs/heads/main", a.Ref));
        Assert.Equal((RefActivityType.ForcePush, fix, initial, "dana", Start), (main[0].Type, main[0].Before, main[0].After, main[0].Actor, main[0].Timestamp));
        Assert.Equal((RefActivityType.Push, initial, fix, "mallory"), (main[1].Type, main[1].Before, main[1].After, main[1].Actor));
        Assert.Null(main[100].Actor);
        var deletion = Assert.Single(staging);
        Assert.Equal((RefActivityType.BranchDeletion, "sam"), (deletion.Type, deletion.Actor));
        var pages = gh.Requests.Where(r => r.Path.EndsWith("/activity", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, pages.Count);
        Assert.Contains(pages, p => p.Query.Contains("after=", StringComparison.Ordinal));
        GitHubRelease.AssertWireClean(gh);
    }
}
