using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shipgate.Emulators;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.GitHub;

/// <summary>Whole releases over real git with GitHub played by the emulator, over real HTTP.</summary>
[Trait("Category", "Integration")]
public sealed class GitHubReleaseTests
{
    internal static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>The output with the console's line wrapping undone, for whole-sentence assertions.</summary>
    internal static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");

    [Fact]
    public async Task Check_runs_alone_pass_and_the_record_holds_what_GitHub_says()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config("  required_checks: [build]\n")), GitHubStory.Seed);
        Assert.Empty(r.Repo.Statuses);

        var result = await r.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Equal(r.StagingHead, r.Scenario.Git.RemoteSha("main"));
        var record = r.LastRecord();
        var ci = record.GetProperty("ci_status");
        Assert.Equal("success", ci.GetProperty("status").GetString());
        Assert.Equal(["build", "lint"], Strings(ci.GetProperty("checks_passed")));
        Assert.Contains(
            ci.GetProperty("checks").EnumerateArray(),
            c => c.GetProperty("name").GetString() == "lint" && c.GetProperty("conclusion").GetString() == "skipped");
        Assert.Equal(GitHubRelease.Login, record.GetProperty("released_by_login").GetString());

        var prs = record.GetProperty("pull_requests").EnumerateArray().ToDictionary(p => p.GetProperty("number").GetInt32());
        Assert.Equal([10, 20, 108], prs.Keys.Order());
        Assert.Equal("merge_commit", prs[10].GetProperty("merged_as").GetString());
        Assert.Equal("squash", prs[108].GetProperty("merged_as").GetString());
        Assert.Equal(GitHubStory.SquashTitleOnGitHub, prs[108].GetProperty("title").GetString());
        Assert.Equal("rebase", prs[20].GetProperty("merged_as").GetString());
        Assert.Equal("ENG-5: Rate limiter", prs[20].GetProperty("title").GetString());
        Assert.Equal("lee", prs[20].GetProperty("author").GetString());
        Assert.Equal(2, record.GetProperty("commits").EnumerateArray()
            .Count(c => c.GetProperty("pull_request").ValueKind == JsonValueKind.Number && c.GetProperty("pull_request").GetInt32() == 20));
        Assert.Equal(["sam"], Strings(prs[20].GetProperty("approvers")));

        var unspecced = record.GetProperty("unspecced_changes").EnumerateArray().Select(u => u.GetProperty("description").GetString()).ToList();
        Assert.Single(unspecced, u => u!.Contains(GitHubStory.HotFix));
        Assert.DoesNotContain(unspecced, u => u!.Contains(GitHubStory.RebasedFirst) || u.Contains(GitHubStory.RebasedSecond));

        Assert.Contains("Deployment triggered.", result.Output);
        Assert.Contains("https://github.com/acme/demo/actions/runs/9001", result.Output);
        GitHubRelease.AssertWireClean(r.GitHub);
    }

    [Fact]
    public async Task A_self_approved_PR_is_flagged_in_the_summary_checklist_and_record()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);

        var result = await r.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("No independent approval", result.Output);
        Assert.Contains("not independently approved: #108", Flat(result));
        var record = r.LastRecord();
        var prs = record.GetProperty("pull_requests").EnumerateArray().ToDictionary(p => p.GetProperty("number").GetInt32());
        Assert.False(prs[108].GetProperty("independently_approved").GetBoolean());
        Assert.True(prs[10].GetProperty("independently_approved").GetBoolean());
        Assert.Contains("PR #108 was not approved by anyone other than its author.", Strings(record.GetProperty("warnings")));
    }

    [Fact]
    public async Task Require_independent_review_turns_a_self_approved_PR_into_a_block()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config("  require_independent_review: true\n")), GitHubStory.Seed);
        var originBefore = r.Scenario.OriginRefs();

        var result = await r.ReleaseAsync();

        Assert.Equal(ExitCode.Blocked, result.Code);
        Assert.Contains("#108 was not approved by anyone other than the author", Flat(result));
        Assert.DoesNotContain("CONFIRM", result.Output);
        Assert.Equal(originBefore, r.Scenario.OriginRefs());
    }

    [Fact]
    public async Task A_failed_check_re_run_to_success_passes()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config("  required_checks: [build, test]\n")), (repo, git) =>
        {
            GitHubStory.Seed(repo, git);
            var head = git.RemoteSha("staging");
            repo.CheckRuns.Add(new CheckRunFixture(5, head, "test", Conclusion: "failure"));
            repo.CheckRuns.Add(new CheckRunFixture(6, head, "test", Conclusion: "success"));
        });

        var result = await r.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var checks = r.LastRecord().GetProperty("ci_status").GetProperty("checks").EnumerateArray().ToList();
        Assert.Single(checks, c => c.GetProperty("name").GetString() == "test" && c.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task A_missing_required_check_blocks_and_changes_nothing()
    {
        await using var r = await GitHubRelease.StartAsync(
            GitHubStory.Build(GitHubRelease.Config("  required_checks: [build, security-scan]\n")),
            (repo, git) =>
            {
                GitHubStory.Seed(repo, git);
                repo.Statuses.Add(new CommitStatusFixture(git.RemoteSha("staging"), "ci/legacy", "failure"));
            });
        var originBefore = r.Scenario.OriginRefs();

        var result = await r.ReleaseAsync();

        Assert.Equal(ExitCode.Blocked, result.Code);
        Assert.Contains("BLOCKED: CI checks have not passed on staging.", result.Output);
        Assert.Contains("- security-scan: required check not reported", result.Output);
        Assert.Contains("- ci/legacy: failure", result.Output);
        Assert.DoesNotContain("- build", result.Output);
        Assert.DoesNotContain("CONFIRM", result.Output);
        Assert.Equal(originBefore, r.Scenario.OriginRefs());
        GitHubRelease.AssertWireClean(r.GitHub);
    }

    [Fact]
    public async Task An_emergency_release_passes_failing_CI_and_records_the_override()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config("  required_checks: [build]\n")), (repo, git) =>
        {
            GitHubStory.Seed(repo, git);
            repo.Statuses.Add(new CommitStatusFixture(git.RemoteSha("staging"), "ci/legacy", "failure"));
        });

        var result = await r.ReleaseAsync("--emergency", "checkout is down for all customers");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("EMERGENCY RELEASE", result.Output);
        Assert.Contains("[ ] CI passing on staging - failing (ci/legacy: failure); an emergency release", result.Output);
        Assert.Equal(r.StagingHead, r.Scenario.Git.RemoteSha("main"));
        var record = r.LastRecord();
        Assert.Equal("checkout is down for all customers", record.GetProperty("emergency").GetProperty("reason").GetString());
        Assert.True(record.GetProperty("emergency").GetProperty("ci_overridden").GetBoolean());
        Assert.Equal("failure", record.GetProperty("ci_status").GetProperty("status").GetString());
        Assert.Contains(
            record.GetProperty("warnings").EnumerateArray(),
            w => w.GetString()!.StartsWith("CI on staging was failing and the release went ahead as an emergency"));
    }

    /// <summary>Issue 8: CI passes only on positive evidence. A 200 of the wrong shape fails the release, and nothing moves.</summary>

    [Fact]
    public async Task Open_PRs_targeting_staging_are_warned_of_across_pages()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), (repo, git) =>
        {
            GitHubStory.Seed(repo, git);
            for (var n = 500; n < 630; n++)
                repo.PullRequests.Add(new PullRequestFixture(n, $"Work in progress {n}", "dana", $"dev/wip-{n}", State: "OPEN"));
        });

        var result = await r.ReleaseAsync("--dry-run");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("#500", result.Output);
        Assert.Contains("#629", result.Output);
        Assert.Equal(2, r.GitHub.Requests.Count(q => q.Path.EndsWith("/pulls")));
    }

    [Fact]
    public async Task Wait_follows_the_deployment_run_to_its_conclusion()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), (repo, git) =>
        {
            GitHubStory.Seed(repo, git);
            repo.WorkflowRuns.Clear();
        });
        // The run appears after the first look and completes a few polls later, as Actions does: changed as the
        // emulator answers a look, so the look after it sees the change.
        var looks = 0;
        r.GitHub.OnRecorded = request =>
        {
            if (!request.Path.EndsWith("/actions/runs")) return;
            var look = Interlocked.Increment(ref looks);
            if (look == 1)
                r.GitHub.Update(s => s.Repository("acme/demo").WorkflowRuns.Add(
                    new WorkflowRunFixture(9002, "Deploy production", r.StagingHead, "main", Status: "in_progress", Conclusion: null)));
            if (look == 4)
                r.GitHub.Update(s => s.Repository("acme/demo").WorkflowRuns[0] =
                    new WorkflowRunFixture(9002, "Deploy production", r.StagingHead, "main", Conclusion: "failure"));
        };

        var result = await r.ReleaseAsync("--wait");

        // The run failed: --wait exits 7, and the screen says the release was made all the same.
        Assert.True(result.Code == ExitCode.DeploymentFailed, result.Output);
        Assert.Equal(7, (int)result.Code);
        Assert.Equal(r.StagingHead, r.Scenario.Git.RemoteSha("main"));
        Assert.Contains("https://github.com/acme/demo/actions/runs/9002", result.Output);
        Assert.Contains("Status: failure (Deploy production)", result.Output);
        Assert.Contains("was made", Flat(result));
        Assert.Contains("its deployment FAILED", Flat(result));
        Assert.True(r.GitHub.Requests.Count(q => q.Path.EndsWith("/actions/runs")) >= 5);
    }

    [Fact]
    public async Task A_250_PR_release_stays_within_the_request_bound()
    {
        const int pullRequests = 250;
        const string rebased = "Rebased change";
        await using var r = await GitHubRelease.StartAsync(git =>
        {
            Scenarios.Configure(git, GitHubRelease.Config());
            SquashMany(git, pullRequests);
            git.DirectCommit("staging", rebased, new() { ["algo/rebased.py"] = "x\n" });
        }, (repo, git) =>
        {
            for (var n = 1; n <= pullRequests; n++)
            {
                repo.PullRequests.Add(new PullRequestFixture(1000 + n, $"BOL-{n}: change {n}", "dana", $"dev/bol-{n}")
                {
                    MergedAt = DateTimeOffset.UnixEpoch,
                    Reviews = [GitHubStory.Approval("sam")],
                });
            }
            repo.PullRequests.Add(new PullRequestFixture(2000, "BOL-999: Rebased", "lee", "dev/bol-999")
            {
                MergedAt = DateTimeOffset.UnixEpoch,
                Commits = [GitHubRelease.Sha(git, rebased)],
            });
            repo.CheckRuns.Add(new CheckRunFixture(1, git.RemoteSha("staging"), "build"));
            repo.WorkflowRuns.Add(new WorkflowRunFixture(1, "Deploy", git.RemoteSha("staging"), "main"));
        });

        var result = await r.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Equal(pullRequests + 1, r.LastRecord().GetProperty("pull_requests").GetArrayLength());
        // 5 for the release itself, 2 for its GitHub Release after the push (looked up by tag, then created), 3 for its GitHub
        // Deployment (looked up by tag, created, marked in progress).
        const int constant = 5 + 2 + 3;
        const int unclaimedCommits = 1;
        var bound = constant + (int)Math.Ceiling(pullRequests / 100.0) + (int)Math.Ceiling(unclaimedCommits / 100.0);
        Assert.True(
            r.GitHub.Requests.Count <= bound,
            $"{r.GitHub.Requests.Count} requests > bound {bound}: " + string.Join(", ", r.GitHub.Requests.Select(q => q.Path)));
        Assert.Equal(4, r.GitHub.Requests.Count(q => q.Path == "/graphql"));
        GitHubRelease.AssertWireClean(r.GitHub);
    }

    /// <summary>Squash-merges PRs 1001.. onto staging with one git fast-import and one push, instead of four git processes per PR.</summary>
    internal static void SquashMany(GitScenario git, int count)
    {
        git.Dev("checkout", "--quiet", "staging");
        git.Dev("pull", "--quiet", "--ff-only", "origin", "staging");
        var stream = new StringBuilder();
        for (var n = 1; n <= count; n++)
        {
            var message = $"BOL-{n}: change {n} (#{1000 + n})";
            var content = $"{n}\n";
            stream.Append($"commit refs/heads/staging\ncommitter Dana Developer <dana@example.com> {1793610000 + n} +0000\n");
            stream.Append($"data {message.Length}\n{message}\n");
            if (n == 1) stream.Append("from refs/heads/staging^0\n");
            stream.Append($"M 100644 inline web/file{n}.ts\ndata {content.Length}\n{content}\n");
        }
        var info = new ProcessStartInfo("git", ["fast-import", "--quiet"]) { WorkingDirectory = git.Developer, RedirectStandardInput = true };
        using (var process = Process.Start(info)!)
        {
            process.StandardInput.Write(stream.ToString());
            process.StandardInput.Close();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
        }
        git.Dev("reset", "--quiet", "--hard", "staging");
        git.Dev("push", "--quiet", "origin", "staging");
    }
}
