using Shipgate.Tests.Support;

namespace Shipgate.Tests.Cli;

/// <summary>Ctrl-C (the run's cancellation) while git is at work: git is stopped, the run ends aborted, nothing changes.</summary>
[Trait("Category", "Integration")]
public sealed class InterruptTests
{
    [Fact]
    public async Task Ctrl_C_while_git_waits_on_the_remote_stops_it_and_the_run_ends_aborted()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var started = Path.Combine(s.Folder, "upload-pack-started");
        Interrupts.SlowUploadPack(s, started);
        var originBefore = s.OriginRefs();
        using var interrupt = new CancellationTokenSource();

        var ctrlC = Interrupts.CancelWhenAsync(started, interrupt);
        var result = await s.Runner.RunAsync(["release", "--allow-unverified-ci", "tests: no GitHub"], ct: interrupt.Token);
        await ctrlC;

        Assert.True(result.Code == ExitCode.Aborted, result.Output);
        Assert.Contains("Interrupted", result.Output);
        Assert.DoesNotContain("CONFIRM RELEASE", result.Output);
        Assert.Equal(originBefore, s.OriginRefs());
    }
}
