using System.Text.Json;
using Shipgate.Record;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Git;

/// <summary>Repositories as they really are: CI's shallow clones, and branch names in any script git accepts.</summary>
[Trait("Category", "Integration")]
public sealed class RepositoryStateTests
{
    /// <summary>
    /// The Rich history plus a pull request branched from the very first commit, older than main's
    /// tip, and merged into staging since: a history cut at main's tip would count its base as new.
    /// </summary>
    private static void RichWithAnOldBranch(GitScenario git)
    {
        Scenarios.Rich(git);
        var first = git.Dev("rev-list", "--max-parents=0", "origin/main").Trim();
        git.Dev("checkout", "--quiet", "-b", "dev/bol-3-old-branch", first);
        git.Dev("commit", "--quiet", "--allow-empty", "-m", "BOL-3: work begun long ago");
        git.Dev("checkout", "--quiet", "staging");
        git.Dev("pull", "--quiet", "--ff-only", "origin", "staging");
        git.Dev("merge", "--quiet", "--no-ff", "-m", "Merge pull request #30 from acme/dev/bol-3-old-branch\n\nOld branch", "dev/bol-3-old-branch");
        git.Dev("push", "--quiet", "origin", "staging");
    }

    /// <summary>A <c>git clone --depth 1</c> of origin on <paramref name="branch"/> (file:// so the depth is honoured), with a runner in it.</summary>
    private static ShipgateRunner ShallowClone(ReleaseScenario s, string branch)
    {
        var clone = Path.Combine(s.Folder, "shallow-" + branch);
        GitScenario.Run(s.Folder, "clone", "--quiet", "--depth", "1", "--branch", branch, "file://" + s.Git.Origin, clone);
        Assert.Equal("true", GitScenario.Run(clone, "rev-parse", "--is-shallow-repository").Trim());
        GitScenario.Run(clone, "config", "user.name", "Cia Runner");
        GitScenario.Run(clone, "config", "user.email", "ci@example.com");
        return new ShipgateRunner(clone, Path.Combine(s.Folder, "state-" + branch));
    }

    /// <summary>The commits a release of origin's staging onto main must list: every non-merge commit main lacks.</summary>
    private static IReadOnlyList<string> RangeOnOrigin(ReleaseScenario s, string main = "main", string staging = "staging") =>
        GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "rev-list", "--no-merges", $"refs/heads/{main}..refs/heads/{staging}")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToList();

    private static IReadOnlyList<string> RecordedCommits(ReleaseScenario s, string archive = "compliance-archives")
    {
        var id = RecordFiles.ReleaseIds(s.OriginFiles(archive, "releases"))[^1];
        using var record = JsonDocument.Parse(s.OriginFile(archive, $"releases/{id}.json"));
        return record.RootElement.GetProperty("commits").EnumerateArray().Select(c => c.GetProperty("sha").GetString()!).Order().ToList();
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("main")]
    public async Task A_release_from_a_depth_1_clone_is_not_blocked_and_records_the_full_commit_range(string checkedOut)
    {
        using var s = new ReleaseScenario(RichWithAnOldBranch);
        var runner = ShallowClone(s, checkedOut);
        var range = RangeOnOrigin(s);
        var staging = s.Git.RemoteSha("staging");

        var result = await runner.RunAsync(["release", "--allow-unverified-ci", "tests: no GitHub"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.DoesNotContain("diverged", result.Output);
        Assert.Equal(staging, s.Git.RemoteSha("main"));
        Assert.Equal(range, RecordedCommits(s));
        Assert.Contains(RecordedCommits(s), sha => GitScenario.Run(s.Git.Developer, "log", "-1", "--format=%s", sha).Trim() == "BOL-3: work begun long ago");
        Assert.Equal(range.Count, s.LastRecord().GetProperty("commits_count").GetInt32());
    }

    [Fact]
    public async Task A_depth_1_clone_still_sees_a_real_divergence_and_counts_it_exactly()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        s.Git.DirectCommit("main", "direct push to main", new() { ["oops.txt"] = "oops\n" });
        var runner = ShallowClone(s, "staging");
        var originBefore = s.OriginRefs();

        var result = await runner.RunAsync(["release", "--allow-unverified-ci", "tests: no GitHub", "--dry-run"]);

        Assert.Equal(ExitCode.Blocked, result.Code);
        Assert.Contains("ERROR: main has diverged from staging.", result.Output);
        Assert.Contains("main has 1 commit not in staging.", result.Output);
        Assert.Equal(originBefore, s.OriginRefs());
    }

    [Fact]
    public async Task Branches_named_in_any_script_git_accepts_release_end_to_end()
    {
        const string staging = "release/štaging", production = "発行", archive = "архив/записи";
        using var s = new ReleaseScenario(git =>
        {
            Scenarios.Configure(git, Scenarios.Config + $"\nbranches:\n  staging: {staging}\n  production: {production}\n  archive: {archive}\n");
            git.SquashPullRequest(41, "BOL-41: Grüße für alle", new() { ["web/grüße.ts"] = "hallo\n" });
            git.DirectCommit("staging", "BOL-42 日本語のコミット", new() { ["algo/名前.py"] = "x\n" });
            git.Dev("push", "--quiet", "origin", $"staging:refs/heads/{staging}", $"main:refs/heads/{production}");
        });
        foreach (var name in new[] { staging, production, archive })
            Assert.Equal(0, GitScenario.Exec(s.Folder, ["check-ref-format", "--branch", name]).Code);
        GitScenario.Run(s.Git.Releaser, "fetch", "--quiet", "origin");
        GitScenario.Run(s.Git.Releaser, "checkout", "--quiet", "-b", staging, "origin/" + staging);
        var range = RangeOnOrigin(s, production, staging);
        // The operator points at where the released policy lives (it names these branches itself).
        s.Runner.Environment["SHIPGATE_PRODUCTION_BRANCH"] = production;
        s.Runner.Environment["SHIPGATE_STAGING_BRANCH"] = staging;

        var result = await s.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("RELEASE COMPLETE", result.Output);
        Assert.Equal(s.Git.RemoteSha(staging), s.Git.RemoteSha(production));
        Assert.Equal(range, RecordedCommits(s, archive));
        var id = RecordFiles.ReleaseIds(s.OriginFiles(archive, "releases"))[^1];
        using var record = JsonDocument.Parse(s.OriginFile(archive, $"releases/{id}.json"));
        Assert.Equal(production, record.RootElement.GetProperty("from_ref").GetString());
        Assert.Equal(staging, record.RootElement.GetProperty("to_ref").GetString());
        Assert.Contains(
            record.RootElement.GetProperty("commits").EnumerateArray(), c => c.GetProperty("subject").GetString() == "BOL-42 日本語のコミット");

        // The next release finds the record on the archive branch and chains to it.
        s.Git.SquashPullRequest(43, "BOL-43: Nächster Schritt", new() { ["web/next.ts"] = "next\n" });
        s.Git.Dev("push", "--quiet", "origin", $"staging:refs/heads/{staging}");
        GitScenario.Run(s.Git.Releaser, "pull", "--quiet", "--ff-only", "origin", staging);
        var second = await s.ReleaseAsync();

        Assert.True(second.Code == ExitCode.Success, second.Output);
        var ids = RecordFiles.ReleaseIds(s.OriginFiles(archive, "releases"));
        Assert.Equal(2, ids.Count);
        using var next = JsonDocument.Parse(s.OriginFile(archive, $"releases/{ids[^1]}.json"));
        Assert.Equal(id, next.RootElement.GetProperty("previous_release").GetProperty("id").GetString());
    }
}
