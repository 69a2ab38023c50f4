using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shipgate.Audit;
using Shipgate.Emulators;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.GitHub;

/// <summary>
/// Issue 21, items 7 and 8, end to end over real git and the GitHub emulator: a PR that makes CI trivially green is a release
/// control change that needs an approval of its final head by someone else, and an approval given before later commits does not count.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ControlChangeReleaseTests
{
    private static readonly DateTimeOffset Merged = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
    private const string TriviallyGreen = "jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: exit 0\n";
    private const string FasterCi = "Faster CI: skip the slow suite";
    private const string Owners = "Add code owners";

    private static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");
    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>PR 10 (web, approved by sam) and PR 66 by mallory: the workflow reduced to `exit 0`, then a CODEOWNERS file.</summary>
    private static Action<GitScenario> Build(string moreConfig = "", Action<GitScenario>? more = null) => git =>
    {
        Scenarios.Configure(git, GitHubRelease.Config() + moreConfig);
        git.MergePullRequest(10, "dev/bol-1-login", "BOL-1: Login page", ("Add login form", new() { ["web/login.ts"] = "form\n" }));
        git.MergePullRequest(66, "dev/bol-9-faster-ci", "BOL-9: Faster CI",
            (FasterCi, new() { [".github/workflows/ci.yml"] = TriviallyGreen }),
            (Owners, new() { ["CODEOWNERS"] = "* @mallory\n" }));
        more?.Invoke(git);
    };

    /// <summary>GitHub's side: PR 10 approved by sam on its head, PR 66 with the reviews given (each on a commit), green CI, a deployment run.</summary>
    private static Action<RepositoryFixture, GitScenario> Seed(params (string By, string OnCommit)[] reviewsOf66) => (repo, git) =>
    {
        var head = git.RemoteSha("staging");
        var login = GitHubRelease.Sha(git, "Add login form");
        repo.PullRequests.Add(new PullRequestFixture(10, "BOL-1: Login page", "dana", "dev/bol-1-login")
        {
            MergedAt = Merged,
            MergedBy = "sam",
            Commits = [login],
            Reviews = [GitHubStory.Approval("sam")],
        });
        var commits = new[] { GitHubRelease.Sha(git, FasterCi), GitHubRelease.Sha(git, Owners) };
        repo.PullRequests.Add(new PullRequestFixture(66, "BOL-9: Faster CI", "mallory", "dev/bol-9-faster-ci")
        {
            MergedAt = Merged,
            MergedBy = "mallory",
            Commits = commits,
            Reviews = [.. reviewsOf66.Select(r => GitHubStory.Approval(r.By) with { Commit = r.OnCommit == "first" ? commits[0] : commits[1] })],
        });
        repo.CheckRuns.Add(new CheckRunFixture(1, head, "build"));
        repo.WorkflowRuns.Add(new WorkflowRunFixture(9001, "Deploy production", head, "main"));
    };

    [Fact]
    public async Task A_PR_that_makes_CI_trivially_green_and_adds_CODEOWNERS_is_a_control_change_that_blocks_until_reviewed_by_another()
    {
        await using var r = await GitHubRelease.StartAsync(Build(), Seed(("mallory", "head")));
        var originBefore = r.Scenario.OriginRefs();

        var dryRun = await r.ReleaseAsync("--dry-run");
        var json = await r.ReleaseAsync("--dry-run", "--json");
        var release = await r.ReleaseAsync();

        Assert.True(dryRun.Code == ExitCode.Blocked, dryRun.Output);
        Assert.Contains("RELEASE CONTROL CHANGES", dryRun.Output);
        Assert.Contains("- .github/workflows/ci.yml (#66 by @mallory, approved by @mallory): no approval by anyone other than its author", Flat(dryRun));
        Assert.Contains("- CODEOWNERS (#66 by @mallory, approved by @mallory): no approval by anyone other than its author", Flat(dryRun));
        Assert.DoesNotContain("- web/login.ts (", dryRun.Output);
        Assert.Contains("[ ] Control changes independently reviewed - not independently reviewed: #66 (no approval by anyone other than its author)", Flat(dryRun));
        Assert.Contains("A release now would be BLOCKED: release control files (CI, review or gate) changed without an independent review " +
            "of the final head: #66 (no approval by anyone other than its author).", Flat(dryRun));
        Assert.Contains("--emergency", dryRun.Output.Split("DRY RUN MODE")[^1]);

        Assert.True(json.Code == ExitCode.Blocked, json.Errors);
        Assert.Empty(RecordSchemas.ValidatePlan(Encoding.UTF8.GetBytes(json.Stdout)));
        using var plan = JsonDocument.Parse(json.Stdout);
        Assert.Equal("blocked", plan.RootElement.GetProperty("verdict").GetString());
        Assert.Contains("#66 (no approval by anyone other than its author)", plan.RootElement.GetProperty("blocked_reason").GetString());
        var box = Assert.Single(plan.RootElement.GetProperty("checklist").EnumerateArray(),
            b => b.GetProperty("label").GetString() == "Control changes independently reviewed");
        Assert.False(box.GetProperty("passed").GetBoolean());
        var changes = plan.RootElement.GetProperty("plan").GetProperty("control_changes").EnumerateArray().ToList();
        Assert.Equal([".github/workflows/ci.yml", "CODEOWNERS"], changes.Select(c => c.GetProperty("path").GetString()));
        Assert.All(changes, c => Assert.Equal((66, "mallory", false, "no_independent_approval"),
            (c.GetProperty("pull_request").GetInt32(), c.GetProperty("author").GetString(), c.GetProperty("independently_reviewed").GetBoolean(),
                c.GetProperty("review").GetString())));

        Assert.True(release.Code == ExitCode.Blocked, release.Output);
        Assert.Contains("BLOCKED: this release changes files that steer CI, review or the release gate, and not every change was independently " +
            "reviewed: #66 (no approval by anyone other than its author).", Flat(release));
        Assert.DoesNotContain("CONFIRM RELEASE", release.Output);
        Assert.Equal(originBefore, r.Scenario.OriginRefs());
        GitHubRelease.AssertWireClean(r.GitHub);
    }

    [Fact]
    public async Task A_control_change_approved_on_its_final_head_by_someone_else_passes_and_is_recorded_with_its_approver()
    {
        // sam approved the workflow change alone; lee approved the final head, CODEOWNERS included.
        await using var r = await GitHubRelease.StartAsync(Build(), Seed(("sam", "first"), ("lee", "head")));

        var result = await r.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("- .github/workflows/ci.yml (#66 by @mallory, approved by @lee): independently approved", Flat(result));
        Assert.Contains("[x] Control changes independently reviewed", result.Output);
        var record = r.LastRecord();
        var changes = record.GetProperty("control_changes").EnumerateArray().ToList();
        Assert.Equal([".github/workflows/ci.yml", "CODEOWNERS"], changes.Select(c => c.GetProperty("path").GetString()));
        Assert.All(changes, c =>
        {
            Assert.Equal(["lee"], Strings(c.GetProperty("approvers")));
            Assert.True(c.GetProperty("independently_reviewed").GetBoolean());
            Assert.Equal("independent", c.GetProperty("review").GetString());
            Assert.Equal(JsonValueKind.Null, c.GetProperty("commit").ValueKind);
        });
        var pr66 = record.GetProperty("pull_requests").EnumerateArray().Single(p => p.GetProperty("number").GetInt32() == 66);
        Assert.True(pr66.GetProperty("independently_approved").GetBoolean());
        Assert.Equal(["lee"], Strings(pr66.GetProperty("approvers")));
        Assert.Equal(["sam"], Strings(pr66.GetProperty("approved_before_later_commits")));
        var markdown = Encoding.UTF8.GetString(r.Scenario.OriginFile("compliance-archives", $"releases/{r.Scenario.ReleaseIds()[^1]}.md"));
        Assert.Contains("## Release Control Changes", markdown);
        Assert.Contains("| .github/workflows/ci.yml | #66 | @mallory | @lee | ✅ independently approved |", markdown);
        Assert.Contains("- [x] Control changes independently reviewed\n", markdown);
        var verify = await r.Scenario.Runner.RunAsync(["audit", "verify"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output);
    }

    [Fact]
    public async Task An_approval_given_before_later_commits_does_not_count_everywhere_gaps_are_shown()
    {
        // lee approved only the workflow change; the CODEOWNERS commit came after.
        await using var r = await GitHubRelease.StartAsync(Build(), Seed(("lee", "first")));

        var blocked = await r.ReleaseAsync();
        var emergency = await r.ReleaseAsync("--emergency", "deploy pipeline is down");

        Assert.True(blocked.Code == ExitCode.Blocked, blocked.Output);
        Assert.Contains("Approved before later commits", blocked.Output);
        Assert.Contains("approved before later commits: #66", Flat(blocked));
        Assert.Contains("#66 (approved before later commits)", Flat(blocked));

        Assert.True(emergency.Code == ExitCode.Success, emergency.Output);
        var record = r.LastRecord();
        var pr66 = record.GetProperty("pull_requests").EnumerateArray().Single(p => p.GetProperty("number").GetInt32() == 66);
        Assert.False(pr66.GetProperty("independently_approved").GetBoolean());
        Assert.Empty(Strings(pr66.GetProperty("approvers")));
        Assert.Equal(["lee"], Strings(pr66.GetProperty("approved_before_later_commits")));
        var warnings = Strings(record.GetProperty("warnings"));
        Assert.Contains("PR #66 was approved before later commits (by lee); no approval of its final head by anyone other than its author.", warnings);
        Assert.Contains("PR #66 changes files that steer CI, review or the release gate and was not independently reviewed: " +
            "approved before later commits.", warnings);
        Assert.All(record.GetProperty("control_changes").EnumerateArray(),
            c => Assert.Equal("approved_before_later_commits", c.GetProperty("review").GetString()));
    }

    [Fact]
    public async Task An_emergency_release_passes_a_self_approved_control_change_with_a_recorded_warning()
    {
        await using var r = await GitHubRelease.StartAsync(Build(), Seed(("mallory", "head")));

        var result = await r.ReleaseAsync("--emergency", "deploy pipeline is down");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("[ ] Control changes independently reviewed - not independently reviewed: #66 (no approval by anyone other than its author)", Flat(result));
        var record = r.LastRecord();
        Assert.Equal("deploy pipeline is down", record.GetProperty("emergency").GetProperty("reason").GetString());
        Assert.Contains("PR #66 changes files that steer CI, review or the release gate and was not independently reviewed: " +
            "no approval by anyone other than its author.", Strings(record.GetProperty("warnings")));
        Assert.Equal(2, record.GetProperty("control_changes").GetArrayLength());
        var markdown = Encoding.UTF8.GetString(r.Scenario.OriginFile("compliance-archives", $"releases/{r.Scenario.ReleaseIds()[^1]}.md"));
        Assert.Contains("| CODEOWNERS | #66 | @mallory | @mallory | ⚠️ no approval by anyone other than its author |", markdown);
        Assert.Contains("- [ ] Control changes independently reviewed — not independently reviewed: \\#66 \\(no approval by anyone other than its author\\)", markdown);
    }

    [Fact]
    public async Task A_control_file_changed_in_no_PR_blocks_and_the_policy_adds_its_own_control_paths()
    {
        await using var r = await GitHubRelease.StartAsync(
            Build("controls:\n  paths: [\"deploy/**\"]\n", git =>
            {
                git.MergePullRequest(12, "dev/bol-2-deploy", "BOL-2: Deploy script", ("Deploy script", new() { ["deploy/run.sh"] = "run\n" }));
                git.DirectCommit("staging", "setup action: cache less", new() { [".github/actions/setup/action.yml"] = "runs: {}\n" });
            }),
            (repo, git) =>
            {
                Seed(("lee", "head"))(repo, git);
                repo.PullRequests.Add(new PullRequestFixture(12, "BOL-2: Deploy script", "dana", "dev/bol-2-deploy")
                {
                    MergedAt = Merged,
                    MergedBy = "sam",
                    Commits = [GitHubRelease.Sha(git, "Deploy script")],
                    Reviews = [GitHubStory.Approval("sam")],
                });
            });
        var direct = r.Scenario.Git.RemoteSha("staging")[..7];

        var result = await r.ReleaseAsync("--dry-run");

        Assert.True(result.Code == ExitCode.Blocked, result.Output);
        Assert.Contains("- deploy/run.sh (#12 by @dana, approved by @sam): independently approved", Flat(result));
        // A commit's author is a git name, never shown as a GitHub login.
        Assert.Matches($@"- \.github/actions/setup/action\.yml \(commit {direct} by [^@)][^)]*\): in no pull request", Flat(result));
        Assert.Contains($"not independently reviewed: {direct} (in no pull request)", Flat(result));
        Assert.DoesNotContain("#66 (", Flat(result));
    }

    [Fact]
    public async Task A_release_without_control_changes_ticks_the_box_and_its_record_has_no_new_fields()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);

        var result = await r.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("[x] Control changes independently reviewed", result.Output);
        Assert.DoesNotContain("RELEASE CONTROL CHANGES", result.Output);
        var record = r.LastRecord();
        Assert.False(record.TryGetProperty("control_changes", out _));
        Assert.All(record.GetProperty("pull_requests").EnumerateArray(), p => Assert.False(p.TryGetProperty("approved_before_later_commits", out _)));
        var markdown = Encoding.UTF8.GetString(r.Scenario.OriginFile("compliance-archives", $"releases/{r.Scenario.ReleaseIds()[^1]}.md"));
        Assert.DoesNotContain("Release Control Changes", markdown);
    }

    [Fact]
    public async Task Through_MCP_the_plan_names_the_control_gate_as_a_blocker_and_the_release_is_refused()
    {
        await using var r = await GitHubRelease.StartAsync(Build(), Seed(("mallory", "head")));
        var originBefore = r.Scenario.OriginRefs();
        var environment = new Dictionary<string, string> { ["GH_TOKEN"] = GitHubRelease.Token, ["GITHUB_API_URL"] = r.GitHub.ApiUrl };
        await using var mcp = await McpSession.StartAsync(r.Scenario, form => McpSession.Typed(McpSession.WordIn(form)), environment);

        var planned = await mcp.CallAsync("release_plan");
        var released = await mcp.CallAsync("release");

        var plan = planned.StructuredContent!.Value;
        Assert.Empty(RecordSchemas.ValidatePlan(JsonSerializer.SerializeToUtf8Bytes(plan)));
        Assert.Equal("blocked", plan.GetProperty("verdict").GetString());
        Assert.Contains("#66 (no approval by anyone other than its author)", plan.GetProperty("blocked_reason").GetString());
        Assert.Equal(2, plan.GetProperty("plan").GetProperty("control_changes").GetArrayLength());
        Assert.True(released.IsError, McpSession.Visible(released));
        Assert.Contains("#66 (no approval by anyone other than its author)", McpSession.Visible(released));
        Assert.Empty(mcp.Forms);
        Assert.Equal(originBefore, r.Scenario.OriginRefs());
    }
}
