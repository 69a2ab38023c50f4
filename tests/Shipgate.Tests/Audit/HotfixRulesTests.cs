using Shipgate.Audit;
using Shipgate.Git;
using Shipgate.Record;

namespace Shipgate.Tests.Audit;

/// <summary>
/// The pure rules behind hotfixes: a release that starts where acknowledged direct pushes end continues the trail
/// (<see cref="TrailVerifier"/>, <see cref="RangeBreak.AcknowledgedGap"/>), and the policy is read at the last production commit
/// the trail accounts for (<see cref="PolicyAccounting"/>).
/// </summary>
public sealed class HotfixRulesTests
{
    private static string Sha(int n) => $"{n:x40}".Replace(' ', '0');

    private static Commit C(int n, params int[] parents) =>
        new(Sha(n), parents.Select(Sha).ToList(), "Dana", "dana@example.com", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, $"c{n}", "", []);

    /// <summary>Main since the first release started at 1: one line 2..6; the first release ended at 3.</summary>
    private static readonly Commit[] Main = [C(6, 5), C(5, 4), C(4, 3), C(3, 2), C(2, 1)];

    private static ReviewRecord Acknowledges(string id, string email, params int[] commits) =>
        ReportRecords.Review(id, "release-2026-02-01-000000", ReportRecords.At("2026-02-01T01:00:00"), "Carol CTO", "ok", email) with
        {
            Kind = ReviewKind.DirectPushReview,
            ReviewsRelease = null,
            DirectPushes = commits.Select(n => new RecordDirectPush(Sha(n), $"c{n}", "Dana", "dana@example.com")).ToList(),
            // Proven by the reviewer's own token: a review that proves nothing counts only where the policy allows it.
            ReviewedByLogin = email.Split('@')[0],
            ReviewerProof = new ReviewerProof { Method = ProofMethod.GitHubToken, Login = email.Split('@')[0] },
        };

    /// <summary>Release 1..3, a review acknowledging <paramref name="acknowledged"/> (none: no review), release <paramref name="secondStart"/>..6: chained, untagged.</summary>
    private static TrailVerdict Verify(int secondStart, params int[] acknowledged)
    {
        var first = ReportRecords.Released("release-2026-02-01-000000", ReportRecords.At("2026-02-01T00:00:00")) with { FromSha = Sha(1), ToSha = Sha(3) };
        var firstBytes = RecordFiles.ToJsonBytes(first);
        var review = Acknowledges("review-2026-02-01-010000", "carol@example.com", acknowledged) with
        {
            PreviousRelease = new PreviousRelease(first.ReleaseId, RecordFiles.Sha256Hex(firstBytes)),
        };
        var reviewBytes = RecordFiles.ToJsonBytes(review);
        var second = ReportRecords.Released("release-2026-02-02-000000", ReportRecords.At("2026-02-02T00:00:00")) with
        {
            FromSha = Sha(secondStart),
            ToSha = Sha(6),
            PreviousRelease = new PreviousRelease(review.ReviewId, RecordFiles.Sha256Hex(reviewBytes)),
        };
        if (acknowledged.Length == 0) second = second with { PreviousRelease = new PreviousRelease(first.ReleaseId, RecordFiles.Sha256Hex(firstBytes)) };
        var links = new[] { (first.ReleaseId, firstBytes), (review.ReviewId, reviewBytes), (second.ReleaseId, RecordFiles.ToJsonBytes(second)) }
            .Where(l => acknowledged.Length > 0 || l.Item1 != review.ReviewId)
            .Select((l, i) => new TrailLink(l.Item1, i, "", l.Item2)).ToList();
        var facts = new TrailFacts("acme/svc", "compliance-archives", "main", new string('f', 40), Sha(6), [], links, Main, true, null, []);
        return TrailVerifier.Verify(facts, ReportRecords.At("2026-02-03T00:00:00"), TimeSpan.FromDays(7));
    }

    [Fact]
    public void A_release_starting_where_acknowledged_pushes_end_is_continuous_and_names_them_between_the_releases()
    {
        var verdict = Verify(secondStart: 5, acknowledged: [4, 5]);

        Assert.True(verdict.Ok, string.Join("\n", verdict.Problems.Select(p => p.Message)));
        Assert.Empty(verdict.DirectPushes);
        Assert.Equal([(Sha(4), "release-2026-02-01-000000", "release-2026-02-02-000000"), (Sha(5), "release-2026-02-01-000000", "release-2026-02-02-000000")],
            verdict.ReviewedDirectPushes.Select(r => (r.Push.Sha, r.AfterRelease, r.BeforeRelease)).OrderBy(r => r.Sha));
    }

