using Shipgate.Emulators;

namespace Shipgate.Sandbox;

/// <summary>
/// The sandbox's Jira site (<c>--tracker jira</c>), served by the Jira emulator on 127.0.0.1: the tickets of
/// <see cref="DemoRepository"/> in a project BOL, so the summary, the comments, the remote links and the
/// release's Jira version land somewhere you can read them.
/// </summary>
internal static class DemoJira
{
    /// <summary>An account and API token the emulator accepts; they mean nothing anywhere else.</summary>
    public const string Email = "rita@example.com";
    public const string ApiToken = "sandbox-jira-token-0000000000";

    public static JiraFixture Site() => new()
    {
        Users = [new JiraUserFixture(Email, ApiToken, "Rita Releaser")],
        Projects = [new JiraProjectFixture("BOL", "Bolt")],
        Issues =
        [
            new JiraIssueFixture("BOL-407", "Session auth for browser API endpoints", "Done", "done"),
            new JiraIssueFixture("BOL-396", "Simplify velocity RMS", "In Review", "indeterminate"),
        ],
    };

    /// <summary>What the release left on each ticket: its comment's first line, its remote links and fix versions.</summary>
    public static IEnumerable<string> Updates(JiraEmulator jira) => jira.Read(state => state.Issues.Select(issue =>
        $"{issue.Key}: {string.Join(" | ", state.CommentsOn(issue.Key).Select(c => c.Lines.FirstOrDefault() ?? ""))}; " +
        $"links: {string.Join(", ", state.RemoteLinksOn(issue.Key).Select(l => l.Url))}; " +
        $"fix versions: {string.Join(", ", state.FixVersionsOf(issue.Key))}").ToList());
}
