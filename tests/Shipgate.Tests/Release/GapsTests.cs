using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Release;

namespace Shipgate.Tests.Release;

/// <summary>Gaps are found once; the checklist and the record's warnings word the same gaps.</summary>
public sealed class GapsTests
{
    private static ReleasedPullRequest Pr(int number, bool? approved, string? archive = "compliance/x.json") =>
        new(number, $"PR {number}", null, "dev", null, null, null, MergeKind.Squash, new string('a', 40), ["BOL-1"], [], [], archive, approved, []);

    private static ReleasePlan Plan(params ReleasedPullRequest[] prs) =>
        new("f", "t", [], 0, new DiffStat(0, 0, 0, []), prs,
            [new ReleasedTicket("BOL-1", "T", null, "Done", "completed", TicketCheck.Verified)], [], []);

    private static readonly CiResult Green = new("t", CiState.Success, [], null);

    [Fact]
    public void A_pr_whose_reviews_are_unknown_among_known_ones_is_not_counted_as_approved()
    {
        var plan = Plan(Pr(1, true), Pr(2, null), Pr(3, false));

        var gaps = Gaps.Find(plan, Green, []);

        Assert.Equal(["#2", "#3"], Gaps.Of(gaps, GapKind.NoIndependentApproval).Select(g => g.Subject));
        var box = Assert.Single(Gaps.Checklist(gaps, plan.ReviewsKnown), b => b.Label.StartsWith("Every PR approved"));
        Assert.Equal((false, "not independently approved: #2, #3"), (box.Passed, box.Reason));
        Assert.Equal(
            ["PR #2: its reviews could not be read, so no independent approval is known.", "PR #3 was not approved by anyone other than its author."],
            Gaps.Warnings(gaps, "staging"));
    }

    [Fact]
    public void Without_any_known_review_there_is_no_review_box_and_no_review_gap()
    {
        var plan = Plan(Pr(1, null));

        var gaps = Gaps.Find(plan, Green, []);

        Assert.Empty(gaps);
        Assert.DoesNotContain(Gaps.Checklist(gaps, plan.ReviewsKnown), b => b.Label.StartsWith("Every PR approved"));
    }

    [Fact]
    public void Each_gap_appears_in_the_box_and_the_warnings_alike()
    {
        var plan = Plan(Pr(4, true, archive: null), Pr(5, true, archive: null));
        var ci = new CiResult("t", CiState.Failure, [], null, ["build: failure"]);

        var gaps = Gaps.Find(plan, ci, [new OpenPullRequest(9, "Open", "dev", null)]);
        var boxes = Gaps.Checklist(gaps, plan.ReviewsKnown).ToDictionary(b => b.Label);
        var warnings = Gaps.Warnings(gaps, "staging");

        Assert.Equal("failing (build: failure); an emergency release", boxes["CI passing on staging"].Reason);
        Assert.Equal("no archive for #4, #5", boxes["All PRs have compliance archives"].Reason);
        Assert.Equal(
            [
                "CI on staging was failing and the release went ahead as an emergency: build: failure",
                "PR #4 has no compliance archive.",
                "PR #5 has no compliance archive.",
                "1 open PR targeting staging is not included in this release.",
            ],
            warnings);
    }
}
