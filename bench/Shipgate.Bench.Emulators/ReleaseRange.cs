using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Shipgate.Bench;

/// <summary>A merged PR as its merge commit tells it: "Merge pull request #N from owner/branch", the PR's title in the body.</summary>
internal sealed record MergedPullRequest(int Number, string Title, string HeadRef, string MergeSha);

/// <summary>What the emulators must know of the release range origin/main..origin/staging of a clone: its PRs, its tickets, staging's head.</summary>
internal sealed partial record ReleaseRange(string StagingHead, string MainHead, IReadOnlyList<MergedPullRequest> PullRequests, IReadOnlyList<string> Tickets)
{
    public static ReleaseRange Read(string repo)
    {
        var log = Git(repo, "log", "--format=%H%x1f%s%x1f%b%x1e", "origin/main..origin/staging");
        var pullRequests = new List<MergedPullRequest>();
        var tickets = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in log.Split('\x1e', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split('\x1f');
            var (sha, subject, body) = (parts[0], parts[1], parts.Length > 2 ? parts[2] : "");
            foreach (Match ticket in Ticket().Matches(subject + "\n" + body)) tickets.Add(ticket.Value);
            if (Merge().Match(subject) is { Success: true } merge)
            {
                var title = body.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? subject;
                pullRequests.Add(new MergedPullRequest(int.Parse(merge.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                    title, merge.Groups[2].Value, sha));
            }
        }
        return new ReleaseRange(Git(repo, "rev-parse", "origin/staging").Trim(), Git(repo, "rev-parse", "origin/main").Trim(), pullRequests, [.. tickets]);
    }

    private static string Git(string repo, params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(repo);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return git.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', args)} failed in {repo}");
    }

    [GeneratedRegex(@"^Merge pull request #(\d+) from [^/\s]+/(\S+)")]
    private static partial Regex Merge();

    [GeneratedRegex(@"\bBOL-\d+\b")]
    private static partial Regex Ticket();
}
