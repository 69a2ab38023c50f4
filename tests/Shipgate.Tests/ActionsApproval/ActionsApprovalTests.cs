using System.Text.Json;
using System.Text.RegularExpressions;
using Shipgate.Emulators;
using Shipgate.Tests.GitHub;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.ActionsApproval;

/// <summary>The plan job and the release job of a GitHub Actions workflow, approved (or not) in the GitHub Environment.</summary>
[Trait("Category", "Integration")]
public sealed class ActionsApprovalTests
{
    private static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");

    [Fact]
    public async Task The_plan_job_writes_the_summary_and_outputs_and_a_reviewers_approval_with_the_word_releases()
    {
        await using var r = await ActionsRelease.StartAsync();
        var stagingHead = r.GitHub.StagingHead;

        var (plan, digest, word) = await r.PlanAsync();

        Assert.True(plan.Code == ExitCode.Success, plan.Output);
        Assert.Matches("^[0-9a-f]{64}$", digest);
        Assert.Contains(word, Shipgate.Config.ShipgateConfig.SeedWords);
        var summary = File.ReadAllText(r.SummaryFile);
        Assert.Contains("## PRODUCTION RELEASE SUMMARY", summary);
        Assert.Contains($"### Approval word: **`{word}`**", summary);
        Assert.Contains($"To approve, type this word in the approval comment: **{word}**", summary);
        Assert.Contains("#108", summary);
        Assert.Contains(digest, summary);

        r.Approvals(ActionsRelease.Approved(ActionsRelease.Reviewer, $"Read the plan. {word}"));
        var released = await r.ReleaseAsync(digest);

        Assert.True(released.Code == ExitCode.Success, released.Output);
        Assert.Equal(stagingHead, r.Scenario.Git.RemoteSha("main"));
        var record = r.GitHub.LastRecord();
        var confirmation = record.GetProperty("confirmation");
        Assert.Equal("github-environment", confirmation.GetProperty("channel").GetString());
        Assert.Equal(word, confirmation.GetProperty("word_presented").GetString());
        var approval = confirmation.GetProperty("approval");
        Assert.Equal("production", approval.GetProperty("environment").GetString());
        Assert.Equal(digest, approval.GetProperty("plan_digest").GetString());
        var approver = Assert.Single(approval.GetProperty("approvers").EnumerateArray());
        Assert.Equal("bob", approver.GetProperty("login").GetString());
        Assert.Equal($"Read the plan. {word}", approver.GetProperty("comment").GetString());
        Assert.True(approver.GetProperty("id").GetInt64() > 0);
        var run = approval.GetProperty("run");
        Assert.Equal(ActionsRelease.RunId, run.GetProperty("id").GetInt64());
        Assert.Equal(".github/workflows/release.yml", run.GetProperty("workflow_path").GetString());
        Assert.Equal("alice", run.GetProperty("triggering_actor").GetString());
        Assert.Equal("workflow_dispatch", run.GetProperty("event").GetString());
        Assert.Equal(GitHubRelease.Login, approval.GetProperty("pusher").GetString());
        Assert.True(approval.GetProperty("protection").GetProperty("prevent_self_review").GetBoolean());
        Assert.Equal(["bob", "carol"], GitHubReleaseTests.Strings(approval.GetProperty("protection").GetProperty("required_reviewers")));
        Assert.Equal("alice", record.GetProperty("released_by").GetString());
        Assert.Equal(GitHubRelease.Login, record.GetProperty("released_by_login").GetString());
        var markdown = System.Text.Encoding.UTF8.GetString(r.Scenario.OriginFile("compliance-archives",
            $"releases/{record.GetProperty("release_id").GetString()}.md"));
        Assert.Contains("**Approved by**: @bob", markdown);
        GitHubRelease.AssertWireClean(r.GitHub.GitHub);
    }

    [Fact]
    public async Task The_plan_json_carries_the_digest_and_word_the_outputs_name()
    {
        await using var r = await ActionsRelease.StartAsync();
        var (_, digest, word) = await r.PlanAsync();

        var json = await r.Scenario.Runner.RunAsync(["release", "--dry-run", "--json"]);

        Assert.Empty(Shipgate.Audit.RecordSchemas.ValidatePlan(System.Text.Encoding.UTF8.GetBytes(json.Stdout)));
        var plan = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal(digest, plan.GetProperty("plan_digest").GetString());
        Assert.Equal(word, plan.GetProperty("word").GetString());
    }

