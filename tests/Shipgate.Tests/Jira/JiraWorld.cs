using System.Text;
using Shipgate.Emulators;
using Shipgate.Integrations;
using Shipgate.Jira;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Jira;

/// <summary>Jira sites for the tests, clients pointed at their emulator, and the checks every Jira test makes of the wire.</summary>
internal static class JiraWorld
{
    public const string Email = "release-bot@acme.test";
    public const string ApiToken = "ATATT3xFfGF0-jira-token-7c1e9a";

    /// <summary>The Authorization value's secret part, base64(email:token): as secret as the token.</summary>
    public static string BasicCredentials => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Email}:{ApiToken}"));

    public static JiraFixture Site(IEnumerable<JiraIssueFixture> issues, params string[] projects) => new()
    {
        Users = [new JiraUserFixture(Email, ApiToken, "Release Bot")],
        Projects = [.. (projects.Length > 0 ? projects : ["OPS", "WEB"]).Select(k => new JiraProjectFixture(k, $"Project {k}"))],
        Issues = [.. issues],
    };

    public static IEnumerable<JiraIssueFixture> Done(string project, int from, int to) =>
        Enumerable.Range(from, to - from + 1).Select(n => new JiraIssueFixture($"{project}-{n}", $"{project} change {n}", "Done", "done"));

    /// <summary>OPS-1 done, OPS-2 in review, WEB-7 done; OPS-404 is not in Jira.</summary>
    public static JiraFixture SmallSite() => Site(
    [
        new JiraIssueFixture("OPS-1", "Rotate the signing keys", "Done", "done"),
        new JiraIssueFixture("OPS-2", "Tune the cache", "In Review", "indeterminate"),
        new JiraIssueFixture("WEB-7", "Checkout button", "Done", "done"),
    ]);

    /// <summary>
    /// A client on fake time (<see cref="SteppingClock"/>), shared with the emulator's faults, so a 2 s Retry-After passes
    /// at once; the retries' waits go into <paramref name="waits"/>.
    /// </summary>
    public static JiraClient Client(JiraEmulator jira, List<TimeSpan>? waits = null, string token = ApiToken, Secrets? secrets = null)
    {
        var clock = new SteppingClock();
        jira.Faults.Clock = clock;
        return new(new JiraSettings(new Uri(jira.BaseUrl), Email, token)
        {
            Clock = clock,
            Retry = JiraSettings.DefaultRetry with { AttemptTimeout = JiraSettings.DefaultRetry.Budget },
        }, secrets ?? new Secrets(), new WaitLog(waits ?? []));
    }

    private sealed class WaitLog(List<TimeSpan> waits) : IProgress<ApiWait>
    {
        public void Report(ApiWait value)
        {
            if (value.Kind == ApiWaitKind.Retrying)
                lock (waits) waits.Add(value.Wait);
        }
    }

    /// <summary>
    /// Every request valid against specs/jira-platform.openapi.json (path, method, body, and the emulator's answer), sent with
    /// Basic credentials, and the token nowhere but the Authorization header: not in a path, a query, a body or another header.
    /// </summary>
    public static void AssertWireClean(JiraEmulator jira)
    {
        Assert.NotEmpty(jira.Requests);
        foreach (var request in jira.Requests)
        {
            Assert.Empty(request.SpecViolations);
            Assert.Equal($"Basic {RecordedRequest.Redacted}", request.Header("Authorization"));
            var elsewhere = string.Join("\n", [request.Path, request.Query, request.Body,
                .. request.Headers.Where(h => !h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)]);
            Assert.DoesNotContain(ApiToken, elsewhere);
            Assert.DoesNotContain(BasicCredentials, elsewhere);
        }
    }

    public static IReadOnlyList<RecordedRequest> Calls(JiraEmulator jira, string method, string pathEnd) =>
        [.. jira.Requests.Where(r => r.Method == method && r.Path.EndsWith(pathEnd, StringComparison.Ordinal))];
}
