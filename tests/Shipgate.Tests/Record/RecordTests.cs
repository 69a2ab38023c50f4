using System.Text;
using System.Text.RegularExpressions;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Release;
using Shipgate.Rendering;

namespace Shipgate.Tests.Record;

public sealed class RecordTests
{
    [Fact]
    public void Release_ids_are_utc_and_a_second_release_in_the_same_second_gets_a_suffix()
    {
        var at = new DateTimeOffset(2026, 2, 4, 17, 30, 45, TimeSpan.FromHours(2));
        Assert.Equal("release-2026-02-04-153045", RecordFiles.NewReleaseId(at, []));
        Assert.Equal("release-2026-02-04-153045-2", RecordFiles.NewReleaseId(at, ["releases/release-2026-02-04-153045.json"]));
        Assert.Equal(
            "release-2026-02-04-153045-3",
            RecordFiles.NewReleaseId(at, ["releases/release-2026-02-04-153045.json", "releases/release-2026-02-04-153045-2.json"]));
    }

    [Fact]
    public void A_record_made_in_the_second_of_the_one_before_it_sorts_after_it_in_the_chain()
    {
        var at = new DateTimeOffset(2026, 2, 4, 15, 30, 45, TimeSpan.Zero);
        string[] files = ["releases/release-2026-02-04-153044.json", "releases/deployment-2026-02-04-153045.json"];

        // A release in the second of the last release's deployment record would sort before that record without a suffix.
        var release = RecordFiles.NewReleaseId(at, files);
        Assert.Equal("release-2026-02-04-153045-2", release);
        Assert.Equal(["release-2026-02-04-153044", "deployment-2026-02-04-153045", release],
            RecordFiles.ChainIds([.. files, RecordFiles.JsonPath(release)]));

        // A deployment record already sorts after its release of the same second: no suffix.
        Assert.Equal("deployment-2026-02-04-153044", RecordFiles.NewDeploymentId(at.AddSeconds(-1), ["releases/release-2026-02-04-153044.json"]));
    }

    [Fact]
    public void Release_ids_are_ordered_by_time_then_suffix()
    {
        var ids = RecordFiles.ReleaseIds([
            "releases/release-2026-02-04-153045-2.json", "releases/release-2026-02-04-153045.md",
            "releases/release-2026-02-04-153045.json", "releases/release-2026-01-01-000000.json",
            "compliance/pr-1.json", "releases/notes.json",
        ]);
        Assert.Equal(["release-2026-01-01-000000", "release-2026-02-04-153045", "release-2026-02-04-153045-2"], ids);
    }

    private static ReleaseRecord Sample(string hostileTitle)
    {
        var commit = new Commit(
            new string('a', 40), ["b"], "Dana", "d@x", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, hostileTitle + " (#5)", "", ["web/a.ts"]);
        var plan = ReleasePlanner.Build(new ReleasePlanner.Inputs(new string('b', 40), commit.Sha, [commit], new DiffStat(1, 2, 3, ["web/a.ts"]),
            ["compliance/pr-5-x.json"], new TicketMatcher(["BOL"]), new AreaMap([]), ReleasePlanner.NoLookup, null, "https://github.com/acme/svc"));
        var ci = new CiResult(commit.Sha, CiState.Success, [new CiCheck("build", "success", true)], null);
        return RecordBuilder.Build(new RecordBuilder.Inputs("release-2026-02-04-153045", new DateTimeOffset(2026, 2, 4, 15, 30, 45, TimeSpan.Zero),
            "acme/svc", new GitIdentity("Rita", "rita@example.com"), "rita", "main", "staging", plan, ci,
            [new OpenPullRequest(9, hostileTitle, "eve", null)],
            Gaps.Warnings(Gaps.Find(plan, ci, [new OpenPullRequest(9, hostileTitle, "eve", null)]), "staging"),
            new RecordConfirmation("SHIP", "SHIP", new DateTimeOffset(2026, 2, 4, 15, 30, 40, TimeSpan.Zero), ConfirmationChannel.Terminal),
            new PreviousRelease("release-2026-01-01-000000", new string('c', 64))));
    }

