using System.Net;
using Shipgate.Testing;
using Xunit;
using static Shipgate.Emulators.Tests.Support;

namespace Shipgate.Emulators.Tests;

/// <summary>
/// GET /repos/{owner}/{repo}/activity answered from what a real bare origin received: pushes, force pushes, branch
/// creations and deletions as GitHub types them, with the actor and time set for each push, paged by cursor.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GitHubActivityTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "shipgate-activity-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    /// <summary>A push by dana, a force push by mallory that takes it back, a deletion of staging GitHub names no actor for, a new branch.</summary>
    private (GitScenario Git, string Pushed, string Initial) History()
    {
        var git = GitScenario.Create(_root);
        PushWitness.Install(git.Origin);
        var initial = git.RemoteSha("main");
        PushWitness.PushAs(git.Origin, "dana", Start);
        var pushed = git.DirectCommit("main", "Quick fix", new() { ["fix.txt"] = "fix\n" });
        PushWitness.PushAs(git.Origin, "mallory", Start.AddMinutes(5));
        git.Dev("push", "--quiet", "--force", "origin", $"{initial}:refs/heads/main");
        PushWitness.PushAs(git.Origin, null, Start.AddMinutes(10));
        git.Dev("push", "--quiet", "origin", "--delete", "staging");
        PushWitness.PushAs(git.Origin, "dana", Start.AddMinutes(15));
        git.Dev("push", "--quiet", "origin", $"{initial}:refs/heads/feature");
        return (git, pushed, initial);
    }

    private static async Task<GitHubEmulator> StartAsync(string origin) =>
        await GitHubEmulator.StartAsync(GitHubFixture(r => r.WitnessedOrigin = origin));

    [Fact]
    public async Task Every_push_the_origin_received_is_listed_newest_first_typed_as_GitHub_types_it_with_its_actor_and_time()
    {
        var (git, pushed, initial) = History();
        await using var gh = await StartAsync(git.Origin);
        using var client = GitHubClient();

        var all = (await client.GetJsonAsync($"{gh.ApiUrl}/repos/acme/shop/activity")).Body.AsArray();
        var main = (await client.GetJsonAsync($"{gh.ApiUrl}/repos/acme/shop/activity?ref=refs/heads/main")).Body.AsArray();
        var staging = (await client.GetJsonAsync($"{gh.ApiUrl}/repos/acme/shop/activity?ref=staging")).Body.AsArray();
        var forced = (await client.GetJsonAsync($"{gh.ApiUrl}/repos/acme/shop/activity?activity_type=force_push")).Body.AsArray();

        Assert.Equal(["branch_creation", "branch_deletion", "force_push", "push"], all.Select(a => a!["activity_type"]!.GetValue<string>()));
        Assert.Equal(["force_push", "push"], main.Select(a => a!["activity_type"]!.GetValue<string>()));
        Assert.Equal((pushed, initial), (main[0]!["before"]!.GetValue<string>(), main[0]!["after"]!.GetValue<string>()));
        Assert.Equal((initial, pushed), (main[1]!["before"]!.GetValue<string>(), main[1]!["after"]!.GetValue<string>()));
        Assert.Equal(["mallory", "dana"], main.Select(a => a!["actor"]!["login"]!.GetValue<string>()));
        Assert.Equal(["2026-11-02T09:05:00Z", "2026-11-02T09:00:00Z"], main.Select(a => a!["timestamp"]!.GetValue<string>()));
        var deletion = Assert.Single(staging);
        Assert.Equal("branch_deletion", deletion!["activity_type"]!.GetValue<string>());
        Assert.Null(deletion["actor"]);
        Assert.Equal(new string('0', 40), deletion["after"]!.GetValue<string>());
        Assert.Equal("refs/heads/main", Assert.Single(forced)!["ref"]!.GetValue<string>());
        AssertSpecClean(gh.Requests);
    }

    [Fact]
    public async Task Pages_follow_the_link_headers_cursor_both_ways()
    {
        var (git, _, _) = History();
        await using var gh = await StartAsync(git.Origin);
        using var client = GitHubClient();

        var pages = await client.AllPagesAsync($"{gh.ApiUrl}/repos/acme/shop/activity?per_page=1&direction=asc");
        var last = pages[^1];
        var back = await client.GetJsonAsync(Link(last.Response, "prev")!);
        var forged = await client.GetAsync($"{gh.ApiUrl}/repos/acme/shop/activity?after=bm90LWEtY3Vyc29y");

        Assert.Equal(4, pages.Count);
        Assert.Equal(["push", "force_push", "branch_deletion", "branch_creation"],
            pages.Select(p => p.Body.AsArray().Single()!["activity_type"]!.GetValue<string>()));
        Assert.Contains("after=", Link(pages[0].Response, "next"));
        Assert.Null(Link(last.Response, "next"));
        Assert.Equal("branch_deletion", back.Body.AsArray().Single()!["activity_type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        AssertSpecClean(gh.Requests);
    }

    [Fact]
    public async Task A_repository_without_a_witnessed_origin_has_no_activity()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();

        var page = await client.GetJsonAsync($"{gh.ApiUrl}/repos/acme/shop/activity?ref=main");

        Assert.Empty(page.Body.AsArray());
        AssertSpecClean(gh.Requests);
    }
}
