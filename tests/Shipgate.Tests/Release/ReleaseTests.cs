using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Shipgate.Audit;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Release;

/// <summary>Whole releases over real git: a bare origin, a developer clone, the releaser's clone.</summary>
[Trait("Category", "Integration")]
public sealed class ReleaseTests
{
    [Fact]
    public async Task Without_a_terminal_the_release_is_refused_before_anything_is_read_or_drawn()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var originBefore = s.OriginRefs();
        var releaserBefore = s.ReleaserFingerprint();
        s.Runner.HasTerminal = false;

        var result = await s.ReleaseAsync();
        var dryRun = await s.ReleaseAsync(null, "--dry-run");

        Assert.Equal(ExitCode.NoTerminal, result.Code);
        Assert.Contains("needs a person at a terminal to type the confirmation word", result.Output);
        Assert.Null(result.WordShown);
        Assert.DoesNotContain("PRODUCTION RELEASE SUMMARY", result.Output);
        Assert.Equal(originBefore, s.OriginRefs());
        Assert.Equal(releaserBefore, s.ReleaserFingerprint());
        Assert.True(dryRun.Code == ExitCode.Success, dryRun.Output);
    }

    [Fact]
    public async Task Dry_run_shows_the_release_and_changes_nothing()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var originBefore = s.OriginRefs();
        var cloneBefore = s.ReleaserFingerprint();

        var result = await s.ReleaseAsync(null, "--dry-run");

        Assert.Equal(ExitCode.Success, result.Code);
        Assert.Contains("PRODUCTION RELEASE SUMMARY", result.Output);
        Assert.Contains("To execute this release, run: shipgate release", result.Output);
        Assert.DoesNotContain("CONFIRM RELEASE", result.Output);
        foreach (var number in Scenarios.RichPullRequests) Assert.Contains($"#{number} ", result.Output);
        Assert.Equal(originBefore, s.OriginRefs());
        Assert.Equal(cloneBefore, s.ReleaserFingerprint());
    }

    [Fact]
    public async Task A_release_moves_main_to_staging_and_adds_exactly_one_matching_record()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var staging = s.Git.RemoteSha("staging");
        var main = s.Git.RemoteSha("main");
        var archiveBefore = s.Git.RemoteSha("compliance-archives");
        var cloneBefore = s.ReleaserFingerprint(includeRemoteTracking: false);

        var result = await s.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("RELEASE COMPLETE", result.Output);
        // The end screen says only what happened: production moved; no deployment run was seen without GitHub.
        Assert.Contains("Released to production:", result.Output);
        Assert.DoesNotContain("deployment triggered", result.Output);
        Assert.Contains("No deployment run was seen: check that production deployed.", result.Output);
        Assert.DoesNotContain("Monitor deployment progress", result.Output);
        Assert.Equal(staging, s.Git.RemoteSha("main"));
        var added = GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "diff", "--name-only", archiveBefore, "refs/heads/compliance-archives")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, added.Length);
        Assert.Single(added, f => f.StartsWith("releases/release-") && f.EndsWith(".json"));
        Assert.Single(added, f => f.StartsWith("releases/release-") && f.EndsWith(".md"));
        Assert.Equal(archiveBefore, GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "rev-parse", "refs/heads/compliance-archives^").Trim());

        var record = s.LastRecord();
        Assert.Empty(RecordSchemas.Validate(s.OriginFile("compliance-archives", added.Single(f => f.EndsWith(".json"))), isRelease: true));
        Assert.Equal(Path.GetFileNameWithoutExtension(added.Single(f => f.EndsWith(".json"))), record.GetProperty("release_id").GetString());
        Assert.Equal(main, record.GetProperty("from_sha").GetString());
        Assert.Equal(staging, record.GetProperty("to_sha").GetString());
        Assert.Equal("main", record.GetProperty("from_ref").GetString());
        Assert.Equal("staging", record.GetProperty("to_ref").GetString());
        Assert.Equal("Rita Releaser", record.GetProperty("released_by").GetString());
        Assert.Equal("rita@example.com", record.GetProperty("released_by_email").GetString());

        var count = int.Parse(GitScenario.Run(s.Git.Releaser, "rev-list", "--count", "--no-merges", $"{main}..{staging}").Trim());
        Assert.Equal(count, record.GetProperty("commits_count").GetInt32());
        var merges = int.Parse(GitScenario.Run(s.Git.Releaser, "rev-list", "--count", "--merges", $"{main}..{staging}").Trim());
        Assert.Equal(merges, record.GetProperty("merge_commits_count").GetInt32());
        var shortstat = GitScenario.Run(s.Git.Releaser, "diff", "--shortstat", main, staging);
        Assert.Equal(
            shortstat.Trim(),
            $"{record.GetProperty("files_changed").GetInt32()} files changed, " +
            $"{record.GetProperty("insertions").GetInt32()} insertions(+)" +
            (record.GetProperty("deletions").GetInt32() > 0 ? $", {record.GetProperty("deletions").GetInt32()} deletions(-)" : ""));

        var prs = record.GetProperty("pull_requests").EnumerateArray().ToDictionary(p => p.GetProperty("number").GetInt32());
        Assert.Equal(Scenarios.RichPullRequests, prs.Keys.Order());
        Assert.Equal("compliance/pr-108-BOL-407-session-auth-20261102.json", prs[108].GetProperty("compliance_archive").GetString());
        Assert.Equal(JsonValueKind.Null, prs[10].GetProperty("compliance_archive").ValueKind);
        Assert.Equal("Login page", prs[10].GetProperty("title").GetString());
        var tickets = record.GetProperty("linear_tickets").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Equal(Scenarios.RichTickets.Order(), tickets.Order());

        var warnings = record.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.Contains("PR #10 has no compliance archive.", warnings);
        Assert.Contains(warnings, w => w!.StartsWith("CI on staging was not verified") && w.Contains("tests: no GitHub"));
        var unspecced = record.GetProperty("unspecced_changes").EnumerateArray().Select(u => u.GetProperty("reference").GetString()).ToList();
        Assert.Contains("#12", unspecced);
        Assert.Equal(3, unspecced.Count); // PR 12 and the two direct commits
        Assert.Equal("unverified", record.GetProperty("ci_status").GetProperty("status").GetString());

        var confirmation = record.GetProperty("confirmation");
        Assert.Equal(result.WordShown, confirmation.GetProperty("word_presented").GetString());
        Assert.Equal(result.WordShown, confirmation.GetProperty("word_entered").GetString());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("previous_release").ValueKind);
        Assert.Equal(1, record.GetProperty("schema_version").GetInt32());

        var message = GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "log", "-1", "--format=%an|%s", "refs/heads/compliance-archives").Trim();
        Assert.Equal($"Rita Releaser|release: {record.GetProperty("timestamp").GetDateTimeOffset().UtcDateTime:yyyy-MM-dd} - 3 PRs, 5 tickets", message);
        Assert.Equal(cloneBefore, s.ReleaserFingerprint(includeRemoteTracking: false));
    }

    [Fact]
    public async Task The_next_release_chains_to_the_previous_record_and_draws_another_word()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var first = await s.ReleaseAsync();
        Assert.True(first.Code == ExitCode.Success, first.Output);
        var firstRecord = s.LastRecord();
        var firstId = firstRecord.GetProperty("release_id").GetString()!;
        var firstBytes = s.OriginFile("compliance-archives", $"releases/{firstId}.json");

        s.Git.SquashPullRequest(300, "BOL-77: Next change", new() { ["web/next.ts"] = "next\n" });
        var second = await s.ReleaseAsync();

        Assert.True(second.Code == ExitCode.Success, second.Output);
        var record = s.LastRecord();
        Assert.NotEqual(firstId, record.GetProperty("release_id").GetString());
        var previous = record.GetProperty("previous_release");
        Assert.Equal(firstId, previous.GetProperty("id").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(firstBytes)), previous.GetProperty("sha256").GetString());
        Assert.NotEqual(first.WordShown, second.WordShown);
        Assert.Equal(firstRecord.GetProperty("to_sha").GetString(), record.GetProperty("from_sha").GetString());
    }

    [Theory]
    [InlineData("ABORT")]
    [InlineData("nope")]
    [InlineData(null)]
    [InlineData("lowercase")]
    public async Task Anything_but_the_exact_word_aborts_and_changes_nothing(string? typed)
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var originBefore = s.OriginRefs();
        var cloneBefore = s.ReleaserFingerprint();

        var result = await s.ReleaseAsync(word => typed == "lowercase" ? word.ToLowerInvariant() : typed);

        Assert.Equal(ExitCode.Aborted, result.Code);
        Assert.Contains("Nothing was changed", result.Output);
        Assert.Equal(originBefore, s.OriginRefs());
        Assert.Equal(cloneBefore, s.ReleaserFingerprint());
    }

    [Fact]
    public async Task A_push_to_main_during_the_confirmation_makes_the_release_fail_with_origin_unchanged()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        string? originAfterIntruder = null;

        var result = await s.ReleaseAsync(word =>
        {
            s.Git.DirectCommit("main", "sneaky direct push", new() { ["sneaky.txt"] = "x\n" });
            originAfterIntruder = s.OriginRefs();
            return word;
        });

        Assert.Equal(ExitCode.Error, result.Code);
        Assert.Contains("refused", result.Output);
        Assert.Contains("ERROR: a push to main landed first", result.Output);
        Assert.DoesNotContain("PARTIAL", result.Output);
        Assert.Equal(originAfterIntruder, s.OriginRefs());
        Assert.DoesNotContain("RELEASE COMPLETE", result.Output);
    }

    [Fact]
    public async Task A_push_that_landed_but_lost_its_answer_is_reported_as_released()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        // The origin accepts the refs, then its hook kills our `git push` before it can hear so:
        // exactly a dropped connection after the remote applied the push.
        var hook = Path.Combine(s.Git.Origin, "hooks", "post-receive");
        File.WriteAllText(hook, """
            #!/bin/sh
            cat > /dev/null
            pid=$PPID
            while [ "$pid" -gt 1 ]; do
              if tr '\0' ' ' < /proc/$pid/cmdline | grep -q -- '--atomic'; then kill -9 "$pid"; exit 0; fi
              pid=$(awk '{print $4}' /proc/$pid/stat)
            done
            """);
        using (var chmod = Process.Start("chmod", ["+x", hook])!) chmod.WaitForExit();
        var staging = s.Git.RemoteSha("staging");

        var result = await s.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("RELEASE COMPLETE", result.Output);
        Assert.Equal(staging, s.Git.RemoteSha("main"));
        Assert.Equal(staging, s.LastRecord().GetProperty("to_sha").GetString());
    }

    [Fact]
    public async Task A_concurrent_push_that_moved_the_archive_branch_and_staging_is_refused()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        string? originAfterIntruder = null;

        var result = await s.ReleaseAsync(word =>
        {
            s.Git.AddArchiveFiles("compliance-archives", new() { ["compliance/pr-999-late-20261103.json"] = "{}\n" });
            // Only an archive append is retried (PrArchives/ReleaseRaceTests); with staging moved too, the release refuses as before.
            s.Git.DirectCommit("staging", "late change", new() { ["late.txt"] = "late\n" });
            originAfterIntruder = s.OriginRefs();
            return word;
        });

        Assert.Equal(ExitCode.Error, result.Code);
        Assert.Contains("ERROR: compliance-archives moved first, after this release's pre-flight", result.Output);
        Assert.Contains("Nothing of this release landed.", result.Output);
        Assert.DoesNotContain("PARTIAL", result.Output);
        Assert.Equal(originAfterIntruder, s.OriginRefs());
    }

    [Fact]
    public async Task The_first_release_creates_the_archive_branch()
    {
        using var s = new ReleaseScenario(git =>
        {
            Scenarios.Configure(git);
            git.SquashPullRequest(5, "BOL-5: First feature", new() { ["web/a.ts"] = "a\n" });
        });
        Assert.Null(s.Git.TryRemoteSha("compliance-archives"));

        var result = await s.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Equal(2, s.OriginFiles("compliance-archives", "releases").Count);
        var parents = GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "log", "--format=%P", "refs/heads/compliance-archives").Trim();
        Assert.Equal("", parents);
        Assert.Contains("PR #5 has no compliance archive.", s.LastRecord().GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public async Task Main_with_commits_staging_lacks_is_blocked_before_any_question()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        s.Git.DirectCommit("main", "direct push to main", new() { ["oops.txt"] = "oops\n" });
        var originBefore = s.OriginRefs();

        var result = await s.ReleaseAsync();

        Assert.Equal(ExitCode.Blocked, result.Code);
        Assert.Contains("ERROR: main has diverged from staging.", result.Output);
        Assert.Contains("main has 1 commit not in staging.", result.Output);
        Assert.Contains("Do NOT force-push.", result.Output);
        Assert.DoesNotContain("CONFIRM RELEASE", result.Output);
        Assert.Equal(originBefore, s.OriginRefs());
    }

    [Fact]
    public async Task Nothing_ahead_says_so_and_succeeds()
    {
        using var s = new ReleaseScenario();

        var result = await s.ReleaseAsync();

        Assert.Equal(ExitCode.Success, result.Code);
        Assert.Contains("Nothing to release.", result.Output);
        Assert.Contains($"staging and main are at the same commit: {s.Git.RemoteSha("main")}", result.Output);
    }

    [Fact]
    public async Task Releasing_from_another_branch_is_blocked()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        GitScenario.Run(s.Git.Releaser, "checkout", "--quiet", "-b", "feature/x");

        var result = await s.ReleaseAsync();

        Assert.Equal(ExitCode.Blocked, result.Code);
        Assert.Contains("Must be on staging or main branch to release (you are on feature/x)", result.Output);
        Assert.DoesNotContain("CONFIRM", result.Output);
    }

    [Fact]
    public async Task A_dry_run_from_another_branch_shows_the_whole_summary_and_says_where_a_release_must_run()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        GitScenario.Run(s.Git.Releaser, "checkout", "--quiet", "-b", "feature/x");
        var originBefore = s.OriginRefs();

        var result = await s.Runner.RunAsync(["release", "--dry-run", "--allow-unverified-ci", "no GitHub here"]);

        Assert.Equal(ExitCode.Blocked, result.Code);
        Assert.Contains("Must be on staging or main branch to release (you are on feature/x)", result.Output);
        Assert.Contains("PRODUCTION RELEASE SUMMARY", result.Output);
        Assert.Contains("#12", result.Output);
        Assert.Contains("you are on feature/x; a release must run from staging or main", System.Text.RegularExpressions.Regex.Replace(result.Output, @"\s+", " "));
        Assert.Equal(originBefore, s.OriginRefs());
    }

    [Fact]
    public async Task Without_a_code_host_CI_cannot_be_verified_so_the_release_is_blocked()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var originBefore = s.OriginRefs();

        var result = await s.Runner.RunAsync(["release"]);

        Assert.Equal(ExitCode.Blocked, result.Code);
        Assert.Contains("--allow-unverified-ci", result.Output);
        Assert.Contains("GH_TOKEN", result.Output);
        Assert.Equal(originBefore, s.OriginRefs());
    }

    [Fact]
    public async Task A_bad_configuration_names_file_line_and_key()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        Scenarios.ReleasedPolicy(s.Git, "tickets:\n  keys: [BOL]\nbranches:\n  stagin: develop");

        var result = await s.ReleaseAsync();

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains("origin/main:.shipgate.yml:4: branches.stagin: unknown key", result.Output);
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        using var s = new ReleaseScenario();
        var result = await s.Runner.RunAsync(["release", "--yes"]);
        Assert.Equal(ExitCode.Usage, result.Code);
    }
}