    [Fact]
    public void The_json_keeps_the_seed_field_names_and_round_trips()
    {
        var record = Sample("Add login");
        var bytes = RecordFiles.ToJsonBytes(record);
        var json = Encoding.UTF8.GetString(bytes);

        foreach (var field in new[] { "release_id", "timestamp", "released_by", "released_by_email", "from_ref", "from_sha", "to_ref", "to_sha",
                     "commits_count", "files_changed", "insertions", "deletions", "pull_requests", "linear_tickets", "change_summary", "ci_status",
                     "checks_passed", "confirmation", "word_presented", "word_entered", "confirmed_at", "compliance_archive", "merged_at",
                     "schema_version", "repository", "tool", "released_by_login", "unspecced_changes", "warnings", "open_prs", "previous_release", "sha256" })
            Assert.Contains($"\"{field}\":", json);
        Assert.Contains("\"timestamp\": \"2026-02-04T15:30:45+00:00\"", json);
        Assert.EndsWith("}\n", json);
        Assert.False(bytes.Take(3).SequenceEqual(new byte[] { 0xEF, 0xBB, 0xBF }));
        var back = RecordFiles.FromJsonBytes(bytes)!;
        Assert.Equal(record.ReleaseId, back.ReleaseId);
        Assert.Equal(record.PreviousRelease, back.PreviousRelease);
        Assert.Equal(json, Encoding.UTF8.GetString(RecordFiles.ToJsonBytes(back)));
    }

    [Fact]
    public void The_markdown_is_utf8_and_hostile_titles_stay_text()
    {
        const string hostile = "<script>alert(1)</script> | [x](javascript:alert(1)) **bold** \u001b[31mred";
        var record = Sample(hostile);
        var plan = ReleasePlanner.Build(new ReleasePlanner.Inputs(
            "b", "a", [], new DiffStat(0, 0, 0, []), [], new TicketMatcher([]), new AreaMap([]), ReleasePlanner.NoLookup, null, null));
        var md = RecordMarkdown.Render(
            record,
            Gaps.Checklist(Gaps.Find(plan, CiResult.Unverified("a", "x"), []), plan.ReviewsKnown),
            path => $"https://github.com/acme/svc/blob/compliance-archives/{path}");

        Assert.Contains("## From → To", md);
        Assert.Contains("📋 Report", md);
        Assert.Contains("✅", md);
        Assert.DoesNotContain("â†’", md);
        Assert.DoesNotContain("<script>", md);
        Assert.DoesNotContain("](javascript:", md);
        Assert.DoesNotContain("\u001b", md);
        Assert.Contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\| \\[x\\]\\(javascript:alert\\(1\\)\\) \\*\\*bold\\*\\*", md);
        var prRow = md.Split('\n').Single(l => l.StartsWith("| [#5]"));
        Assert.Equal(6, Regex.Matches(prRow, @"(?<!\\)\|").Count); // 5 cells: escaped pipes do not split
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\u001b[2Jb", "a[2Jb")]
    [InlineData("line\none\r\n\ttwo", "line one two")]
    [InlineData("evil\u202Egnp.exe", "evilgnp.exe")]
    [InlineData("bell\u0007\u009b", "bell")]
    public void Terminal_text_loses_control_characters(string input, string expected) =>
        Assert.Equal(expected, SafeText.OneLine(input));

    [Fact]
    public void Markup_text_cannot_open_styles() =>
        Assert.Equal("[[red]]x[[/]]", SafeText.Markup("[red]x[/]"));

    [Fact]
    public void Only_http_urls_become_markdown_links()
    {
        Assert.Null(SafeText.MarkdownUrl("javascript:alert(1)"));
        Assert.Equal("https://x.example/a%28b%29", SafeText.MarkdownUrl("https://x.example/a(b)"));
    }
}
