using Shipgate.Emulators;

namespace Shipgate.Sandbox;

/// <summary>
/// The sandbox's Linear workspace, served by the Linear emulator on 127.0.0.1: the tickets of
/// <see cref="DemoRepository"/> with their states, so the summary shows real ticket tables and the
/// release comments land somewhere you can read them.
/// </summary>
internal static class DemoLinear
{
    /// <summary>A personal API key the emulator accepts; it means nothing anywhere else.</summary>
    public const string ApiKey = "lin_api_sandbox0000000000000000000000000000";

    public static LinearFixture Workspace() => new()
    {
        ApiKeys = { [ApiKey] = new LinearUserFixture("Rita Releaser", "rita@example.com") },
        UrlKey = "acme",
        Teams = [new LinearTeamFixture("BOL", "Bolt")],
        Issues =
        [
            new LinearIssueFixture("BOL-407", "Session auth for browser API endpoints", "Done"),
            new LinearIssueFixture("BOL-396", "Simplify velocity RMS", "In Review"),
        ],
    };

    /// <summary>The comments the release left, as "BOL-407: first line of the body" lines.</summary>
    public static IEnumerable<string> Comments(LinearEmulator linear) =>
        linear.State.Comments.Select(c =>
            $"{linear.State.Issues.Find(i => i.Id == c.IssueId)?.Identifier ?? c.IssueId}: " +
            $"{string.Join(" | ", c.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries))}");
}
