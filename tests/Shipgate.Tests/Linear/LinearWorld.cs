using System.Text.Json;
using Shipgate.Emulators;
using Shipgate.Integrations;
using Shipgate.Linear;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Linear;

/// <summary>Linear workspaces for the tests, and clients pointed at their emulator.</summary>
internal static class LinearWorld
{
    public const string ApiKey = "lin_api_9f2c4e7a1b3d5f6e8a0c2e4f6a8b0d1c";

    public static LinearFixture Workspace(IEnumerable<LinearIssueFixture> issues, params string[] teamKeys) => new()
    {
        ApiKeys = { [ApiKey] = new LinearUserFixture("Rita Releaser", "rita@example.com") },
        Teams = [.. (teamKeys.Length > 0 ? teamKeys : ["BOL", "ENG"]).Select(k => new LinearTeamFixture(k, $"Team {k}"))],
        Issues = [.. issues],
    };

    /// <summary>The tickets of <see cref="Support.Scenarios.Rich"/> except BOL-9, which Linear does not know; BOL-50 is still in progress.</summary>
    public static LinearFixture RichWorkspace() => Workspace(
    [
        new("BOL-1", "Login page", "Done"),
        new("BOL-50", "Tune the cache", "In Progress"),
        new("BOL-407", "Session auth for browser API endpoints", "Done"),
        new("ENG-5", "Login API", "Done"),
    ]);

    public static IEnumerable<LinearIssueFixture> Done(string team, int from, int to) =>
        Enumerable.Range(from, to - from + 1).Select(n => new LinearIssueFixture($"{team}-{n}", $"{team} ticket {n}", "Done"));

    /// <summary>
    /// A client on fake time (<see cref="SteppingClock"/>), shared with the emulator's faults, so a 30 s rate-limit
    /// wait passes at once and the reset Linear names is on the client's clock; the wait before each retry, as the
    /// status line is told it, goes into <paramref name="waits"/>.
    /// </summary>
    public static LinearClient Client(LinearEmulator linear, List<TimeSpan> waits, string key = ApiKey, Secrets? secrets = null, TimeSpan? timeout = null)
    {
        var clock = new SteppingClock();
        linear.Faults.Clock = clock;
        return Client(new Uri(linear.Url), waits, key, secrets, timeout, clock);
    }

    public static LinearClient Client(Uri endpoint, List<TimeSpan> waits, string key = ApiKey, Secrets? secrets = null, TimeSpan? timeout = null,
        TimeProvider? clock = null) =>
        new(new LinearSettings(endpoint, key)
        {
            Clock = clock ?? new SteppingClock(),
            // An attempt may take the whole budget unless the test is about timeouts.
            Retry = LinearSettings.DefaultRetry with { AttemptTimeout = timeout ?? LinearSettings.DefaultRetry.Budget },
        }, secrets ?? new Secrets(), new WaitLog(waits));

    /// <summary>Keeps the wait before each retry; slow-answer notes are not waits.</summary>
    private sealed class WaitLog(List<TimeSpan> waits) : IProgress<ApiWait>
    {
        public void Report(ApiWait value)
        {
            if (value.Kind == ApiWaitKind.Retrying)
                lock (waits) waits.Add(value.Wait);
        }
    }

    /// <summary>Every GraphQL document sent validated against specs/linear.schema.graphql.</summary>
    public static void AssertEveryRequestValid(LinearEmulator linear)
    {
        Assert.NotEmpty(linear.Requests);
        Assert.All(linear.Requests, r => Assert.Empty(r.SpecViolations));
    }

    public static IReadOnlyList<RecordedRequest> Operations(LinearEmulator linear, string operation) =>
        [.. linear.Requests.Where(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("operationName").GetString() == operation)];

    public static JsonElement Variables(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement.GetProperty("variables");
}
