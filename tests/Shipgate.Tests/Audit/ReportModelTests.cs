using System.Globalization;
using Shipgate.Audit;
using Shipgate.Audit.Report;
using static Shipgate.Tests.Audit.ReportRecords;

namespace Shipgate.Tests.Audit;

public sealed class ReportModelTests
{
    [Fact]
    public void The_period_is_whole_utc_days_with_both_ends_included()
    {
        var releases = new[]
        {
            Released("release-2026-01-31-235959", At("2026-01-31T23:59:59")),
            Released("release-2026-02-01-000000", At("2026-02-01T00:00:00")),
            Released("release-2026-02-28-235959", At("2026-02-28T23:59:59")),
            Released("release-2026-03-01-000000", At("2026-03-01T00:00:00")),
        };
        // 00:30 on 1 March in Berlin is 23:30 on 28 February in UTC: the UTC day decides.
        var lateInBerlin = Released("release-2026-02-28-233000", new DateTimeOffset(2026, 3, 1, 0, 30, 0, TimeSpan.FromHours(1)));

        var report = EvidenceReport.Build("acme/svc", [.. releases.Select(Link), Link(lateInBerlin)], February, At("2026-03-05T00:00:00"));

        Assert.Equal(["release-2026-02-01-000000", "release-2026-02-28-235959", "release-2026-02-28-233000"], report.Releases.Select(r => r.Record.ReleaseId));
    }

    [Theory]
    [InlineData("2026-02-01", "2026-02-28", true)]
    [InlineData("2026-02-28", "2026-02-28", true)]
    [InlineData("2026-03-01", "2026-02-28", false)]
    [InlineData("2026-2-1", "2026-02-28", false)]
    [InlineData("2026-02-01", "28.02.2026", false)]
    [InlineData("2026-02-30", "2026-03-01", false)]
    [InlineData("yesterday", "2026-03-01", false)]
    public void Dates_are_yyyy_mm_dd_and_since_may_not_follow_until(string since, string until, bool valid)
    {
        if (valid) Assert.Equal(DateOnly.Parse(since, CultureInfo.InvariantCulture), ReportPeriod.Parse(since, until).Since);
        else Assert.Equal(ExitCode.Usage, Assert.Throws<UsageException>(() => ReportPeriod.Parse(since, until)).Code);
    }

    [Fact]
    public void Totals_count_releases_prs_independent_reviews_unspecced_changes_gaps_and_emergencies()
    {
        var totals = Sample().Totals;

        Assert.Equal(
            new ReportTotals(
                Releases: 3, PullRequests: 5, IndependentlyReviewed: 2, ReviewUnknown: 1,
                UnspeccedChanges: 2, Gaps: 3, Emergencies: 2, EmergenciesUnreviewed: 1),
            totals);
        Assert.Equal("40%", totals.ShareIndependentlyReviewed);
        Assert.Equal("n/a", EvidenceReport.Build("acme/svc", [], February, At("2026-03-05T00:00:00")).Totals.ShareIndependentlyReviewed);
    }

    [Fact]
    public void An_emergency_carries_its_review_even_when_the_review_came_after_the_period()
    {
        var report = Sample();

        var reviewed = report.Releases.Single(r => r.Record.ReleaseId == "release-2026-02-10-080000");
        Assert.Equal("review-2026-03-02-090000", reviewed.Review?.ReviewId);
        Assert.StartsWith("yes, CI gate overridden: Payments down for all EU customers; reviewed by Carol CISO on 2026-03-02", ReportText.Emergency(reviewed));
        var unreviewed = report.Releases.Single(r => r.Record.ReleaseId == "release-2026-02-28-235959");
        Assert.Equal("yes: Cache stampede; NOT REVIEWED", ReportText.Emergency(unreviewed));
        Assert.Equal("no", ReportText.Emergency(report.Releases[0]));
    }

    [Fact]
    public void A_record_that_cannot_be_read_is_listed_when_its_id_falls_in_the_period()
    {
        var good = Released("release-2026-02-03-101500", At("2026-02-03T10:15:00"));
        TrailLink[] links =
        [
            Link(good),
            new("release-2026-02-04-000000", 1, "", "{ not json"u8.ToArray()),
            new("release-2026-03-04-000000", 2, "", "{}"u8.ToArray()),
        ];

        var report = EvidenceReport.Build("acme/svc", links, February, At("2026-03-05T00:00:00"));

        Assert.Equal(["release-2026-02-03-101500"], report.Releases.Select(r => r.Record.ReleaseId));
        Assert.Equal(["release-2026-02-04-000000"], report.UnreadableRecords);
    }
}
