using System.Text.Json;
using Shipgate.Emulators;
using Shipgate.Testing;
using Shipgate.Tests.GitHub;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.PrArchives;

/// <summary>
/// Merged PRs on a real origin and what GitHub (the emulator) says of them: PR 10 merged with a merge commit (two commits,
/// approved by sam on its head, green CI at the merge), PR 108 squashed with a hostile title, PR 5 still open, PR 7 merged
/// into main. Archives are written by rita-releaser's token.
/// </summary>
internal static class PrArchiveStory
{
    public const string Archive = "compliance-archives";
    public static readonly DateTimeOffset Merged = new(2026, 11, 2, 23, 30, 0, TimeSpan.FromHours(-2)); // 2026-11-03 01:30 UTC

    /// <summary>The title PR 108 has on GitHub: a newline, a control character, Markdown and HTML.</summary>
    public const string HostileTitle = "BOL-407: Session **auth**\n# Owned <script>x</script> [link](http://evil)\u0007 | cell";

    public static Task<GitHubRelease> StartAsync(Action<GitScenario>? more = null) =>
        GitHubRelease.StartAsync(git =>
        {
            Scenarios.Configure(git, GitHubRelease.Config());
            git.MergePullRequest(10, "dev/bol-1-login", "Login page",
                ("Add login form", new() { ["web/login.ts"] = "form\n" }),
                ("Wire login API", new() { ["web/api.ts"] = "api\nv1\n" }));
            git.SquashPullRequest(108, "BOL-407: Session auth", new() { ["web/session.ts"] = "session\n" });
            more?.Invoke(git);
        }, Seed);

    public static void Seed(RepositoryFixture repo, GitScenario git)
    {
        var merge = GitHubRelease.Sha(git, "Merge pull request #10 from acme/dev/bol-1-login");
        var first = GitHubRelease.Sha(git, "Add login form");
        var second = GitHubRelease.Sha(git, "Wire login API");
        repo.PullRequests.Add(new PullRequestFixture(10, "Login page", "dana", "dev/bol-1-login")
        {
            MergedAt = Merged,
            MergedBy = "sam",
            MergeCommitSha = merge,
            Commits = [first, second],
            CommitMessages = new Dictionary<string, string> { [first] = "Add login form", [second] = "Wire login API\n\nRefs ENG-5" },
            Reviews = [new ReviewFixture("lee", "CHANGES_REQUESTED", Merged.AddHours(-2)) { Commit = first }, new ReviewFixture("sam", "APPROVED", Merged.AddMinutes(-5))],
            Files = [new PullFileFixture("web/login.ts", 1, 0, "added"), new PullFileFixture("web/api.ts", 2, 0, "added")],
        });
        var squash = GitHubRelease.Sha(git, "BOL-407: Session auth (#108)");
        repo.PullRequests.Add(new PullRequestFixture(108, HostileTitle, "dana", "dev/bol-407-session-auth")
        {
            MergedAt = Merged.AddMinutes(10),
            MergedBy = "dana",
            MergeCommitSha = squash,
            Head = new string('a', 40),
            Files = [new PullFileFixture("web/session.ts", 1, 0, "added")],
        });
        repo.PullRequests.Add(new PullRequestFixture(5, "Work in progress", "lee", "feature/wip", State: "OPEN"));
        repo.PullRequests.Add(new PullRequestFixture(7, "Straight to main", "lee", "feature/main", BaseRef: "main")
        {
            MergedAt = Merged,
            MergedBy = "lee",
            MergeCommitSha = git.RemoteSha("main"),
        });
        repo.CheckRuns.Add(new CheckRunFixture(1, merge, "build"));
        repo.CheckRuns.Add(new CheckRunFixture(2, squash, "build", Conclusion: "failure"));
        // CI on each PR's head as merged, which is what an archive keeps: PR 10's last commit, PR 108's head.
        repo.CheckRuns.Add(new CheckRunFixture(3, second, "build"));
        repo.CheckRuns.Add(new CheckRunFixture(4, new string('a', 40), "build", Conclusion: "failure"));
    }

    public const string Pr10 = "compliance/pr-10-BOL-1-login-page-20261103";

    public static Task<RunResult> ArchiveAsync(this GitHubRelease g, params string[] args) => g.Scenario.Runner.RunAsync(["archive", .. args]);

    public static JsonElement Json(this GitHubRelease g, string path) => JsonDocument.Parse(g.Scenario.OriginFile(Archive, path)).RootElement;

    /// <summary>Every compliance archive file on origin's archive branch (none when there is no branch).</summary>
    public static IReadOnlyList<string> Archives(this GitHubRelease g) =>
        g.Scenario.Git.TryRemoteSha(Archive) is null ? [] : [.. g.Scenario.OriginFiles(Archive, "compliance")];
}
