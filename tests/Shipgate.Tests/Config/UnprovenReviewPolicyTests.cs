using System.Text.Json;
using System.Text.RegularExpressions;
using Shipgate.Record;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Config;

/// <summary>
/// A review that proves nothing of its reviewer (git config only, or no proof at all) counts only where the released policy says
/// audit.review_identity: git-config. A policy pushed straight to production that allows it cannot be acknowledged by such a
/// review chained by hand: the policy stays unaccounted, and verify names the review as unproven and not allowed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UnprovenReviewPolicyTests
{
    private static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");

    private const string LoosenedPolicy = Scenarios.Config + "\naudit:\n  review_identity: git-config\n";

    /// <summary>A direct-push review naming "Carol CTO" by git config, chained by hand (Shipgate itself refuses to record it).</summary>
    private static ReviewRecord HandReview(ReleaseScenario s, string pushed, ReviewerProof? proof)
    {
        var id = s.ReleaseIds()[^1];
        var at = RecordFiles.RecordTime(DateTimeOffset.UtcNow.AddMinutes(1));
        return new ReviewRecord
        {
            Kind = ReviewKind.DirectPushReview,
            ReviewId = RecordFiles.NewReviewId(at, s.OriginFiles("compliance-archives", "releases")),
            Timestamp = at,
            ReviewedBy = "Carol CTO",
            ReviewedByEmail = "carol@example.com",
            Note = "fine",
            RecordedBy = "Carol CTO",
            RecordedByEmail = "carol@example.com",
            Tool = new ToolInfo("shipgate", "0.1.0"),
            PreviousRelease = new PreviousRelease(id, RecordFiles.Sha256Hex(s.OriginFile("compliance-archives", $"releases/{id}.json"))),
            DirectPushes = [new RecordDirectPush(pushed, "chore: allow unproven reviews", "Dana Developer", "dana@example.com")],
            ReviewerProof = proof,
        };
    }

    [Theory]
    [InlineData(true, "named by git config only")]
    [InlineData(false, "recorded before reviewers were proven")]
    public async Task A_proofless_review_under_a_policy_that_does_not_allow_it_accounts_for_nothing_and_breaks_verify(bool gitConfig, string how)
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        var pushed = s.Git.DirectCommit("main", "chore: allow unproven reviews", new() { [".shipgate.yml"] = LoosenedPolicy });
        var review = HandReview(s, pushed, gitConfig ? new ReviewerProof { Method = ProofMethod.GitConfig } : null);
        s.PushReviewByHand(review);
        Config.AccountedPolicyTests.MergeMainIntoStaging(s.Git);
        s.Git.SquashPullRequest(70, "BOL-70: Docs", new() { ["docs/guide.md"] = "guide\n" });
        s.Git.UpdateReleaser();
        s.Runner.Clock = new ShiftedClock(TimeSpan.FromSeconds(5));

        var dryRun = await s.ReleaseAsync(null, "--dry-run");
        var verify = await s.Runner.RunAsync(["audit", "verify", "--json"]);

        Assert.Equal(ExitCode.Blocked, dryRun.Code);
        Assert.Contains($"main's tip carries a release policy that no release or review accounts for: commit {pushed[..7]}", Flat(dryRun));
        Assert.Equal(ExitCode.TrailBroken, verify.Code);
        var problems = JsonDocument.Parse(verify.Stdout).RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => p.GetProperty("message").GetString()!).ToList();
        Assert.Contains($"{review.ReviewId} is unproven: nothing proves its reviewer Carol CTO ({how}), and the release policy does not allow " +
            "unproven reviews (audit.review_identity: git-config), so it does not count. Someone other than the releaser or pusher records the " +
            "review again with their own GitHub token or an allowed signing key.", problems);
        Assert.Contains(problems, p => p.StartsWith("1 commit on main is in no release record (a direct push): " +
            $"{pushed[..7]} \"chore: allow unproven reviews\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Under_a_released_policy_that_allows_it_the_same_review_accounts_for_the_push_and_is_flagged_unproven()
    {
        using var s = new ReleaseScenario(Scenarios.RichWithUnprovenReviews);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        var pushed = s.Git.DirectCommit("main", "chore: allow unproven reviews", new() { [".shipgate.yml"] = LoosenedPolicy + "# noted\n" });
        var review = HandReview(s, pushed, new ReviewerProof { Method = ProofMethod.GitConfig });
        s.PushReviewByHand(review);

        var verify = await s.Runner.RunAsync(["audit", "verify", "--json"]);

        Assert.True(verify.Code == ExitCode.Success, verify.Output);
        var verdict = JsonDocument.Parse(verify.Stdout).RootElement;
        Assert.Equal(review.ReviewId, Assert.Single(verdict.GetProperty("unproven_reviews").EnumerateArray()).GetProperty("review_id").GetString());
    }
}