    [Fact]
    public async Task A_plan_made_hours_later_has_the_same_digest_and_word()
    {
        await using var r = await ActionsRelease.StartAsync();
        var (_, digest, word) = await r.PlanAsync();

        r.GitHub.Clock.Advance(TimeSpan.FromHours(5));
        var (_, later, laterWord) = await r.PlanAsync();

        Assert.Equal(digest, later);
        Assert.Equal(word, laterWord);
    }

    [Fact]
    public async Task Outside_Actions_the_plan_json_carries_the_digest_but_not_the_word()
    {
        await using var r = await ActionsRelease.StartAsync();
        r.Scenario.Runner.Environment["GITHUB_ACTIONS"] = null;

        var json = await r.Scenario.Runner.RunAsync(["release", "--dry-run", "--json"]);

        Assert.Empty(Shipgate.Audit.RecordSchemas.ValidatePlan(System.Text.Encoding.UTF8.GetBytes(json.Stdout)));
        var plan = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Matches("^[0-9a-f]{64}$", plan.GetProperty("plan_digest").GetString());
        Assert.False(plan.TryGetProperty("word", out _));
        Assert.False(File.Exists(r.OutputFile));
        Assert.False(File.Exists(r.SummaryFile));
    }

    [Fact]
    public async Task The_release_jobs_json_result_and_record_match_their_schemas()
    {
        await using var r = await ActionsRelease.StartAsync();
        var (_, digest, word) = await r.PlanAsync();
        r.Approvals(ActionsRelease.Approved(ActionsRelease.Reviewer, word));

        var json = await r.Scenario.Runner.RunAsync(["release", "--approved-plan", digest, "--json"]);

        Assert.True(json.Code == ExitCode.Success, json.Output);
        Assert.Empty(Shipgate.Audit.RecordSchemas.ValidateResult(System.Text.Encoding.UTF8.GetBytes(json.Stdout)));
        Assert.Equal("github-environment", JsonDocument.Parse(json.Stdout).RootElement.GetProperty("confirmation_channel").GetString());
        var id = r.GitHub.LastRecord().GetProperty("release_id").GetString();
        Assert.Empty(Shipgate.Audit.RecordSchemas.Validate(r.Scenario.OriginFile("compliance-archives", $"releases/{id}.json"), isRelease: true));
    }

    private static async Task Refused(ActionsRelease r, string digest, ExitCode code, params string[] expected)
    {
        var before = r.Scenario.OriginRefs();
        var result = await r.ReleaseAsync(digest);
        Assert.True(result.Code == code, result.Output);
        foreach (var text in expected) Assert.Contains(text, Flat(result));
        Assert.Equal(before, r.Scenario.OriginRefs());
        Assert.Empty(r.Repo.Dispatches);
    }

    [Fact]
    public async Task No_approval_is_refused()
    {
        await using var r = await ActionsRelease.StartAsync();
        var (_, digest, word) = await r.PlanAsync();
        await Refused(r, digest, ExitCode.NoTerminal, "No valid confirmation", "GitHub shows no approval of run 5555 for environment 'production'", word);
    }

    [Fact]
    public async Task A_rejection_refuses_even_beside_an_approval()
    {
        await using var r = await ActionsRelease.StartAsync();
        var (_, digest, word) = await r.PlanAsync();
        r.Approvals(ActionsRelease.Approved("carol", word), new RunApprovalFixture("bob", "rejected", "not today", ["production"]));
        await Refused(r, digest, ExitCode.NoTerminal, "@bob rejected run 5555 for environment 'production' (\"not today\")");
    }

    [Fact]
    public async Task An_approval_by_the_person_who_started_the_run_is_refused()
    {
        await using var r = await ActionsRelease.StartAsync();
        var (_, digest, word) = await r.PlanAsync();
        r.Approvals(ActionsRelease.Approved(ActionsRelease.Starter, word));
        await Refused(r, digest, ExitCode.NoTerminal, "approved for 'production' only by @alice, who started it");
    }

    [Fact]
    public async Task A_comment_without_the_word_is_refused()
    {
        await using var r = await ActionsRelease.StartAsync();
        var (_, digest, word) = await r.PlanAsync();
        r.Approvals(ActionsRelease.Approved("bob", $"LGTM {word.ToLowerInvariant()} {word}X"));
        await Refused(r, digest, ExitCode.NoTerminal, $"the approval comment by @bob does not contain this plan's word {word}");
    }

