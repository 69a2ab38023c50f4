using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Release;
using Shipgate.Rendering;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Rendering;

/// <summary>A release too long to read whole: the screen and the Markdown show the first rows and count the rest; the JSON record keeps all.</summary>
public sealed class LongReleaseTests
{
    private const int Size = 1200;

    /// <summary>1,200 squash-merged PRs, each with its ticket, all in one area (or each in its own top folder), none archived.</summary>
    private static ReleasePlan LongPlan(bool areaEach = false)
    {
        var commits = new List<Commit>();
        var parent = "base";
        for (var i = 1; i <= Size; i++)
        {
            var sha = $"{i:x40}".Replace(' ', '0');
            commits.Add(new Commit(sha, [parent], "Dana", "dana@example.com", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(i),
                $"BOL-{i}: change {i} (#{i})", "", [areaEach ? $"dir{i}/f.ts" : $"web/f{i}.ts"]));
            parent = sha;
        }
        commits.Reverse();
        return ReleasePlanner.Build(new ReleasePlanner.Inputs("base", commits[0].Sha, commits, new DiffStat(Size, Size, 0, []), [],
            new TicketMatcher(["BOL"]), new AreaMap([new AreaRule("web", "Web", ["web/**"])]), ReleasePlanner.NoLookup, null, "https://github.com/acme/svc"));
    }

