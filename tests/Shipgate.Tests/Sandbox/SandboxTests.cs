using Shipgate.Cli;
using Shipgate.Sandbox;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Sandbox;

/// <summary>The quick-start sandbox: cleans up after itself, keeps its folder when asked, and a Ctrl-C at the prompt aborts with nothing written.</summary>
[Trait("Category", "Integration")]
public sealed class SandboxTests
{
    private static CliHost Host(StringWriter output, Func<TextReader?> terminal) =>
        new(CapturedConsole.Create(output), terminal, name => name is "PATH" or "HOME" ? Environment.GetEnvironmentVariable(name) : null,
            TimeProvider.System, Path.GetTempPath());

    [Fact]
    public async Task A_dry_run_removes_its_temporary_folder()
    {
        using var temp = new TempFolder();
        var root = Path.Combine(temp.Path, "sandbox");
        var output = new StringWriter();

        var code = await SandboxRun.RunAsync(["--dry-run"], Host(output, () => null), output, CancellationToken.None, root);

        Assert.True(code == 0, output.ToString());
        Assert.Contains("PRODUCTION RELEASE SUMMARY", output.ToString());
        Assert.False(Directory.Exists(root));
        Assert.Contains("Sandbox removed", output.ToString());
    }

    [Fact]
    public async Task Keep_leaves_the_folder()
    {
        using var temp = new TempFolder();
        var root = Path.Combine(temp.Path, "sandbox");
        var output = new StringWriter();

        var code = await SandboxRun.RunAsync(["--dry-run", "--keep"], Host(output, () => null), output, CancellationToken.None, root);

        Assert.True(code == 0, output.ToString());
        Assert.True(Directory.Exists(Path.Combine(root, "origin.git")));
        Assert.Contains($"Sandbox kept in {root}", output.ToString());
    }

    [Fact]
    public async Task Ctrl_C_at_the_prompt_aborts_says_nothing_was_written_and_cleans_up()
    {
        using var temp = new TempFolder();
        var root = Path.Combine(temp.Path, "sandbox");
        var output = new StringWriter();
        using var interrupted = new CancellationTokenSource();
        using var released = new ManualResetEventSlim();
        try
        {
            var code = await SandboxRun.RunAsync([], Host(output, () => new CtrlCAtPrompt(interrupted, released)), output, interrupted.Token, root);

            Assert.True(code == (int)ExitCode.Aborted, output.ToString());
            Assert.Contains("type the word", output.ToString());
            Assert.Contains("Aborted: nothing was written.", output.ToString());
            Assert.DoesNotContain("compliance-archives branch with", output.ToString());
            Assert.False(Directory.Exists(root));
        }
        finally
        {
            released.Set();
        }
    }

    /// <summary>A terminal whose user presses Ctrl-C instead of typing: the token is cancelled while ReadLine waits.</summary>
    private sealed class CtrlCAtPrompt(CancellationTokenSource interrupted, ManualResetEventSlim released) : TextReader
    {
        public override string? ReadLine()
        {
            interrupted.Cancel();
            released.Wait();
            return null;
        }
    }
}
