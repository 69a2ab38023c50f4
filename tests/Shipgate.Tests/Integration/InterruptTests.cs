using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Integration;

/// <summary>Ctrl-C (the run's cancellation) while git is at work: git is stopped, the run ends aborted, nothing changes.</summary>
public sealed class InterruptTests
{
    /// <summary>
    /// Makes the releaser's fetches and ls-remotes wait on origin: the upload-pack origin runs first
    /// writes <paramref name="started"/>, then waits up to 30 s before serving.
    /// </summary>
    internal static void SlowUploadPack(ReleaseScenario s, string started)
    {
        var script = Path.Combine(s.Folder, "slow-upload-pack");
        File.WriteAllText(script, $"""
            #!/bin/sh
            touch '{started}'
            i=0
            while [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
            exec git-upload-pack "$@"
            """);
        using (var chmod = System.Diagnostics.Process.Start("chmod", ["+x", script])!) chmod.WaitForExit();
        GitScenario.Run(s.Git.Releaser, "config", "remote.origin.uploadpack", script);
    }

    /// <summary>Cancels <paramref name="interrupt"/> once <paramref name="file"/> exists: Ctrl-C at that moment.</summary>
    internal static async Task CancelWhenAsync(string file, CancellationTokenSource interrupt)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!File.Exists(file)) await Task.Delay(20, limit.Token);
        await interrupt.CancelAsync();
    }

    [Fact]
    public async Task Ctrl_C_while_git_waits_on_the_remote_stops_it_and_the_run_ends_aborted()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var started = Path.Combine(s.Folder, "upload-pack-started");
        SlowUploadPack(s, started);
        var originBefore = s.OriginRefs();
        using var interrupt = new CancellationTokenSource();

        var ctrlC = CancelWhenAsync(started, interrupt);
        var result = await s.Runner.RunAsync(["release", "--allow-unverified-ci", "tests: no GitHub"], ct: interrupt.Token);
        await ctrlC;

        Assert.True(result.Code == ExitCode.Aborted, result.Output);
        Assert.Contains("Interrupted", result.Output);
        Assert.DoesNotContain("CONFIRM RELEASE", result.Output);
        Assert.Equal(originBefore, s.OriginRefs());
    }
}
