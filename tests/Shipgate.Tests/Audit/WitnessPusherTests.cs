using Shipgate.Record;
using static Shipgate.Tests.Audit.WitnessTests;

namespace Shipgate.Tests.Audit;

/// <summary>
/// A direct push is acknowledged by someone other than its pusher, as GitHub's activity names the pusher: sam pushes a commit
/// dana wrote (so the author rule alone lets sam acknowledge it), and neither `audit review --direct-push` nor verify accepts
/// sam's acknowledgement.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WitnessPusherTests
{
    private const string SamToken = "ghp_SamsOwnToken0123456789abcdefSECRET";

    [Fact]
    public async Task The_login_that_pushed_a_direct_push_cannot_acknowledge_it_and_nothing_is_written()
    {
        await using var w = await Witnessed.StartAsync();
        w.Release.GitHub.Update(state => state.Tokens[SamToken] = "sam");
        var at = w.As("sam");
        var hotfix = w.Git.DirectCommit("main", "hotfix: restart queue", new() { ["ops/queue.txt"] = "restart\n" });
        var sam = w.S.CloneAs("Sam Reviewer", "sam@example.com");
        sam.Environment["GITHUB_API_URL"] = w.Release.GitHub.ApiUrl;
        sam.Environment["GH_TOKEN"] = SamToken;
        var before = w.S.OriginRefs();

        var review = await sam.RunAsync(["audit", "review", "--direct-push", hotfix, "--note", "INC-7: restart was right"]);

        Assert.True(review.Code == ExitCode.Blocked, review.Output);
        Assert.Contains($"BLOCKED: you cannot acknowledge these direct pushes: GitHub user @sam pushed {Short(hotfix)} to main at {Stamp(at)} " +
            "(GitHub's repository activity), and a direct push is acknowledged by someone other than its author and its pusher", Flat(review));
        Assert.Contains("Nothing was recorded.", review.Output);
        Assert.Equal(before, w.S.OriginRefs());
        Assert.DoesNotContain(SamToken, review.Output);
    }

    [Fact]
    public async Task A_direct_push_acknowledged_by_its_own_pusher_breaks_the_witnessed_trail()
    {
        await using var w = await Witnessed.StartAsync();
        var at = w.As("sam");
        var hotfix = w.Git.DirectCommit("main", "hotfix: restart queue", new() { ["ops/queue.txt"] = "restart\n" });
        // What sam could chain by hand (or with a Shipgate that did not ask the witness): a review proven by sam's own token.
        var lastId = w.S.ReleaseIds()[^1];
        var lastBytes = w.S.OriginFile("compliance-archives", $"releases/{lastId}.json");
        var when = RecordFiles.FromJsonBytes(lastBytes)!.Timestamp.AddMinutes(30);
        var reviewId = RecordFiles.NewReviewId(when, w.S.OriginFiles("compliance-archives", "releases"));
        var review = new ReviewRecord
        {
            Kind = ReviewKind.DirectPushReview,
            ReviewId = reviewId,
            Timestamp = when,
            ReviewedBy = "Sam Reviewer",
            ReviewedByEmail = "sam@example.com",
            ReviewedByLogin = "sam",
            Note = "INC-7: restart was right",
            RecordedBy = "Sam Reviewer",
            RecordedByEmail = "sam@example.com",
            Tool = new ToolInfo("shipgate", "0.1.0"),
            PreviousRelease = new PreviousRelease(lastId, RecordFiles.Sha256Hex(lastBytes)),
            DirectPushes = [new RecordDirectPush(hotfix, "hotfix: restart queue", "Dana Developer", "dana@example.com")],
            ReviewerProof = new ReviewerProof { Method = ProofMethod.GitHubToken, Login = "sam" },
        };
        w.As("sam");
        w.S.PushReviewByHand(review);

        var offline = await w.OfflineAsync();
        var witnessed = await w.VerifyAsync("--json");

        Assert.True(offline.Code == ExitCode.Success, offline.Output); // the trail alone does not know who pushed
        Assert.Equal(ExitCode.TrailBroken, witnessed.Code);
        var verdict = WitnessTests.Json(witnessed);
        Assert.Equal("broken", verdict.GetProperty("witness").GetProperty("status").GetString());
        Assert.Contains($"{reviewId} acknowledges {Short(hotfix)}, but main was moved from {Short(RecordFiles.FromJsonBytes(lastBytes)!.ToSha)} " +
            $"to {Short(hotfix)} by sam at {Stamp(at)} (push), and that is its reviewer: a direct push is acknowledged by someone other than its pusher.",
            Problems(verdict));
    }
}
