using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;

namespace Shipgate.GitHub;

/// <summary>A GitHub token and where it came from; <see cref="Source"/> is what messages name, never the value.</summary>
internal sealed record GitHubToken(string Value, string Source)
{
    public const string GhCliSource = "`gh auth token`";

    /// <summary>How long `gh auth token` may take before Shipgate stops waiting for it.</summary>
    public static readonly TimeSpan GhTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Every variable a token may come from; all are registered as secrets.</summary>
    public static readonly string[] Variables = ["GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "GH_TOKEN", "GITHUB_TOKEN"];

    public override string ToString() => $"token from {Source}";

    /// <summary>
    /// Whether gh would treat <paramref name="host"/> as GitHub Enterprise: anything but github.com and
    /// GitHub's data-residency tenants (*.ghe.com), which take github.com's tokens.
    /// </summary>
    public static bool IsEnterprise(string host) =>
        !host.Equals("github.com", StringComparison.OrdinalIgnoreCase) && !host.EndsWith(".ghe.com", StringComparison.OrdinalIgnoreCase);

    /// <summary>The variables tried for <paramref name="host"/>, in order: the enterprise ones first for an enterprise host, as gh does.</summary>
    public static IReadOnlyList<string> VariablesFor(string host) => IsEnterprise(host) ? Variables : Variables[2..];

    /// <summary>
    /// For an enterprise host GH_ENTERPRISE_TOKEN, else GITHUB_ENTERPRISE_TOKEN; then GH_TOKEN, else
    /// GITHUB_TOKEN; else `gh auth token --hostname HOST` when gh is on PATH; null when none.
    /// </summary>
    public static async Task<GitHubToken?> FindAsync(Func<string, string?> environment, string host, CancellationToken ct = default)
    {
        foreach (var name in VariablesFor(host))
            if (environment(name) is { } value && !string.IsNullOrWhiteSpace(value))
                return new GitHubToken(value.Trim(), name);

        if (FindOnPath("gh", environment("PATH")) is not { } gh) return null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(GhTimeout);
        try
        {
            var result = await new Command(gh)
                .WithArguments(["auth", "token", "--hostname", host])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(timeout.Token);
            var token = result.StandardOutput.Trim();
            return result.ExitCode == 0 && token.Length > 0 && !token.Contains('\n') ? new GitHubToken(token, GhCliSource) : null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }

    private static string? FindOnPath(string program, string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        var names = OperatingSystem.IsWindows() ? new[] { program + ".exe", program + ".cmd" } : [program];
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in names)
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }
}
