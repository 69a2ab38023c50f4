using Shipgate.Testing;

namespace Shipgate.Tests.Support;

/// <summary>Histories the tests release. Each names what it contains, so tests can assert exact sets.</summary>
internal static class Scenarios
{
    public const string Config = """
        tickets:
          keys: [BOL, ENG]
        areas:
          web:
            title: Web Dashboard
            paths: ["web/**"]
          algo:
            title: Algorithm Service
            paths: ["algo/**"]
        """;

    /// <summary>Puts the configuration on main and staging, so the release range holds only what follows.</summary>
    public static void Configure(GitScenario git, string config = Config)
    {
        git.DirectCommit("staging", "chore: configure shipgate", new() { [".shipgate.yml"] = config + "\n" });
        git.Dev("checkout", "--quiet", "main");
        git.Dev("pull", "--quiet", "--ff-only", "origin", "main");
        git.Dev("merge", "--quiet", "--ff-only", "staging");
        git.Dev("push", "--quiet", "origin", "main");
    }

    /// <summary>
    /// Commits a release policy straight to main and merges main into staging, as if released: Shipgate
    /// reads the policy from origin's main, never from a working tree.
    /// </summary>
    public static void ReleasedPolicy(GitScenario git, string config)
    {
        git.DirectCommit("main", "chore: release policy", new() { [".shipgate.yml"] = config + "\n" });
        git.Dev("checkout", "--quiet", "staging");
        git.Dev("pull", "--quiet", "--ff-only", "origin", "staging");
        git.Dev("merge", "--quiet", "--no-edit", "main");
        git.Dev("push", "--quiet", "origin", "staging");
        git.UpdateReleaser();
    }

    /// <summary>PRs 10 (merge), 108 (squash), 12 (merge, no ticket); two direct commits; archives for 108 and 12 only.</summary>
    public static readonly int[] RichPullRequests = [10, 12, 108];
    public static readonly string[] RichTickets = ["BOL-1", "BOL-9", "BOL-50", "BOL-407", "ENG-5"];

    /// <summary>The configuration, letting a reviewer named by git config alone record a review (flagged unproven by verify).</summary>
    public const string UnprovenReviewsConfig = Config + "\naudit:\n  review_identity: git-config";

    public static void Rich(GitScenario git) => RichUnder(git, Config);

    /// <summary><see cref="Rich"/> under <see cref="UnprovenReviewsConfig"/>: reviews by clones with only a git identity are accepted.</summary>
    public static void RichWithUnprovenReviews(GitScenario git) => RichUnder(git, UnprovenReviewsConfig);

    private static void RichUnder(GitScenario git, string config)
    {
        Configure(git, config);
        git.MergePullRequest(10, "dev/bol-1-login", "Login page",
            ("Add login form", new() { ["web/login.ts"] = "form\n" }),
            ("Wire login API\n\nRefs ENG-5", new() { ["web/api.ts"] = "api\nv1\n" }));
        git.SquashPullRequest(108, "BOL-407: Session auth", new() { ["web/session.ts"] = "session\n", ["algo/token.py"] = "token\n" },
            body: "Also fixes BOL-9. Handles UTF-8 and SHA-256 input.");
        git.DirectCommit("staging", "hotfix: see #99 for context", new() { ["docs/notes.md"] = "notes\n" });
        git.MergePullRequest(12, "feature/helpers", "Refactor helpers",
            ("Refactor helpers", new() { ["algo/helpers.py"] = "helpers\n" }));
        git.DirectCommit("staging", "BOL-50 tune cache", new() { ["algo/cache.py"] = "cache\nsize=10\n" });
        git.AddArchiveFiles("compliance-archives", new()
        {
            ["compliance/pr-108-BOL-407-session-auth-20261102.json"] = "{}\n",
            ["compliance/pr-1080-other-20261001.json"] = "{}\n",
            ["compliance/pr-12-helpers-20261102.json"] = "{}\n",
        });
    }

    /// <summary>N squash-merged PRs with a ticket each, for size-independence checks.</summary>
    public static void ManyPullRequests(GitScenario git, int count)
    {
        Configure(git);
        for (var n = 1; n <= count; n++)
            git.SquashPullRequest(200 + n, $"BOL-{n}: change {n}", new() { [$"web/file{n}.ts"] = $"{n}\n" });
    }
}
