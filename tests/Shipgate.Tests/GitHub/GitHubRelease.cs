using System.Text.Json;
using Shipgate.Emulators;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.GitHub;

/// <summary>
/// A <see cref="ReleaseScenario"/> whose GitHub is an emulator on 127.0.0.1: repository acme/demo,
/// a token the emulator accepts, and the runner's environment (never the process's) pointing
/// Shipgate at it, on fake time (<see cref="Clock"/>, shared with the emulator's faults): polls, retries and the
/// emulator's latency pass at once.
/// </summary>
internal sealed class GitHubRelease : IAsyncDisposable
{
    public const string Owner = "acme";
    public const string Name = "demo";
    public const string Token = "ghp_EmulatorToken0123456789abcdefSECRET";
    public const string Login = "rita-releaser";

    private GitHubRelease(ReleaseScenario scenario, GitHubEmulator gitHub, SteppingClock clock)
    {
        Scenario = scenario;
        GitHub = gitHub;
        Clock = clock;
    }

    /// <summary>The runner's clock and the emulator's faults' clock.</summary>
    public SteppingClock Clock { get; }

    public ReleaseScenario Scenario { get; }
    public GitHubEmulator GitHub { get; }
    public RepositoryFixture Repo => GitHub.State.Repository($"{Owner}/{Name}");
    public string StagingHead => Scenario.Git.RemoteSha("staging");

    /// <summary>The tests' configuration plus a github section naming acme/demo (origin is a local folder).</summary>
    public static string Config(string moreGitHub = "") =>
        Scenarios.Config + "\ngithub:\n  repository: acme/demo\n" + moreGitHub;

    /// <param name="build">Makes the history (configure it with <see cref="Config"/>).</param>
    /// <param name="seed">Fills GitHub's side: PRs, reviews, checks, runs.</param>
    public static async Task<GitHubRelease> StartAsync(Action<GitScenario> build, Action<RepositoryFixture, GitScenario> seed)
    {
        var scenario = new ReleaseScenario(build);
        var repo = new RepositoryFixture
        {
            Owner = Owner,
            Name = Name,
            Branches = { ["staging"] = scenario.Git.RemoteSha("staging"), ["main"] = scenario.Git.RemoteSha("main") },
            // Where GitHub's side finds the release tags a deployment names (no hook: no activity until a test installs one).
            WitnessedOrigin = scenario.Git.Origin,
        };
        seed(repo, scenario.Git);
        var fixture = new GitHubFixture { Tokens = { [Token] = Login }, Repositories = { repo } };
        var gitHub = await GitHubEmulator.StartAsync(fixture);
        var environment = scenario.Runner.Environment;
        environment["GH_TOKEN"] = Token;
        environment["GITHUB_API_URL"] = gitHub.ApiUrl;
        environment["GITHUB_GRAPHQL_URL"] = null;
        var clock = new SteppingClock();
        scenario.Runner.Clock = clock;
        gitHub.Faults.Clock = clock;
        return new GitHubRelease(scenario, gitHub, clock);
    }

    public Task<RunResult> ReleaseAsync(params string[] extra) => Scenario.Runner.RunAsync(["release", .. extra]);

    /// <summary>The sha of the commit on origin's staging with this subject.</summary>
    public static string Sha(GitScenario git, string subject) =>
        GitScenario.Run(git.Root, "--git-dir", git.Origin, "log", "--format=%H %s", "refs/heads/staging")
            .Split('\n').Select(l => l.Split(' ', 2)).Single(p => p.Length == 2 && p[1] == subject)[0];

    public JsonElement LastRecord() => Scenario.LastRecord();