    [Fact]
    public async Task A_comment_with_another_plans_word_is_refused()
    {
        await using var r = await ActionsRelease.StartAsync();
        var (_, digest, word) = await r.PlanAsync();
        var other = Shipgate.Config.ShipgateConfig.SeedWords.First(w => w != word);
        r.Approvals(ActionsRelease.Approved("bob", other));
        await Refused(r, digest, ExitCode.NoTerminal, $"holds the word {other}, not this plan's word {word}");
    }

    [Fact]
    public async Task An_environment_that_lets_the_starter_approve_is_refused()
    {
        await using var r = await ActionsRelease.StartAsync();
        var (_, digest, word) = await r.PlanAsync();
        r.Approvals(ActionsRelease.Approved("bob", word));
        r.Environment(new EnvironmentFixture("production") { Reviewers = ["bob"], PreventSelfReview = false });
        await Refused(r, digest, ExitCode.NoTerminal, "lets the person who started a run approve it (prevent_self_review is false)");
    }

    [Fact]
    public async Task An_environment_without_required_reviewers_is_refused()
    {
        await using var r = await ActionsRelease.StartAsync();
        var (_, digest, word) = await r.PlanAsync();
        r.Approvals(ActionsRelease.Approved("bob", word));
        r.Environment(new EnvironmentFixture("production") { WaitTimer = 5 });
        await Refused(r, digest, ExitCode.NoTerminal, "GitHub's environment 'production' has no required reviewers");
    }

    [Fact]
    public async Task A_run_on_another_branch_than_production_is_refused()
    {
        await using var r = await ActionsRelease.StartAsync();
        var (_, digest, word) = await r.PlanAsync();
        r.Approvals(ActionsRelease.Approved("bob", word));
        r.Run(run => run with { HeadBranch = "staging" });
        await Refused(r, digest, ExitCode.NoTerminal, "ran on branch 'staging', not the production branch 'main'");
    }

    [Fact]
    public async Task A_run_of_another_commit_than_productions_tip_is_refused()
    {
        await using var r = await ActionsRelease.StartAsync();
        var (_, digest, word) = await r.PlanAsync();
        r.Approvals(ActionsRelease.Approved("bob", word));
        r.Run(run => run with { HeadSha = r.GitHub.StagingHead });
        await Refused(r, digest, ExitCode.NoTerminal, "but main was at");
    }

    [Fact]
    public async Task Staging_moved_after_the_plan_is_refused_as_blocked_before_GitHub_is_asked()
    {
        await using var r = await ActionsRelease.StartAsync();
        var (_, digest, word) = await r.PlanAsync();
        r.Approvals(ActionsRelease.Approved("bob", word));
        r.Scenario.Git.DirectCommit("staging", "late change", new() { ["web/late.ts"] = "late\n" });
        var moved = r.GitHub.StagingHead;
        r.GitHub.GitHub.Update(state =>
        {
            var repo = state.Repository("acme/demo");
            repo.Branches["staging"] = moved;
            repo.CheckRuns.Add(new CheckRunFixture(50, moved, "build"));
        });
        r.GitHub.GitHub.ClearRequests();

        await Refused(r, digest, ExitCode.Blocked, "the plan changed since it was approved", digest);
        Assert.DoesNotContain(r.GitHub.GitHub.Requests, q => q.Path.Contains("/approvals", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_GitHub_does_not_know_is_no_valid_confirmation()
    {
        await using var r = await ActionsRelease.StartAsync();
        var (_, digest, word) = await r.PlanAsync();
        r.Approvals(ActionsRelease.Approved("bob", word));
        r.Scenario.Runner.Environment["GITHUB_RUN_ID"] = "999";
        await Refused(r, digest, ExitCode.NoTerminal, "No valid confirmation: GitHub did not tell who approved run 999", "404");
    }

    [Fact]
    public async Task A_policy_without_github_environment_refuses_naming_the_key()
    {
        await using var r = await ActionsRelease.StartAsync(ActionsRelease.Config(environment: null));
        await Refused(r, new string('a', 64), ExitCode.NoTerminal, "No valid confirmation", "sets no github.environment");
    }

    [Fact]
    public async Task Without_approved_plan_and_without_a_terminal_the_release_still_exits_6_and_names_the_way_from_Actions()
    {
        await using var r = await ActionsRelease.StartAsync();
        var before = r.Scenario.OriginRefs();
        var result = await r.Scenario.Runner.RunAsync(["release"]);
        Assert.True(result.Code == ExitCode.NoTerminal, result.Output);
        Assert.Contains("github.environment", Flat(result));
        Assert.Equal(before, r.Scenario.OriginRefs());
    }
}
