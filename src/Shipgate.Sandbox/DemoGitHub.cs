using Shipgate.Emulators;
using Shipgate.Testing;

namespace Shipgate.Sandbox;

/// <summary>
/// The sandbox's GitHub, served by the GitHub emulator on 127.0.0.1: the PRs of
/// <see cref="DemoRepository"/> with their reviews (102 approved only by its author, so the summary
/// flags it), an open PR, checks on staging's head (a test that failed, then passed on re-run),
/// and a deployment run that starts when main moves to staging's head and succeeds soon after.
/// </summary>
internal sealed class DemoGitHub : IAsyncDisposable
{
    /// <summary>A token the emulator accepts; it means nothing anywhere else.</summary>
    public const string Token = "ghp_sandbox000000000000000000000000000000";
    public const string Repository = "acme/demo-service";

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _actions;

    private DemoGitHub(GitHubEmulator emulator, GitScenario scenario)
    {
        Emulator = emulator;
        _actions = Task.Run(() => RunDeploymentAsync(scenario, _stop.Token));
    }

    public GitHubEmulator Emulator { get; }

    /// <summary>What Shipgate reads from the environment to reach this GitHub.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["GH_TOKEN"] = Token,
        ["GITHUB_TOKEN"] = null,
        ["GITHUB_API_URL"] = Emulator.ApiUrl,
        ["GITHUB_GRAPHQL_URL"] = null,
    };

    public static async Task<DemoGitHub> StartAsync(GitScenario scenario) =>
        new(await GitHubEmulator.StartAsync(Fixture(scenario)), scenario);

    private static GitHubFixture Fixture(GitScenario scenario)
    {
        var staging = scenario.RemoteSha("staging");
        var merged = new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
        ReviewFixture Review(string author, string state = "APPROVED") => new(author, state, merged.AddMinutes(-10));
        var repo = new RepositoryFixture
        {
            Owner = "acme",
            Name = "demo-service",
            Branches = { ["staging"] = staging, ["main"] = scenario.RemoteSha("main") },
            WitnessedOrigin = scenario.Origin,
            PullRequests =
            {
                new PullRequestFixture(101, "BOL-407: Session auth for browser API endpoints", "dana", "dev/bol-407-session-auth",
                    Body: "Adds session cookies to the browser API.") { MergedAt = merged, MergedBy = "sam", Reviews = [Review("sam")] },
                new PullRequestFixture(102, "BOL-396: Simplify velocity RMS", "dana", "dev/bol-396-velocity-rms")
                    { MergedAt = merged, MergedBy = "dana", Reviews = [Review("dana")] },
                new PullRequestFixture(103, "Compliance archives on dedicated branch", "lee", "infra/archive-branch")
                    { MergedAt = merged, MergedBy = "lee", Reviews = [Review("sam", "CHANGES_REQUESTED"), Review("sam")] },
                new PullRequestFixture(104, "BOL-412: Dark mode", "lee", "dev/bol-412-dark-mode", State: "OPEN"),
            },
            CheckRuns =
            {
                new CheckRunFixture(1, staging, "build"),
                new CheckRunFixture(2, staging, "test", Conclusion: "failure"),
                new CheckRunFixture(3, staging, "test"),
                new CheckRunFixture(4, staging, "lint", Conclusion: "neutral"),
            },
        };
        return new GitHubFixture { Tokens = { [Token] = "rita-releaser" }, Repositories = { repo } };
    }

    /// <summary>Actions' part: a "Deploy production" run for main's new head, in progress for a few seconds.</summary>
    private async Task RunDeploymentAsync(GitScenario scenario, CancellationToken ct)
    {
        var staging = scenario.RemoteSha("staging");
        try
        {
            while (scenario.RemoteSha("main") != staging) await Task.Delay(300, ct);
            var run = new WorkflowRunFixture(7001, "Deploy production", staging, "main", Status: "in_progress", Conclusion: null)
            {
                CreatedAt = DateTimeOffset.UtcNow,
            };
            Emulator.Update(s => s.Repository(Repository).WorkflowRuns.Add(run));
            await Task.Delay(TimeSpan.FromSeconds(8), ct);
            Emulator.Update(s => s.Repository(Repository).WorkflowRuns[0] = run with { Status = "completed", Conclusion = "success" });
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _actions;
        await Emulator.DisposeAsync();
        _stop.Dispose();
    }
}
