using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Shipgate.Config;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Cli;

/// <summary>
/// The published executable at a real pseudo-terminal (util-linux <c>script</c> allocates it):
/// the confirmation must work when a person types at a terminal, not only with piped input.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class TerminalTests
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "shipgate");

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiSequence();

    private sealed class Terminal : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _screen = new();
        private readonly Task _reader;
        private TaskCompletionSource _drawn = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Terminal(string folder, string stateFolder, string command)
        {
            // script runs the command through $SHELL; exec makes shipgate the terminal's foreground
            // process itself, so Ctrl-C reaches only shipgate and not a waiting shell (dash dies of it).
            var info = new ProcessStartInfo("script", ["-qfec", "exec " + command, "/dev/null"])
            {
                WorkingDirectory = folder,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            info.Environment["XDG_STATE_HOME"] = stateFolder;
            info.Environment["TERM"] = "xterm-256color";
            info.Environment["SHELL"] = "/bin/sh";
            info.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
            foreach (var secret in new[] { "GH_TOKEN", "GITHUB_TOKEN", "LINEAR_API_KEY" }) info.Environment.Remove(secret);
            _process = Process.Start(info)!;
            _reader = Task.Run(async () =>
            {
                var buffer = new char[4096];
                int read;
                while ((read = await _process.StandardOutput.ReadAsync(buffer)) > 0)
                {
                    lock (_screen) _screen.Append(buffer, 0, read);
                    Drawn();
                }
                Drawn();
            });
        }

        public string Screen
        {
            get { lock (_screen) return AnsiSequence().Replace(_screen.ToString(), ""); }
        }

        /// <summary>Waits (60 s at most: a bound on a hang, not a measure) until the screen shows <paramref name="pattern"/>, woken by each output.</summary>
        public async Task<string> WaitForAsync(Regex pattern)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                Task drawn;
                lock (_screen) drawn = _drawn.Task;
                if (pattern.IsMatch(Screen)) return pattern.Match(Screen).Groups[1].Value;
                if (_reader.IsCompleted) throw new Xunit.Sdk.XunitException("shipgate exited early:\n" + Screen);
                await drawn.WaitAsync(timeout.Token);
            }
        }

        private void Drawn()
        {
            TaskCompletionSource drawn;
            lock (_screen) (drawn, _drawn) = (_drawn, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            drawn.TrySetResult();
        }

        public async Task TypeAsync(string keys)
        {
            await _process.StandardInput.WriteAsync(keys);
            await _process.StandardInput.FlushAsync();
        }

        public async Task<int> ExitCodeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(timeout.Token);
            // The process may exit before the reader has taken its last output: the screen is whole only at end of stream.
            await _reader.WaitAsync(timeout.Token);
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }

    [Fact]
    public async Task The_word_typed_at_a_terminal_releases()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        using var terminal = new Terminal(s.Git.Releaser, Path.Combine(s.Folder, "state"), $"{Executable} release --allow-unverified-ci 'terminal test'");

        var word = await terminal.WaitForAsync(new Regex(@"type the word: (\S+)"));
        await terminal.WaitForAsync(new Regex(@"(> )"));
        await terminal.TypeAsync(word + "\r");

        Assert.True(await terminal.ExitCodeAsync() == 0, terminal.Screen);
        Assert.Contains("RELEASE COMPLETE", terminal.Screen);
        Assert.Equal(s.Git.RemoteSha("staging"), s.Git.RemoteSha("main"));
        Assert.Equal("terminal", s.LastRecord().GetProperty("confirmation").GetProperty("channel").GetString());
    }

    [Fact]
    public async Task Piped_input_without_a_terminal_cannot_confirm_and_changes_nothing()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var originBefore = s.OriginRefs();
        // setsid: a new session with no controlling terminal, as in CI or a daemon; stdin carries every word a script could guess.
        var info = new ProcessStartInfo("setsid", ["-w", Executable, "release", "--allow-unverified-ci", "piped test"])
        {
            WorkingDirectory = s.Git.Releaser,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["XDG_STATE_HOME"] = Path.Combine(s.Folder, "state");
        info.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        foreach (var secret in new[] { "GH_TOKEN", "GITHUB_TOKEN", "LINEAR_API_KEY" }) info.Environment.Remove(secret);
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(string.Concat(ShipgateConfig.SeedWords.Select(w => w + "\n")));
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == (int)ExitCode.NoTerminal, output);
        Assert.Contains("needs a person at a terminal", output);
        Assert.Contains("shipgate release --dry-run", output);
        Assert.DoesNotContain("type the word", output);
        Assert.Equal(originBefore, s.OriginRefs());
        Assert.False(Directory.Exists(Path.Combine(s.Folder, "state", "shipgate")), "no word was drawn or remembered");
    }

    [Fact]
    public async Task Ctrl_C_at_the_prompt_aborts_and_changes_nothing()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var originBefore = s.OriginRefs();
        using var terminal = new Terminal(s.Git.Releaser, Path.Combine(s.Folder, "state"), $"{Executable} release --allow-unverified-ci 'terminal test'");

        await terminal.WaitForAsync(new Regex(@"type the word: (\S+)"));
        await terminal.WaitForAsync(new Regex(@"(> )"));
        await terminal.TypeAsync("\x03");

        Assert.True(await terminal.ExitCodeAsync() == (int)ExitCode.Aborted, terminal.Screen);
        Assert.Contains("Release aborted (interrupted). Nothing was changed.", terminal.Screen);
        Assert.Equal(originBefore, s.OriginRefs());
    }
}
