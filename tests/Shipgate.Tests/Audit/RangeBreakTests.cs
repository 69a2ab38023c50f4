using Shipgate.Audit;
using Shipgate.Git;

namespace Shipgate.Tests.Audit;

/// <summary>
/// The Ranges problem worded for what happened: a gap (the previous end comes before this start), an overlap (this
/// start comes before the previous end), a start off the previous release's line, or one production never gained.
/// </summary>
public sealed class RangeBreakTests
{
    private static string Sha(int n) => $"{n:x40}".Replace(' ', '0');

    private static Commit C(int n, params int[] parents) =>
        new(Sha(n), parents.Select(Sha).ToList(), "Dana", "d@x", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, $"c{n}", "", []);

    /// <summary>
    /// Main since the first release started at 1: 2, 3 (first release's end), 4, 5 on one line; 6 branched from 2 and merged
    /// into main by 7 after 5.
    /// </summary>
    private static readonly CommitGraph Main = new([C(7, 5, 6), C(6, 2), C(5, 4), C(4, 3), C(3, 2), C(2, 1)]);

    [Theory]
    [InlineData(3, 4, nameof(RangeBreakKind.Gap))]
    [InlineData(3, 5, nameof(RangeBreakKind.Gap))]
    [InlineData(3, 2, nameof(RangeBreakKind.Overlap))]
    [InlineData(3, 1, nameof(RangeBreakKind.Overlap))] // the first release's start: outside the history, but where it starts
    [InlineData(1, 3, nameof(RangeBreakKind.Gap))] // an empty first release (from = to = 1), then a start after it
    [InlineData(5, 6, nameof(RangeBreakKind.OffLine))]
    [InlineData(6, 4, nameof(RangeBreakKind.OffLine))]
    [InlineData(99, 4, nameof(RangeBreakKind.OffLine))] // the previous end is no longer on main
    [InlineData(3, 98, nameof(RangeBreakKind.OutsideHistory))]
    public void The_two_commits_say_which_it_is(int previousEnd, int start, string expected) =>
        Assert.Equal(Enum.Parse<RangeBreakKind>(expected), RangeBreak.Classify(Main, Sha(1), Sha(previousEnd), Sha(start)));

    [Fact]
    public void Without_main_since_the_trail_began_a_start_is_outside_it_unless_it_is_the_trail_start()
    {
        var empty = new CommitGraph([]);
        Assert.Equal(RangeBreakKind.OutsideHistory, RangeBreak.Classify(empty, Sha(1), Sha(3), Sha(4)));
        Assert.Equal(RangeBreakKind.OffLine, RangeBreak.Classify(empty, Sha(1), Sha(3), Sha(1)));
    }

    [Fact]
    public void Each_message_names_both_releases_and_commits_and_what_to_investigate()
    {
        var (end, start, trail) = ("3333333aaaa", "4444444bbbb", "1111111cccc");
        string Say(RangeBreakKind kind) => RangeBreak.Message(kind, "main", trail, "release-a", end, "release-b", start);

        Assert.All(Enum.GetValues<RangeBreakKind>(), kind => Assert.StartsWith("release-b starts at 4444444 but release-a ended at 3333333: ", Say(kind)));
        Assert.Equal("release-b starts at 4444444 but release-a ended at 3333333: 3333333 comes before 4444444 on main, so main changed " +
            "between the two releases without a record (a gap). Investigate who pushed the commits after 3333333 up to 4444444 and how: " +
            "git log 3333333..4444444.", Say(RangeBreakKind.Gap));
        Assert.Equal("release-b starts at 4444444 but release-a ended at 3333333: 4444444 comes before 3333333 on main, so the two ranges " +
            "overlap: the commits after 4444444 up to 3333333 are recorded as released by both release-a and release-b. Investigate which " +
            "record is wrong: compare each with its release tag's commit and git log 4444444..3333333.", Say(RangeBreakKind.Overlap));
        Assert.Equal("release-b starts at 4444444 but release-a ended at 3333333: neither comes before the other on main, so release-b does " +
            "not start on the line release-a released: main's history was rewritten between them or release-b's record names the wrong " +
            "commit. Investigate with git merge-base 4444444 3333333, release-b's release tag and main's push log.", Say(RangeBreakKind.OffLine));
        Assert.Equal("release-b starts at 4444444 but release-a ended at 3333333: 4444444 is not one of the commits main gained since the " +
            "first release started at 1111111: main's history was rewritten, release-b's record names a commit main never held, or " +
            "release-b starts before the trail began. Investigate where 4444444 is (git branch -a --contains 4444444) and release-b's " +
            "release tag.", Say(RangeBreakKind.OutsideHistory));
        Assert.All(Enum.GetValues<RangeBreakKind>(), kind => Assert.DoesNotContain("without a record", kind == RangeBreakKind.Gap ? "" : Say(kind)));
    }
}