    [Fact]
    public void The_summary_shows_the_first_rows_of_each_long_list_and_counts_the_rest()
    {
        var plan = LongPlan();
        var gaps = Gaps.Find(plan, CiResult.Unverified(plan.ToSha, "no GitHub in this test"), []);
        var output = new StringWriter();
        var policy = new ReleasePolicy(ShipgateConfig.Default, new PolicySource("origin", "main", null, ".shipgate.yml", null, false), null, null);

        SummaryScreen.Show(CapturedConsole.Create(output), policy, new Gathered(plan, gaps, [], null, null),
            Gaps.Checklist(gaps, plan.ReviewsKnown, policyCompared: true, controlsJudged: true));

        var lines = output.ToString().Split('\n');
        Assert.Equal(Screens.RowsShown, lines.Count(l => l.StartsWith("| #", StringComparison.Ordinal)));
        Assert.Equal(Screens.RowsShown, lines.Count(l => l.StartsWith("| BOL-", StringComparison.Ordinal)));
        Assert.Equal(Screens.RowsShown, lines.Count(l => l.StartsWith("- change", StringComparison.Ordinal)));
        var more = $"... and {Size - Screens.RowsShown} more (all are in the record)";
        Assert.Equal(3, lines.Count(l => l == more)); // PRs, tickets, the area's changes
        Assert.Contains(lines, l => l.StartsWith("| #1200 ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("| #1 ", StringComparison.Ordinal));
        // A box's reason names the first PRs and counts the rest, instead of one line of 1,200 numbers.
        Assert.Contains($"no archive for #1200, #1199, #1198, #1197, #1196, #1195, #1194, #1193, #1192, #1191, #1190, #1189, #1188, #1187, #1186, " +
            $"#1185, #1184, #1183, #1182, #1181 and {Size - Gaps.NamesListed} more", string.Join(" ", lines.Select(l => l.Trim())));
        Assert.True(lines.Length < 400, $"{lines.Length} lines");
    }

    [Fact]
    public void Many_areas_show_their_first_and_count_the_rest_on_screen_and_in_the_markdown()
    {
        var plan = LongPlan(areaEach: true);
        var gaps = Gaps.Find(plan, CiResult.Unverified(plan.ToSha, "x"), []);
        var output = new StringWriter();
        var policy = new ReleasePolicy(ShipgateConfig.Default, new PolicySource("origin", "main", null, ".shipgate.yml", null, false), null, null);
        var record = RecordBuilder.Build(new RecordBuilder.Inputs("release-2026-02-04-153045", DateTimeOffset.UnixEpoch, "acme/svc",
            new GitIdentity("Rita", "rita@example.com"), null, "main", "staging", plan, CiResult.Unverified(plan.ToSha, "x"), [],
            Gaps.Warnings(gaps, "staging"), new RecordConfirmation("SHIP", "SHIP", DateTimeOffset.UnixEpoch, ConfirmationChannel.Terminal), null));

        SummaryScreen.Show(CapturedConsole.Create(output), policy, new Gathered(plan, gaps, [], null, null),
            Gaps.Checklist(gaps, plan.ReviewsKnown, policyCompared: true, controlsJudged: true));
        var md = RecordMarkdown.Render(record, Gaps.Checklist(gaps, plan.ReviewsKnown), _ => null).Split('\n');

        var screen = output.ToString().Split('\n');
        Assert.Equal(Screens.RowsShown, screen.Count(l => l.StartsWith("dir", StringComparison.Ordinal) && l.EndsWith(':')));
        Assert.Contains($"... and {Size - Screens.RowsShown} more areas (all are in the record)", screen);
        Assert.Equal(RecordMarkdown.RowsListed, md.Count(l => l.StartsWith("### dir", StringComparison.Ordinal)));
        Assert.Contains($"… and {Size - RecordMarkdown.RowsListed} more areas: every one is in `releases/release-2026-02-04-153045.json`.", md);
        Assert.Equal(Size, record.ChangeSummary.Count);
    }

    [Fact]
    public void Gap_warnings_name_the_first_pull_requests_and_count_the_rest()
    {
        var plan = LongPlan();
        var output = new StringWriter();

        GapWarningsScreen.Show(CapturedConsole.Create(output), Gaps.Find(plan, CiResult.Unverified(plan.ToSha, "x"), []));

        var text = System.Text.RegularExpressions.Regex.Replace(output.ToString(), @"\s+", " ");
        Assert.Contains($"WARNING: PR #1200, #1199, ", text);
        Assert.Contains($", #1151 and {Size - Screens.RowsShown} more have no compliance archive.", text);
        Assert.DoesNotContain("#1150", text);
    }

    [Fact]
    public void The_markdown_folds_long_lists_shows_their_first_rows_and_the_json_record_keeps_all()
    {
        var plan = LongPlan();
        var gaps = Gaps.Find(plan, CiResult.Unverified(plan.ToSha, "no GitHub in this test"), []);
        var record = RecordBuilder.Build(new RecordBuilder.Inputs("release-2026-02-04-153045", DateTimeOffset.UnixEpoch, "acme/svc",
            new GitIdentity("Rita", "rita@example.com"), null, "main", "staging", plan, CiResult.Unverified(plan.ToSha, "x"), [],
            Gaps.Warnings(gaps, "staging"), new RecordConfirmation("SHIP", "SHIP", DateTimeOffset.UnixEpoch, ConfirmationChannel.Terminal), null));

        var md = RecordMarkdown.Render(record, Gaps.Checklist(gaps, plan.ReviewsKnown), _ => null);

        var lines = md.Split('\n');
        Assert.Equal(RecordMarkdown.RowsListed, lines.Count(l => l.StartsWith("| [#", StringComparison.Ordinal)));
        Assert.Equal(RecordMarkdown.RowsListed, lines.Count(l => l.StartsWith("| BOL-", StringComparison.Ordinal)));
        Assert.Contains($"<details><summary>{Size} pull requests (the first {RecordMarkdown.RowsListed} listed)</summary>", lines);
        Assert.Contains($"… and {Size - RecordMarkdown.RowsListed} more: every one is in `releases/release-2026-02-04-153045.json`.", lines);
        Assert.Equal(lines.Count(l => l.StartsWith("<details>", StringComparison.Ordinal)), lines.Count(l => l == "</details>"));
        // The summary table comes before any folded list.
        Assert.True(Array.IndexOf(lines, "| **Pull Requests** | 1200 |") < Array.FindIndex(lines, l => l.StartsWith("<details>", StringComparison.Ordinal)));
        Assert.True(md.Length < 100_000, $"{md.Length} characters");

        var back = RecordFiles.FromJsonBytes(RecordFiles.ToJsonBytes(record))!;
        Assert.Equal(Size, back.PullRequests.Count);
        Assert.Equal(Size, back.LinearTickets.Count);
        Assert.Equal(Size, back.ChangeSummary["web"].Count);
        Assert.Equal(Size, back.Warnings.Count(w => w.EndsWith("has no compliance archive.", StringComparison.Ordinal)));
    }
}