    [Fact]
    public void An_unacknowledged_push_in_the_gap_keeps_the_gap_and_the_direct_push()
    {
        var verdict = Verify(secondStart: 5, acknowledged: [4]);

        Assert.False(verdict.Ok);
        Assert.Contains("(a gap)", Assert.Single(verdict.Problems, p => p.Check == TrailCheck.Ranges).Message);
        Assert.Equal([Sha(5)], verdict.DirectPushes.Select(p => p.Sha));
        var reviewed = Assert.Single(verdict.ReviewedDirectPushes);
        Assert.Equal((Sha(4), null, null), (reviewed.Push.Sha, reviewed.AfterRelease, reviewed.BeforeRelease));
    }

    [Fact]
    public void A_contiguous_release_names_no_push_between_releases()
    {
        var verdict = Verify(secondStart: 3);

        Assert.True(verdict.Ok, string.Join("\n", verdict.Problems.Select(p => p.Message)));
        Assert.Empty(verdict.ReviewedDirectPushes);
    }

    [Theory]
    [InlineData(3, 5, new[] { 4, 5 }, true)]
    [InlineData(3, 5, new[] { 5 }, false)]
    [InlineData(3, 3, new[] { 4 }, false)] // no gap at all: nothing to continue
    public void A_gap_is_acknowledged_only_when_every_commit_in_it_is(int end, int start, int[] acknowledged, bool continuous)
    {
        var gap = RangeBreak.AcknowledgedGap(new CommitGraph(Main), Sha(end), Sha(start), acknowledged.Select(Sha).ToHashSet());
        Assert.Equal(continuous, gap is not null);
        if (gap is not null) Assert.Equal(acknowledged.Select(Sha).Order(), gap.Order());
    }

    [Fact]
    public void Production_is_accounted_up_to_the_last_push_whose_whole_history_since_the_release_is_acknowledged()
    {
        var since = new[] { C(6, 5), C(5, 4), C(4, 3) };

        var none = PolicyAccounting.Find("release-1", Sha(3), since, []);
        var first = PolicyAccounting.Find("release-1", Sha(3), since, [Acknowledges("review-a", "carol@example.com", 4)]);
        var skipping = PolicyAccounting.Find("release-1", Sha(3), since, [Acknowledges("review-a", "carol@example.com", 4, 6)]);
        var all = PolicyAccounting.Find("release-1", Sha(3), since,
            [Acknowledges("review-a", "carol@example.com", 4), Acknowledges("review-b", "erin@example.com", 5, 6)]);
        var byAuthor = PolicyAccounting.Find("release-1", Sha(3), since, [Acknowledges("review-a", "DANA@example.com", 4, 5, 6)]);

        Assert.Equal((Sha(3), "release-1"), (none.Sha, none.By));
        Assert.Equal([Sha(4), Sha(5), Sha(6)], none.Unacknowledged.Select(c => c.Sha));
        Assert.Equal((Sha(4), "review-a"), (first.Sha, first.By));
        Assert.Equal((Sha(4), "review-a"), (skipping.Sha, skipping.By)); // 6 is acknowledged, but 5 under it is not
        Assert.Equal([Sha(5)], skipping.Unacknowledged.Select(c => c.Sha));
        Assert.Equal((Sha(6), "review-b"), (all.Sha, all.By));
        Assert.Empty(all.Unacknowledged);
        Assert.Equal((Sha(3), "release-1"), (byAuthor.Sha, byAuthor.By)); // the author cannot acknowledge their own push
    }

    [Fact]
    public void A_merge_is_accounted_only_when_both_sides_since_the_release_are()
    {
        // 4 and 5 both branch from the release's end 3; 6 merges them.
        var since = new[] { C(6, 4, 5), C(5, 3), C(4, 3) };

        var oneSide = PolicyAccounting.Find("release-1", Sha(3), since, [Acknowledges("review-a", "carol@example.com", 4, 6)]);
        var both = PolicyAccounting.Find("release-1", Sha(3), since, [Acknowledges("review-a", "carol@example.com", 4, 5, 6)]);

        Assert.Equal(Sha(4), oneSide.Sha);
        Assert.Equal(Sha(6), both.Sha);
    }
}
