using System.ComponentModel;
using System.Text;
using CliWrap;

namespace Shipgate.Git;

/// <summary>The outcome of one git process.</summary>
internal sealed record GitResult(int ExitCode, byte[] Output, string Error)
{
    public string Text => Encoding.UTF8.GetString(Output);
}

/// <summary>A git command that exited non-zero. The message is already free of secrets.</summary>
internal sealed class GitException(string message) : ShipgateException(ExitCode.Error, message);

/// <summary>
/// Runs the git CLI in one repository. Git is the source of truth for everything local; running
/// it (rather than a library) means hooks, credentials and config behave exactly as for the user.
/// Counts processes so tests can prove the release uses a constant number of them.
/// </summary>
/// <param name="options">Git's own options put before every command (e.g. <c>-c key=value</c>): how a repository that is not
/// the user's, such as the organisation cache, is read without trusting its config.</param>
internal sealed class GitCli(string workingDirectory, Secrets secrets, IReadOnlyList<string>? options = null)
{
    private static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(5);
    private int _processCount;

    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>How many git processes this instance started.</summary>
    public int ProcessCount => _processCount;

    /// <param name="readOutput">Reads git's output as it comes (a long log is parsed while git still writes it); the result's
    /// <see cref="GitResult.Output"/> is then empty. It must read the stream to its end.</param>
    public async Task<GitResult> TryRunAsync(IReadOnlyList<string> args, byte[]? input = null,
        IReadOnlyDictionary<string, string?>? environment = null, CancellationToken ct = default,
        Func<Stream, CancellationToken, Task>? readOutput = null)
    {
        Interlocked.Increment(ref _processCount);
        var env = new Dictionary<string, string?>
        {
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["LC_ALL"] = "C",
            ["LANGUAGE"] = null,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            env[key] = value;

        using var stdout = new MemoryStream();
        var stderr = new StringBuilder();
        var command = new Command("git")
            .WithArguments(options is null ? args : [.. options, .. args])
            .WithWorkingDirectory(WorkingDirectory)
            .WithEnvironmentVariables(env)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(readOutput is null ? PipeTarget.ToStream(stdout) : PipeTarget.Create(readOutput))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr));
        if (input is not null)
            command = command.WithStandardInputPipe(PipeSource.FromBytes(input));
        // Ctrl-C asks git to stop (SIGINT), so that it removes its own lock files; a git that has not
        // stopped a few seconds later is killed.
        using var forceful = new CancellationTokenSource();
        using var escalate = ct.Register(() => forceful.CancelAfter(InterruptGrace));
        try
        {
            var result = await command.ExecuteAsync(forceful.Token, ct);
            return new GitResult(result.ExitCode, stdout.ToArray(), stderr.ToString());
        }
        catch (Win32Exception)
        {
            throw new ShipgateException(ExitCode.Error, "git was not found on PATH. Install git 2.30 or newer.");
        }
    }

    /// <summary>Runs git and returns its output; a non-zero exit becomes a <see cref="GitException"/>.</summary>
    public async Task<GitResult> RunAsync(IReadOnlyList<string> args, byte[]? input = null,
        IReadOnlyDictionary<string, string?>? environment = null, CancellationToken ct = default,
        Func<Stream, CancellationToken, Task>? readOutput = null)
    {
        var result = await TryRunAsync(args, input, environment, ct, readOutput);
        if (result.ExitCode != 0)
            throw Failure(args, result);
        return result;
    }

    public async Task<string> TextAsync(IReadOnlyList<string> args, CancellationToken ct) => (await RunAsync(args, ct: ct)).Text;

    /// <summary>Git's words with every known secret blanked, before they go anywhere.</summary>
    public string Redact(string text) => secrets.Redact(text);

    public GitException Failure(IReadOnlyList<string> args, GitResult result)
    {
        var detail = result.Error.Trim();
        if (detail.Length == 0) detail = $"exit code {result.ExitCode}";
        return new GitException(secrets.Redact($"git {args[0]} failed: {detail}"));
    }
}
