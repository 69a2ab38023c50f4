using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shipgate.Audit;
using Shipgate.Record;
using Shipgate.Tests.Config;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit;

/// <summary>
/// The documented hotfix path keeps the trail whole: a direct push to production acknowledged by someone else, then the next
/// release made on top of it (staging merged main first), is continuous; an unacknowledged push in between still breaks it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HotfixTrailTests
{
    private static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");

    /// <summary>One release, a hotfix pushed straight to main (acknowledged by Carol when asked), main merged into staging, the next release.</summary>
    private static async Task<(ReleaseScenario S, string Hotfix)> ReleaseOnTopOfHotfixAsync(bool acknowledge)
    {
        // Carol's review is proven by her git identity only, which this policy allows.
        var s = new ReleaseScenario(Scenarios.RichWithUnprovenReviews);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        var hotfix = s.Git.DirectCommit("main", "hotfix: restart the queue", new() { ["ops/queue.txt"] = "restart\n" });
        if (acknowledge)
        {
            var review = await s.CloneAs("Carol CTO", "carol@example.com")
                .RunAsync(["audit", "review", "--direct-push", hotfix, "--note", "incident INC-12: queue stuck, restart was right"]);
            Assert.True(review.Code == ExitCode.Success, review.Output);
        }
        AccountedPolicyTests.MergeMainIntoStaging(s.Git);
        s.Git.SquashPullRequest(71, "BOL-71: Queue metrics", new() { ["algo/metrics.py"] = "metrics\n" });
        s.Git.UpdateReleaser();
        s.Runner.Clock = new ShiftedClock(TimeSpan.FromSeconds(5));
        var next = await s.ReleaseAsync();
        Assert.True(next.Code == ExitCode.Success, next.Output);
        Assert.Equal(hotfix, s.LastRecord().GetProperty("from_sha").GetString());
        return (s, hotfix);
    }

    [Fact]
    public async Task A_release_that_starts_where_an_acknowledged_hotfix_ends_is_continuous_and_lists_it_between_the_two()
    {
        var (s, hotfix) = await ReleaseOnTopOfHotfixAsync(acknowledge: true);
        using var _ = s;
        var (first, second) = (s.ReleaseIds()[0], s.ReleaseIds()[1]);
        var review = RecordFiles.ChainIds(s.OriginFiles("compliance-archives", "releases")).Single(id => id.StartsWith("review-"));

        var verify = await s.Runner.RunAsync(["audit", "verify"]);
        var json = await s.Runner.RunAsync(["audit", "verify", "--json"]);

        Assert.True(verify.Code == ExitCode.Success, verify.Output);
        Assert.Contains("[x] Release ranges are contiguous", verify.Output);
        Assert.Contains($"note: direct push {hotfix[..7]} \"hotfix: restart the queue\" by Dana Developer is a reviewed exception: " +
            $"acknowledged in {review} by Carol CTO, between {first} and {second}.", Flat(verify));
        Assert.Equal(ExitCode.Success, json.Code);
        Assert.Empty(RecordSchemas.ValidateVerify(Encoding.UTF8.GetBytes(json.Stdout)));
        var verdict = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.True(verdict.GetProperty("ok").GetBoolean());
        var reviewed = Assert.Single(verdict.GetProperty("reviewed_direct_pushes").EnumerateArray());
        Assert.Equal((hotfix, review, first, second), (reviewed.GetProperty("sha").GetString(), reviewed.GetProperty("review_id").GetString(),
            reviewed.GetProperty("after_release").GetString(), reviewed.GetProperty("before_release").GetString()));
        Assert.Empty(verdict.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task An_unacknowledged_hotfix_under_the_next_release_is_still_a_gap_and_a_direct_push()
    {
        var (s, hotfix) = await ReleaseOnTopOfHotfixAsync(acknowledge: false);
        using var _ = s;

        var json = await s.Runner.RunAsync(["audit", "verify", "--json"]);

        Assert.Equal(ExitCode.TrailBroken, json.Code);
        var verdict = JsonDocument.Parse(json.Stdout).RootElement;
        var ranges = verdict.GetProperty("problems").EnumerateArray().Where(p => p.GetProperty("check").GetString() == "ranges")
            .Select(p => p.GetProperty("message").GetString()!).ToList();
        Assert.Contains("(a gap)", Assert.Single(ranges));
        Assert.Equal(hotfix, Assert.Single(verdict.GetProperty("direct_pushes").EnumerateArray()).GetProperty("sha").GetString());
        Assert.Empty(verdict.GetProperty("reviewed_direct_pushes").EnumerateArray());
    }
}
