using Shipgate.Cli;
using Shipgate.Emulators;

namespace Shipgate.Sandbox;

/// <summary>
/// One sandbox run: a throw-away repository with a bare origin, GitHub and Linear (or Jira) played by emulators,
/// and <c>shipgate release</c> in it. Ctrl-C (the token) aborts it like a release; the temporary folder
/// is removed afterwards unless <c>--keep</c>.
/// </summary>
internal static class SandboxRun
{
    public const string KeepOption = "--keep";

    /// <summary><c>--tracker jira</c> plays Jira instead of Linear.</summary>
    public const string TrackerOption = "--tracker";

    /// <param name="args">Arguments for <c>shipgate release</c>, plus <c>--keep</c> to leave the folder.</param>
    /// <param name="host">The CLI host (the process's own, or a test's); its working folder and environment are replaced.</param>
    public static async Task<int> RunAsync(string[] args, CliHost host, TextWriter output, CancellationToken ct, string? root = null)
    {
        var keep = args.Contains(KeepOption);
        var at = Array.IndexOf(args, TrackerOption);
        var tracker = at >= 0 && at + 1 < args.Length ? args[at + 1] : at >= 0 ? "" : "linear";
        if (tracker is not ("linear" or "jira"))
        {
            output.WriteLine($"{TrackerOption} takes linear or jira (the tracker the sandbox plays), for example {TrackerOption} jira.");
            return (int)ExitCode.Usage;
        }
        if (at >= 0) args = [.. args[..at], .. args[(at + 2)..]];
        root ??= Path.Combine(Path.GetTempPath(), $"shipgate-sandbox-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        int code;
        try
        {
            code = await ReleaseAsync([.. args.Where(a => a != KeepOption)], host, output, root, tracker == "jira", ct);
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

    private static async Task<int> ReleaseAsync(string[] args, CliHost host, TextWriter output, string root, bool jira, CancellationToken ct)
    {
        output.WriteLine($"Creating the sandbox repository in {root} ...");
        var scenario = DemoRepository.Create(root);
        output.WriteLine($"Releaser's clone: {scenario.Releaser}   (origin: {scenario.Origin})");
        output.WriteLine();

        var environment = new Dictionary<string, string?> { ["XDG_STATE_HOME"] = Path.Combine(root, "state") };
        // Linear (or Jira, with --tracker jira), played by an emulator: real ticket tables in the summary, and the
        // release comments land there.
        await using var linear = jira ? null : await LinearEmulator.StartAsync(DemoLinear.Workspace());
        await using var site = jira ? await JiraEmulator.StartAsync(DemoJira.Site()) : null;
        // The other tracker is not played, and never the operator's real one.
        (environment["LINEAR_API_KEY"], environment["JIRA_BASE_URL"], environment["JIRA_API_TOKEN"]) = (null, null, null);
        if (linear is not null)
        {
            environment["LINEAR_API_KEY"] = DemoLinear.ApiKey;
            environment["LINEAR_API_URL"] = linear.Url;
        }
        if (site is not null)
        {
            environment["JIRA_BASE_URL"] = site.BaseUrl;
            environment["JIRA_EMAIL"] = DemoJira.Email;
            environment["JIRA_API_TOKEN"] = DemoJira.ApiToken;
        }
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
            if (linear is not null)
                foreach (var comment in DemoLinear.Comments(linear)) output.WriteLine($"Linear comment on {comment}");
            if (site is not null)
                foreach (var update in DemoJira.Updates(site)) output.WriteLine($"Jira {update}");
        }
        return code;
    }
}
