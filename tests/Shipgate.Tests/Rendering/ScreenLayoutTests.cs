using System.Text.RegularExpressions;
using Shipgate.Git;
using Shipgate.Release;
using Shipgate.Rendering;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Rendering;

/// <summary>Screens that read well anywhere: whole lines when piped, the terminal's width otherwise, wrapped lines indented, plurals right.</summary>
public sealed class ScreenLayoutTests
{
    [Theory]
    [InlineData(false, "60", 120, ScreenLayout.Unlimited)]
    [InlineData(false, null, 80, ScreenLayout.Unlimited)]
    [InlineData(true, "200", 80, 200)]
    [InlineData(true, null, 132, 132)]
    [InlineData(true, "nonsense", 132, 132)]
    [InlineData(true, null, 0, 80)]
    public void The_width_is_the_terminals_with_COLUMNS_honoured_and_unlimited_when_not_a_terminal(
        bool terminal, string? columns, int detected, int expected) =>
        Assert.Equal(expected, ScreenLayout.Width(terminal, columns, detected));

    [Fact]
    public void A_wrapped_line_continues_indented_and_no_line_is_wider_than_the_screen()
    {
        var lines = ScreenLayout.Hanging("[ ] All tickets linked and verified - not verified (no ticket tracker): BOL-1, BOL-9, BOL-50, ENG-5", 40, 4);

        Assert.True(lines.Count > 1);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("    ", l));
        Assert.All(lines, l => Assert.True(l.Length <= 40, l));
        Assert.Equal("[ ] All tickets linked and verified - not verified (no ticket tracker): BOL-1, BOL-9, BOL-50, ENG-5",
            string.Join(" ", lines.Select(l => l.Trim())));
    }

    [Theory]
    [InlineData(1, "1 commit")]
    [InlineData(0, "0 commits")]
    [InlineData(2, "2 commits")]
    public void Counts_read_right(int count, string expected) => Assert.Equal(expected, Plural.Of(count, "commit"));
}

/// <summary>The summary drawn on a real console: piped (no width) and on a narrow or wide terminal.</summary>
[Trait("Category", "Integration")]
public sealed class SummaryLayoutTests
{
    private const string LongTitle = "Session auth for browser API endpoints, with refresh tokens and a logout that really logs out";

    private static string Draw(int width)
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var run = new PhaseRun(s, new ReleaseOptions(DryRun: true));
        var output = new StringWriter();
        var console = CapturedConsole.Create(output);
        console.Profile.Width = width;
        var pr = new ReleasedPullRequest(7, LongTitle, null, "dev", null, null, null, MergeKind.Squash, new string('a', 40), [], [], ["web/a.ts"],
            null, null, []);
        var plan = new ReleasePlan(new string('f', 40), new string('t', 40), [new Commit(new string('c', 40), [], "dev", "d@x",
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "one", "", [])], 0, new DiffStat(1, 2, 3, ["web/a.ts"]), [pr], [], [], []);
        var gaps = Gaps.Find(plan, CiResult.Unverified("t", "no GitHub in this test, and a reason long enough to need wrapping on a narrow screen"), []);
        SummaryScreen.Show(console, run.Context.Policy, new Gathered(plan, gaps, [], null, null),
            Gaps.Checklist(gaps, plan.ReviewsKnown, policyCompared: true, controlsJudged: true));
        return output.ToString();
    }

    [Fact]
    public void Piped_nothing_is_wrapped_cut_or_padded()
    {
        var output = Draw(ScreenLayout.Unlimited);

        Assert.Contains(LongTitle, output);
        Assert.Contains(
            "[ ] CI passing on staging - not verified: no GitHub in this test, and a reason long enough to need wrapping on a narrow screen\n", output);
        Assert.DoesNotMatch(new Regex(@"^[ \t]+$", RegexOptions.Multiline), output);
        Assert.Contains("Commits: 1 commit\n", output);
        Assert.Contains("PRs:     1 pull request\n", output);
        Assert.Contains("Files:   1 file changed", output);
    }

    [Fact]
    public void On_a_wide_terminal_titles_are_whole_and_on_a_narrow_one_wrapped_lines_are_indented()
    {
        Assert.Contains(LongTitle, Draw(200));

        var narrow = Draw(60);
        var lines = narrow.Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= 60, l));
        var ci = Array.FindIndex(lines, l => l.StartsWith("[ ] CI passing on staging"));
        Assert.StartsWith("    ", lines[ci + 1]);
        Assert.DoesNotContain("…", narrow);
    }
}