    /// <summary>
    /// Every request Shipgate sent is one GitHub's descriptions allow (REST operation and
    /// parameters of the OpenAPI file, GraphQL document valid against the schema), with the
    /// headers GitHub asks for.
    /// </summary>
    public static void AssertWireClean(GitHubEmulator gitHub)
    {
        Assert.NotEmpty(gitHub.Requests);
        foreach (var request in gitHub.Requests)
        {
            Assert.True(request.SpecViolations.Count == 0, $"{request.Method} {request.Path}?{request.Query}: {string.Join("; ", request.SpecViolations)}");
            Assert.StartsWith("shipgate/", request.Header("User-Agent"));
            Assert.Equal($"Bearer {RecordedRequest.Redacted}", request.Header("Authorization"));
            Assert.Equal("2022-11-28", request.Header("X-GitHub-Api-Version"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await GitHub.DisposeAsync();
        Scenario.Dispose();
        Clock.Dispose();
    }
}

/// <summary>
/// The history most GitHub tests release, merged all three ways GitHub merges: PR 10 with a merge
/// commit, PR 108 squashed, PR 20 rebased (two commits git cannot tie to a PR), plus a hot-fix
/// pushed straight to staging. GitHub knows PR 108 by a longer title than its squash subject.
/// </summary>
internal static class GitHubStory
{
    public const string RebasedFirst = "Add rate limiter";
    public const string RebasedSecond = "Tune rate limiter";
    public const string HotFix = "hotfix: typo in docs";
    public const string SquashTitleOnGitHub = "BOL-407: Session auth for browser API endpoints";

    public static Action<GitScenario> Build(string config) => git =>
    {
        Scenarios.Configure(git, config);
        git.MergePullRequest(10, "dev/bol-1-login", "Login page",
            ("Add login form", new() { ["web/login.ts"] = "form\n" }));
        git.SquashPullRequest(108, "BOL-407: Session auth", new() { ["web/session.ts"] = "session\n" });
        git.DirectCommit("staging", RebasedFirst, new() { ["algo/limit.py"] = "limit = 10\n" });
        git.DirectCommit("staging", RebasedSecond, new() { ["algo/limit.py"] = "limit = 20\n" });
        git.DirectCommit("staging", HotFix, new() { ["docs/notes.md"] = "notes\n" });
    };

    private static readonly DateTimeOffset Merged = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    public static ReviewFixture Approval(string author) => new(author, "APPROVED", Merged.AddMinutes(-5));

    /// <summary>PRs and reviews (108 approved only by its author), green checks on staging's head, and its deployment run.</summary>
    public static void Seed(RepositoryFixture repo, GitScenario git)
    {
        var head = git.RemoteSha("staging");
        repo.PullRequests.Add(
            new PullRequestFixture(10, "Login page", "dana", "dev/bol-1-login") { MergedAt = Merged, MergedBy = "sam", Reviews = [Approval("sam")] });
        repo.PullRequests.Add(new PullRequestFixture(108, SquashTitleOnGitHub, "dana", "dev/bol-407-session-auth", Body: "Also fixes BOL-9.")
        {
            MergedAt = Merged,
            MergedBy = "dana",
            MergeCommitSha = GitHubRelease.Sha(git, "BOL-407: Session auth (#108)"),
            Reviews = [Approval("dana")],
        });
        var rebased = new[] { GitHubRelease.Sha(git, RebasedFirst), GitHubRelease.Sha(git, RebasedSecond) };
        repo.PullRequests.Add(new PullRequestFixture(20, "ENG-5: Rate limiter", "lee", "feature/rate-limit")
        {
            MergedAt = Merged,
            MergedBy = "sam",
            Commits = rebased,
            Reviews = [Approval("sam")],
        });
        // An open staging-to-main PR holds the same commits: only the merged PR counts.
        repo.PullRequests.Add(new PullRequestFixture(30, "Release train", "sam", "staging", BaseRef: "main", State: "OPEN") { Commits = rebased });
        repo.CheckRuns.Add(new CheckRunFixture(1, head, "build"));
        repo.CheckRuns.Add(new CheckRunFixture(2, head, "lint", Conclusion: "skipped"));
        repo.WorkflowRuns.Add(new WorkflowRunFixture(9001, "Deploy production", head, "main"));
    }
}
