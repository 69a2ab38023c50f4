using Shipgate.Cli;
using Shipgate.Emulators;
using Shipgate.Testing;

namespace Shipgate.Sandbox;

/// <summary>
/// One sandbox run: a throw-away repository with a bare origin, GitHub and Linear played by emulators,
/// and <c>shipgate release</c> in it. Ctrl-C (the token) aborts it like a release; the temporary folder
/// is removed afterwards unless <c>--keep</c>.
/// </summary>
internal static class SandboxRun
{
    public const string KeepOption = "--keep";

    /// <param name="args">Arguments for <c>shipgate release</c>, plus <c>--keep</c> to leave the folder.</param>
    /// <param name="host">The CLI host (the process's own, or a test's); its working folder and environment are replaced.</param>
    public static async Task<int> RunAsync(string[] args, CliHost host, TextWriter output, CancellationToken ct, string? root = null)
    {
        var keep = args.Contains(KeepOption);
        root ??= Path.Combine(Path.GetTempPath(), $"shipgate-sandbox-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        int code;
        try
        {
            code = await ReleaseAsync([.. args.Where(a => a != KeepOption)], host, output, root, ct);
        }
        finally
        {
            if (!keep && Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
        output.WriteLine();
        if (code == (int)ExitCode.Aborted)
            output.WriteLine("Aborted: nothing was written. Origin's branches, the archive branch and the tags are as they were.");
        if (keep)
        {
            output.WriteLine($"Sandbox kept in {root}.");
            if (code == (int)ExitCode.Success)
                output.WriteLine("Look at origin's compliance-archives branch with: " +
                    $"git -C {Path.Combine(root, "origin.git")} log --stat compliance-archives");
        }
        else output.WriteLine($"Sandbox removed ({root}); run it with {KeepOption} to look around afterwards.");
        return code;
    }

    private static async Task<int> ReleaseAsync(string[] args, CliHost host, TextWriter output, string root, CancellationToken ct)
    {
        output.WriteLine($"Creating the sandbox repository in {root} ...");
        var scenario = DemoRepository.Create(root);
        output.WriteLine($"Releaser's clone: {scenario.Releaser}   (origin: {scenario.Origin})");
        output.WriteLine();

        var environment = new Dictionary<string, string?> { ["XDG_STATE_HOME"] = Path.Combine(root, "state") };
        // Linear, played by the emulator: real ticket tables in the summary, and the release comments land there.
        await using var linear = await LinearEmulator.StartAsync(DemoLinear.Workspace());
        environment["LINEAR_API_KEY"] = DemoLinear.ApiKey;
        environment["LINEAR_API_URL"] = linear.Url;
        // GitHub, played by the emulator: CI checks, reviews, the open-PR warning and the deployment run.
        await using var github = await DemoGitHub.StartAsync(scenario);
        foreach (var (name, value) in github.Environment) environment[name] = value;
        var outer = host.Environment;
        var sandboxHost = host with
        {
            WorkingDirectory = scenario.Releaser,
            Environment = name => environment.TryGetValue(name, out var value) ? value : outer(name),
        };
        var code = await ShipgateCli.RunAsync(["release", .. args], sandboxHost, ct);
        if (code == (int)ExitCode.Success)
        {
            output.WriteLine();
            foreach (var comment in DemoLinear.Comments(linear)) output.WriteLine($"Linear comment on {comment}");
        }
        return code;
    }
}
