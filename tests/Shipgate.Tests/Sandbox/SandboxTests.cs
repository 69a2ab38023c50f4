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

    [Fact]
    public async Task With_tracker_jira_the_sandbox_plays_Jira_and_the_release_lands_there()
    {
        using var temp = new TempFolder();
        var root = Path.Combine(temp.Path, "sandbox");
        var output = new StringWriter();

        var code = await SandboxRun.RunAsync(["--tracker", "jira"], Host(output, () => new WordTyper(output)), output, CancellationToken.None, root);

        Assert.True(code == 0, output.ToString());
        Assert.Contains("JIRA TICKETS INCLUDED", output.ToString());
        Assert.Contains("Jira tickets updated with release comment: BOL-396, BOL-407", output.ToString());
        // The comment's first line, as Jira shows it: never its lines glued together with the links.
        Assert.Matches(@"Jira BOL-407: Released to production in release-[0-9-]+; links: https://\S+; fix versions: release-", output.ToString());
        Assert.DoesNotContain("Linear comment", output.ToString());
    }

    [Fact]
    public async Task An_unknown_tracker_is_a_usage_error_before_anything_is_made()
    {
        using var temp = new TempFolder();
        var root = Path.Combine(temp.Path, "sandbox");
        var output = new StringWriter();

        var code = await SandboxRun.RunAsync(["--tracker", "trello"], Host(output, () => null), output, CancellationToken.None, root);

        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Contains("--tracker takes linear or jira", output.ToString());
        Assert.False(Directory.Exists(root));
    }

    /// <summary>A terminal whose user types the word the screen shows.</summary>
    private sealed class WordTyper(StringWriter output) : TextReader
    {
        public override string? ReadLine() =>
            System.Text.RegularExpressions.Regex.Match(output.ToString(), @"type the word: (\S+)") is { Success: true } m ? m.Groups[1].Value : null;
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
