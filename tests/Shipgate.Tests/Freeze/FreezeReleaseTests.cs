using System.Text.Json;
using System.Text.RegularExpressions;
using Shipgate.Audit;
using Shipgate.Emulators;
using Shipgate.Tests.GitHub;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Freeze;

/// <summary>
/// Freezes against a real repository with a bare origin and the GitHub emulator, on fake time: a window of the policy and a
/// freeze started by hand each block a release (exit 3, nothing changed), an emergency passes and says so, and the freeze
/// records are chained, proven by the token's login, and verified like every record.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FreezeReleaseTests
{
    private static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");

    /// <summary>A window that holds whatever the clock says: this century.</summary>
    private const string Century = "freeze:\n  - name: Year-end freeze\n    from: 2000-01-01T00:00:00+01:00\n    until: 2100-01-01T00:00:00+01:00\n";

    private static IReadOnlyList<string> FreezeFiles(GitHubRelease r) =>
        [.. r.Scenario.OriginFiles("compliance-archives", "releases").Where(f => f.Contains("/freeze-", StringComparison.Ordinal))];

    /// <summary>A second release's worth of work on staging, which GitHub knows and CI passed.</summary>
    private static void MoreWork(GitHubRelease r)
    {
        r.Scenario.Git.SquashPullRequest(400, "BOL-40: Follow-up", new() { ["web/follow.ts"] = "1\n" });
        var head = r.StagingHead;
        r.GitHub.Update(s =>
        {
            var repo = s.Repository("acme/demo");
            repo.Branches["staging"] = head;
            repo.CheckRuns.Add(new CheckRunFixture(77, head, "build"));
            repo.WorkflowRuns.Add(new WorkflowRunFixture(9010, "Deploy production", head, "main"));
            repo.PullRequests.Add(new PullRequestFixture(400, "BOL-40: Follow-up", "dana", "dev/bol-40-follow-up")
            { MergedAt = DateTimeOffset.UnixEpoch, MergeCommitSha = head, Reviews = [GitHubStory.Approval("sam")] });
        });
    }

    [Fact]
    public async Task A_release_in_a_freeze_window_is_blocked_before_any_word_the_dry_run_lists_it_and_nothing_changes()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config() + Century), GitHubStory.Seed);
        var before = r.Scenario.OriginRefs();

        var release = await r.ReleaseAsync();
        var dryRun = await r.ReleaseAsync("--dry-run");
        var plan = await r.ReleaseAsync("--dry-run", "--json");

        Assert.Equal(ExitCode.Blocked, release.Code);
        Assert.Contains("BLOCKED: production is in the freeze window \"Year-end freeze\" of the release policy until 2099-12-31 23:00Z", Flat(release));
        Assert.DoesNotContain("CONFIRM RELEASE", release.Output);
        Assert.Equal(ExitCode.Blocked, dryRun.Code);
        Assert.Contains("freeze window \"Year-end freeze\"", Flat(dryRun));
        Assert.Contains("PRODUCTION RELEASE SUMMARY", dryRun.Output);
        var document = JsonDocument.Parse(plan.Stdout).RootElement;
        Assert.Contains("Year-end freeze", document.GetProperty("blocked_reason").GetString());
        Assert.Empty(RecordSchemas.ValidatePlan(System.Text.Encoding.UTF8.GetBytes(plan.Stdout)));
        Assert.Equal(before, r.Scenario.OriginRefs());
        Assert.Empty(r.Repo.Deployments);
    }

    [Fact]
    public async Task An_emergency_passes_a_freeze_window_and_its_record_names_the_freeze()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config() + Century), GitHubStory.Seed);

        var result = await r.ReleaseAsync("--emergency", "payments are down");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var record = r.LastRecord();
        Assert.Equal("payments are down", record.GetProperty("emergency").GetProperty("reason").GetString());
        Assert.Contains(record.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("during a freeze", StringComparison.Ordinal)
            && w.GetString()!.Contains("Year-end freeze", StringComparison.Ordinal));
        Assert.Equal(r.StagingHead, r.Scenario.Git.RemoteSha("main"));
    }

    [Fact]
    public async Task Freeze_start_records_who_when_and_why_blocks_releases_until_freeze_end_and_the_trail_verifies()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);
        Assert.True((await r.ReleaseAsync()).Code == ExitCode.Success);
        MoreWork(r);

        var started = await r.Scenario.Runner.RunAsync(["freeze", "start", "--reason", "INC-42: checkout errors"]);

        Assert.True(started.Code == ExitCode.Success, started.Output);
        var path = Assert.Single(FreezeFiles(r), f => f.EndsWith(".json", StringComparison.Ordinal));
        Assert.Single(FreezeFiles(r), f => f.EndsWith(".md", StringComparison.Ordinal));
        var bytes = r.Scenario.OriginFile("compliance-archives", path);
        Assert.Empty(RecordSchemas.ValidateLink(Path.GetFileNameWithoutExtension(path), bytes));
        var freeze = JsonDocument.Parse(bytes).RootElement;
        Assert.Equal("start", freeze.GetProperty("action").GetString());
        Assert.Equal(GitHubRelease.Login, freeze.GetProperty("recorded_by_login").GetString());
        Assert.Equal("INC-42: checkout errors", freeze.GetProperty("reason").GetString());
        Assert.Equal(r.LastRecord().GetProperty("release_id").GetString(), freeze.GetProperty("previous_release").GetProperty("id").GetString());

        var beforeRefused = r.Scenario.OriginRefs();
        var again = await r.Scenario.Runner.RunAsync(["freeze", "start", "--reason", "twice"]);
        var blocked = await r.ReleaseAsync();
        Assert.Equal(ExitCode.Blocked, again.Code);
        Assert.Contains("Nothing was written: production is frozen by freeze-", Flat(again));
        Assert.Equal(ExitCode.Blocked, blocked.Code);
        Assert.Contains($"{GitHubRelease.Login} stopped the line at", Flat(blocked));
        Assert.Contains("because \"INC-42: checkout errors\"; it holds until someone runs shipgate freeze end", Flat(blocked));
        Assert.Equal(beforeRefused, r.Scenario.OriginRefs());

        var status = await r.Scenario.Runner.RunAsync(["freeze", "status", "--json"]);
        Assert.True(status.Code == ExitCode.Success, status.Output);
        Assert.Empty(RecordSchemas.ValidateFreezeStatus(System.Text.Encoding.UTF8.GetBytes(status.Stdout)));
        var document = JsonDocument.Parse(status.Stdout).RootElement;
        Assert.True(document.GetProperty("frozen").GetBoolean());
        Assert.Equal(Path.GetFileNameWithoutExtension(path), document.GetProperty("freeze_record").GetProperty("freeze_id").GetString());

        r.Clock.Advance(TimeSpan.FromMinutes(5));
        var emergency = await r.ReleaseAsync("--emergency", "hotfix for INC-42");
        Assert.True(emergency.Code == ExitCode.Success, emergency.Output);
        var emergencyId = r.LastRecord().GetProperty("release_id").GetString()!;
        r.Clock.Advance(TimeSpan.FromMinutes(5));
        var ended = await r.Scenario.Runner.RunAsync(["freeze", "end", "--reason", "INC-42 resolved"]);
        Assert.True(ended.Code == ExitCode.Success, ended.Output);
        var beforeSecondEnd = r.Scenario.OriginRefs();
        var endAgain = await r.Scenario.Runner.RunAsync(["freeze", "end", "--reason", "again"]);
        Assert.Equal(ExitCode.Blocked, endAgain.Code);
        Assert.Contains("Nothing was written: no freeze is in force", Flat(endAgain));
        Assert.Equal(beforeSecondEnd, r.Scenario.OriginRefs());

        var verify = await r.Scenario.Runner.RunAsync(["audit", "verify"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output);

        var json = Path.Combine(r.Scenario.Folder, "report.json");
        var day = r.Clock.GetUtcNow().UtcDateTime;
        string[] period = ["--since", day.AddDays(-2).ToString("yyyy-MM-dd"), "--until", day.AddDays(2).ToString("yyyy-MM-dd")];
        var report = await r.Scenario.Runner.RunAsync(["audit", "report", .. period, "--format", "json", "--out", json]);
        Assert.True(report.Code == ExitCode.Success, report.Output);
        var bytes2 = File.ReadAllBytes(json);
        Assert.Empty(RecordSchemas.ValidateReport(bytes2));
        var document2 = JsonDocument.Parse(bytes2).RootElement;
        Assert.Equal(["start", "end"], document2.GetProperty("freezes").EnumerateArray().Select(f => f.GetProperty("action").GetString()));
        var releases = document2.GetProperty("releases").EnumerateArray().ToList();
        Assert.Equal(Path.GetFileNameWithoutExtension(path),
            releases.Single(x => x.GetProperty("record").GetProperty("release_id").GetString() == emergencyId).GetProperty("during_freeze").GetString());
        Assert.Equal(JsonValueKind.Null, releases[0].GetProperty("during_freeze").ValueKind);
        var markdown = Path.Combine(r.Scenario.Folder, "report.md");
        Assert.True((await r.Scenario.Runner.RunAsync(["audit", "report", .. period, "--format", "md", "--out", markdown])).Code == ExitCode.Success);
        var text = File.ReadAllText(markdown);
        Assert.Contains("## Freezes", text);
        Assert.Contains("INC-42: checkout errors", text);
        Assert.Contains($"- **During a freeze**: {Path.GetFileNameWithoutExtension(path)}", text);
        var html = Path.Combine(r.Scenario.Folder, "report.html");
        Assert.True((await r.Scenario.Runner.RunAsync(["audit", "report", .. period, "--format", "html", "--out", html])).Code == ExitCode.Success);
        var page = File.ReadAllText(html);
        Assert.Contains("<h2>Freezes</h2>", page);
        Assert.Contains("<td>INC-42: checkout errors</td>", page);
        Assert.Contains($"<dt>During a freeze</dt><dd><span class=\"no\">{Path.GetFileNameWithoutExtension(path)} (an emergency)</span></dd>", page);
    }

    [Fact]
    public async Task Freeze_start_without_a_token_s_login_is_refused_and_writes_nothing()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);
        Assert.True((await r.ReleaseAsync()).Code == ExitCode.Success);
        r.Scenario.Runner.Environment["GH_TOKEN"] = null;
        r.Scenario.Runner.Environment["GITHUB_TOKEN"] = null;
        var before = r.Scenario.OriginRefs();

        var result = await r.Scenario.Runner.RunAsync(["freeze", "start", "--reason", "INC-1"]);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains("never git config", Flat(result));
        Assert.Equal(before, r.Scenario.OriginRefs());
    }
}
