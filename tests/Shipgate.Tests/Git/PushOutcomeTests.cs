using System.Diagnostics;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Git;

/// <summary>
/// A release push that does not land, told truly, over a real bare origin: the remote's own refusal,
/// a race lost to another release or push, Ctrl-C during the push. Never PARTIAL while origin is whole.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PushOutcomeTests
{
    private static void Hook(ReleaseScenario s, string name, string script)
    {
        var hook = Path.Combine(s.Git.Origin, "hooks", name);
        File.WriteAllText(hook, "#!/bin/sh\n" + script);
        using var chmod = Process.Start("chmod", ["+x", hook])!;
        chmod.WaitForExit();
    }

    [Fact]
    public async Task A_protected_branch_refusal_is_shown_in_the_remote_own_words()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        Hook(s, "pre-receive", """
            cat > /dev/null
            echo "error: GH006: Protected branch update failed for refs/heads/main." >&2
            echo "error: Changes must be made through a pull request." >&2
            exit 1
            """);
        var originBefore = s.OriginRefs();

        var result = await s.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Error, result.Output);
        Assert.Contains("ERROR: the remote refused the release.\nNothing of it landed", result.Output);
        Assert.Contains("remote: error: GH006: Protected branch update failed for refs/heads/main.\n", result.Output);
        Assert.Contains("remote: error: Changes must be made through a pull request.\n", result.Output);
        Assert.Contains("git: refs/heads/main: [remote rejected] (pre-receive hook declined)", result.Output);
        Assert.DoesNotContain("PARTIAL", result.Output);
        Assert.DoesNotContain("RELEASE COMPLETE", result.Output);
        Assert.Equal(originBefore, s.OriginRefs());
    }

    [Fact]
    public async Task A_release_that_lost_the_race_to_another_release_says_so_and_where_main_and_the_record_are()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var second = Path.Combine(s.Folder, "second-releaser");
        GitScenario.Run(s.Folder, "clone", "--quiet", "--branch", "staging", s.Git.Origin, second);
        GitScenario.Run(second, "config", "user.name", "Otto Other");
        GitScenario.Run(second, "config", "user.email", "otto@example.com");
        var other = new ShipgateRunner(second, Path.Combine(s.Folder, "state-second"));
        var mainBefore = s.Git.RemoteSha("main");
        var archiveBefore = s.Git.RemoteSha("compliance-archives");
        RunResult? otherRelease = null;

        // Between this release's pre-flight and its push, another releaser releases the same staging.
        var result = await s.ReleaseAsync(word =>
        {
            otherRelease = other.RunAsync(["release", "--allow-unverified-ci", "tests: no GitHub"]).GetAwaiter().GetResult();
            return word;
        });

        Assert.True(otherRelease!.Code == ExitCode.Success, otherRelease.Output);
        var originAfterOther = s.OriginRefs();
        Assert.True(result.Code == ExitCode.Error, result.Output);
        Assert.Contains("ERROR: another release landed first, after this release's pre-flight.\nNothing of this release landed.", result.Output);
        var archiveNow = s.Git.RemoteSha("compliance-archives");
        Assert.Contains($"- compliance-archives: {archiveNow[..7]} (moved by someone else; it was {archiveBefore[..7]})", result.Output);
        Assert.Contains($"- main: {s.Git.RemoteSha("main")[..7]} (moved by someone else, to the commit this push would have set; it was {mainBefore[..7]})",
            result.Output);
        Assert.DoesNotContain("PARTIAL", result.Output);
        Assert.Equal(originAfterOther, s.OriginRefs());
        Assert.Single(s.ReleaseIds());
        Assert.Equal("Otto Other", s.LastRecord().GetProperty("released_by").GetString());
    }

    [Fact]
    public async Task A_race_lost_inside_the_remote_is_told_as_a_lost_race_not_a_split()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        // A commit on top of main waits on origin in a side branch; while this release's push is being
        // received, someone else's push moves main to it (the hook plays that other push).
        s.Git.Dev("checkout", "--quiet", "-b", "hotfix", "origin/main");
        s.Git.Dev("commit", "--quiet", "--allow-empty", "-m", "hotfix pushed meanwhile");
        s.Git.Dev("push", "--quiet", "origin", "hotfix");
        Hook(s, "pre-receive", """
            cat > /dev/null
            env -u GIT_QUARANTINE_PATH git update-ref refs/heads/main refs/heads/hotfix
            """);

        var result = await s.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Error, result.Output);
        Assert.Contains("ERROR: a push to main landed first", result.Output);
        Assert.Contains("Nothing of this release landed.", result.Output);
        Assert.Contains($"- main: {s.Git.RemoteSha("hotfix")[..7]} (moved by someone else;", result.Output);
        Assert.Contains($"- compliance-archives: {s.Git.RemoteSha("compliance-archives")[..7]} (as before)", result.Output);
        Assert.DoesNotContain("PARTIAL", result.Output);
        Assert.Equal(s.Git.RemoteSha("hotfix"), s.Git.RemoteSha("main"));
        Assert.Empty(s.ReleaseIds());
    }

    [Fact]
    public async Task Ctrl_C_during_the_push_is_an_interruption_not_a_refusal()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var receiving = Path.Combine(s.Folder, "push-being-received");
        // The remote takes its time deciding (up to 30 s), then refuses: only Ctrl-C ends the push sooner.
        Hook(s, "pre-receive", $"""
            cat > /dev/null
            touch '{receiving}'
            i=0
            while [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
            echo "error: too late" >&2
            exit 1
            """);
        var originBefore = s.OriginRefs();
        using var interrupt = new CancellationTokenSource();

        var ctrlC = Interrupts.CancelWhenAsync(receiving, interrupt);
        var result = await s.Runner.RunAsync(["release", "--allow-unverified-ci", "tests: no GitHub"], word => word, interrupt.Token);
        await ctrlC;

        Assert.True(result.Code == ExitCode.Aborted, result.Output);
        Assert.Contains("Release interrupted (Ctrl-C) during the push.\nOrigin, asked afterwards, holds nothing of this release.", result.Output);
        Assert.Contains($"- main: {s.Git.RemoteSha("main")[..7]} (as before)", result.Output);
        Assert.DoesNotContain("refused", result.Output);
        Assert.DoesNotContain("too late", result.Output);
        Assert.DoesNotContain("PARTIAL", result.Output);
        Assert.Equal(originBefore, s.OriginRefs());
    }

    [Fact]
    public async Task What_a_killed_run_left_in_the_temp_folder_is_removed_by_the_next_release()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var leftover = Path.Combine(Path.GetTempPath(), "shipgate-index-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(leftover);
        File.WriteAllText(Path.Combine(leftover, "owner"), "");
        File.WriteAllText(Path.Combine(leftover, "index"), "index of a run killed with kill -9");
        Directory.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddHours(-1));

        var result = await s.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.False(Directory.Exists(leftover));
    }
}
