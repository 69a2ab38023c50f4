using Shipgate.Emulators;
using Shipgate.Testing;
using Shipgate.Tests.GitHub;
using static Shipgate.Tests.Audit.ClaimsWitnessTests;

namespace Shipgate.Tests.Audit;

/// <summary>
/// Claims a record makes that agree with git and with themselves, and that only GitHub can contradict: a PR number reused on
/// another change ("Title (#N)" where #N is a real, approved PR merged as a different commit), and CI judged by required checks
/// the record chose itself rather than by the policy that governed the release.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClaimsForgeryTests
{
    /// <summary>GitHub's merge commits of the story's PRs, as GitHub names them: 10's merge, 108's squash (seeded already), 20's last rebased commit.</summary>
    private static void SeedMergeCommits(GitHubRelease r)
    {
        var git = r.Scenario.Git;
        var merge10 = GitScenario.Run(git.Root, "--git-dir", git.Origin, "log", "--format=%H", "--grep=^Merge pull request #10 ", "refs/heads/staging").Trim();
        var rebased20 = GitHubRelease.Sha(git, GitHubStory.RebasedSecond);
        Assert.Matches("^[0-9a-f]{40}$", merge10);
        r.GitHub.Update(state =>
        {
            var pulls = state.Repository("acme/demo").PullRequests;
            for (var i = 0; i < pulls.Count; i++)
                pulls[i] = pulls[i].Number switch
                {
                    10 => pulls[i] with { MergeCommitSha = merge10 },
                    20 => pulls[i] with { MergeCommitSha = rebased20 },
                    _ => pulls[i],
                };
        });
    }

    [Fact]
    public async Task A_commit_titled_with_a_real_PR_s_number_is_named_as_a_reused_number_and_breaks_the_trail()
    {
        await using var r = await ReleasedAsync(pushes: false);
        SeedMergeCommits(r);
        var squash108 = r.Repo.PullRequests.Single(p => p.Number == 108).MergeCommitSha!;
        // Pushed straight to staging, dressed as PR 108 (merged and approved, in the release before): the next release takes it for 108.
        var forged = r.Scenario.Git.DirectCommit("staging", "Relax session checks (#108)", new() { ["web/session.ts"] = "open\n" });
        r.GitHub.Update(state => state.Repository("acme/demo").CheckRuns.Add(new CheckRunFixture(50, forged, "build")));
        r.Scenario.Git.UpdateReleaser();
        var second = await r.ReleaseAsync();
        Assert.True(second.Code == ExitCode.Success, second.Output);
        var id = r.Scenario.ReleaseIds()[^1];
        Assert.Equal(forged, r.LastRecord().GetProperty("pull_requests")[0].GetProperty("merge_commit_sha").GetString());

        var witnessed = await VerifyAsync(r, "--json");

        Assert.Equal(ExitCode.TrailBroken, witnessed.Code);
        var claims = Problems(ClaimsWitnessTests.Json(witnessed)).Where(p => p.Check == "claims").ToList();
        Assert.Equal([("claims", id, $"{id} says commit {forged[..7]} merged PR #108, but GitHub merged PR #108 as commit {squash108[..7]}: " +
            $"{forged[..7]} only reuses its number.")], claims);
        GitHubRelease.AssertWireClean(r.GitHub);
    }

    [Fact]
    public async Task A_record_GitHub_merged_each_PR_of_as_it_says_is_borne_out()
    {
        await using var r = await ReleasedAsync(pushes: false);
        SeedMergeCommits(r);

        var witnessed = await VerifyAsync(r, "--json");

        Assert.True(witnessed.Code == ExitCode.Success, witnessed.Output);
        Assert.Empty(Problems(ClaimsWitnessTests.Json(witnessed)));
    }

    [Fact]
    public async Task CI_is_judged_by_the_policy_that_governed_the_release_and_a_record_stating_other_required_checks_is_named()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config("  required_checks: [build]\n")), GitHubStory.Seed);
        r.Scenario.Git.UpdateReleaser();
        var release = await r.ReleaseAsync();
        Assert.True(release.Code == ExitCode.Success, release.Output);
        var from = r.LastRecord().GetProperty("from_sha").GetString()!;
        var staging = r.LastRecord().GetProperty("ci_status").GetProperty("staging_sha").GetString()!;
        var honest = await VerifyAsync(r, "--json");
        Assert.True(honest.Code == ExitCode.Success, honest.Output);

        // The record rewritten to require nothing; GitHub's CI on its staging sha has no "build" at all, only a green "docs".
        var id = Forge(r, record => record with { Policy = record.Policy! with { RequiredChecks = [] } });
        r.GitHub.Update(state =>
        {
            var runs = state.Repository("acme/demo").CheckRuns;
            runs.RemoveAll(c => c.Name == "build");
            runs.Add(new CheckRunFixture(60, staging, "docs"));
        });

        var offline = await OfflineAsync(r);
        var witnessed = await VerifyAsync(r, "--json");

        Assert.True(offline.Code == ExitCode.Success, offline.Output); // the hole: the record agrees with itself
        Assert.Equal(ExitCode.TrailBroken, witnessed.Code);
        var claims = Problems(ClaimsWitnessTests.Json(witnessed)).Where(p => p.Check == "claims").ToList();
        Assert.Equal(2, claims.Count);
        Assert.Equal(("claims", id, $"{id} states its required checks as none, but the policy that governed it (.shipgate.yml at {from[..7]}, " +
            "where the trail stood when it was made) requires \"build\"."), claims[0]);
        Assert.StartsWith($"{id} says CI passed on {staging[..7]}, but GitHub says it did not: ", claims[1].Message);
        Assert.Contains("build", claims[1].Message.Split(": ", 2)[1]);
    }
}
