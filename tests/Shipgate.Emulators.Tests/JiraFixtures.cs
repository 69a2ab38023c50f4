using System.Text.Json.Nodes;
using static Shipgate.Emulators.Tests.Support;

namespace Shipgate.Emulators.Tests;

/// <summary>The Jira site the emulator tests talk to: two accounts, three projects (one hidden), and the ops issues asked for.</summary>
internal static class JiraFixtures
{
    public const string Email = "bot@acme.test";
    public const string ApiToken = "jira-api-token-secret";

    public static JiraFixture Fixture(int opsIssues = 3) => new JiraFixture
    {
        Users = { new JiraUserFixture(Email, ApiToken, "Release Bot"), new JiraUserFixture("ada@acme.test", "ada-token", "Ada") },
        Projects =
        {
            new JiraProjectFixture("OPS", "Operations"),
            new JiraProjectFixture("WEB", "Web shop"),
            new JiraProjectFixture("SEC", "Security") { VisibleTo = ["ada@acme.test"] },
        },
        Issues =
        {
            new JiraIssueFixture("WEB-7", "Checkout button", "In Review", "indeterminate"),
            new JiraIssueFixture("SEC-1", "Rotate keys", "Done", "done"),
        },
    }.WithIssues(Enumerable.Range(1, opsIssues).Select(i =>
        i % 3 == 0 ? new JiraIssueFixture($"OPS-{i}", $"Change {i}", "To Do", "new") : new JiraIssueFixture($"OPS-{i}", $"Change {i}", "Done", "done")));

    public static HttpClient Client(string email = Email, string token = ApiToken) => JiraClient(JiraEmulator.BasicAuthorization(email, token));

    public static string Adf(string text, string? href = null)
    {
        var node = new JsonObject { ["type"] = "text", ["text"] = text };
        if (href is not null)
        {
            node["marks"] = new JsonArray(new JsonObject { ["type"] = "link", ["attrs"] = new JsonObject { ["href"] = href } });
        }
        return new JsonObject
        {
            ["type"] = "doc",
            ["version"] = 1,
            ["content"] = new JsonArray(new JsonObject { ["type"] = "paragraph", ["content"] = new JsonArray(node) }),
        }.ToJsonString();
    }
}

internal static class JiraFixtureExtensions
{
    public static JiraFixture WithIssues(this JiraFixture fixture, IEnumerable<JiraIssueFixture> issues)
    {
        fixture.Issues.AddRange(issues);
        return fixture;
    }
}
