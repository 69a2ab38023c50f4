using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Shipgate.Audit.Report;
using Shipgate.Record;
using static Shipgate.Tests.Audit.ReportRecords;

namespace Shipgate.Tests.Audit;

public sealed class ReportRenderTests
{
    [Fact]
    public void Markdown_lists_every_release_with_its_evidence_and_keeps_hostile_text_inert()
    {
        var md = ReportMarkdown.Render(Sample());

        Assert.Contains("| Independently reviewed | 2 of 5 (40%); unknown: 1 |", md);
        Assert.Contains("| Gaps (warnings) | 3 |", md);
        foreach (var id in new[] { "release-2026-02-03-101500", "release-2026-02-10-080000", "release-2026-02-28-235959" })
            Assert.Contains($"## {id}", md);
        Assert.Contains("| [#10](https://github.com/acme/svc/pull/10) | BOL-1: Login page | dana | sam, lee | yes | BOL-1 | compliance/pr-10-login.json |", md);
        Assert.Contains("| [#12](https://github.com/acme/svc/pull/12) | &lt;script&gt;alert\\(1\\)&lt;/script&gt; | eve | eve | no |  | missing |", md);
        Assert.Contains("❌ e2e: failure", md);
        Assert.Contains("- **Emergency**: yes, CI gate overridden: Payments down for all EU customers; reviewed by Carol CISO", md);
        Assert.Contains("NOT REVIEWED", md);
        Assert.DoesNotContain("<script", md);
        Assert.DoesNotContain("<img", md);
        Assert.DoesNotContain("](javascript:", md);
    }

    [Fact]
    public void Csv_is_rfc_4180_with_a_row_per_pull_request()
    {
        var csv = ReportCsv.Render(Sample());
        var rows = ParseCsv(csv);

        Assert.EndsWith("\r\n", csv);
        Assert.Equal(ReportCsv.Columns, rows[0]);
        Assert.All(rows, row => Assert.Equal(ReportCsv.Columns.Length, row.Count));
        Assert.Equal(["#10", "#12", "#14", "#20", "#21"], rows.Skip(1).Select(r => r[10]));
        var login = rows[1];
        Assert.Equal(["release-2026-02-03-101500", "2026-02-03 10:15:00 UTC", "Rita Releaser"], login.Take(3));
        Assert.Equal(["BOL-1: Login page", "dana", "sam, lee", "yes", "BOL-1 Login page (Done)", "compliance/pr-10-login.json", "not followed"],
            login.Skip(11).Take(7));
        // Then where the record is and the hash that pins it (no tag: this pack was built from records alone).
        Assert.Equal(["", "releases/release-2026-02-03-101500.json"], login.Skip(18).Take(2));
        Assert.Matches("^[0-9a-f]{64}$", login[20]);
        Assert.Equal(Script, rows[2][11]);
        Assert.Equal(Image, rows[3][11]);
        Assert.Equal("BOL-9 <b>bold</b> & =1+1 (not found in Linear)", rows[3][15]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\t=1", "\"'=1\"")]
    [InlineData("a, \"b\"\r\nc", "\"a, \"\"b\"\" c\"")]
    [InlineData("x=1", "\"x=1\"")]
    public void Csv_cells_are_quoted_and_cannot_start_a_formula(string text, string cell) =>
        Assert.Equal(cell, ReportCsv.Cell(text));

    [Fact]
    public void Html_is_one_static_page_whose_recorded_text_is_escaped()
    {
        var html = ReportHtml.Render(Sample());

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Matches(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'",
            html);
        Assert.Contains("@media print", html);
        Assert.Single(Regex.Matches(html, "<style>"));
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain(" style=", html);
        Assert.DoesNotContain("url(", html);
        Assert.Contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>", html);
        Assert.Contains("<td>&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;</td>", html);
        Assert.Contains("<li>BOL-9 &lt;b&gt;bold&lt;/b&gt; &amp; =1+1 (not found in Linear)</li>", html);
        Assert.Contains("<a href=\"https://github.com/acme/svc/pull/10\" rel=\"noreferrer\">#10</a>", html);
        // Every href is ours: http(s) only.
        Assert.All(Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value), href => Assert.StartsWith("https://", href));
    }

    [Fact]
    public void The_style_sheet_hash_in_the_policy_is_the_hash_of_the_style_sheet()
    {
        var html = ReportHtml.Render(Sample());
        var css = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(css)));

        Assert.Contains($"style-src 'sha256-{hash}'", html);
    }

    [Fact]
    public void An_acknowledged_direct_push_is_shown_in_every_format_with_its_text_kept_inert()
    {
        var release = Released("release-2026-02-03-101500", At("2026-02-03T10:15:00"));
        var review = Review("review-2026-02-05-090000", "", At("2026-02-05T09:00:00"), "Carol CTO", "INC-12 " + Script) with
        {
            Kind = ReviewKind.DirectPushReview,
            ReviewsRelease = null,
            DirectPushes = [new RecordDirectPush(new string('e', 40), "hotfix " + Image, "Dana", "dana@example.com")],
        };
        var report = EvidenceReport.Build("acme/svc", [Link(release), Link(review)], February, At("2026-03-05T12:00:00"));

        Assert.Equal(1, report.Totals.DirectPushesAcknowledged);
        var md = ReportMarkdown.Render(report);
        Assert.Contains("| Direct pushes acknowledged | 1 |", md);
        Assert.Contains("| `eeeeeee` hotfix &lt;img src=x onerror=\"document.title='pwned'\"&gt; | Dana | review-2026-02-05-090000 | " +
            "2026-02-05 09:00:00 UTC | Carol CTO &lt;carol@example.com&gt; |", md);
        Assert.DoesNotContain("<img", md);
        var row = ParseCsv(ReportCsv.Render(report))[^1];
        Assert.Equal(["review-2026-02-05-090000", new string('e', 40), "commit eeeeeee", "hotfix " + Image, "Dana", "Carol CTO <carol@example.com>", "yes"],
            [row[0], row[4], row[10], row[11], row[12], row[13], row[14]]);
        var html = ReportHtml.Render(report);
        Assert.Contains("<h2>Direct pushes acknowledged</h2>", html);
        Assert.Contains($"<td><code>{new string('e', 40)}</code></td>" +
            "<td>hotfix &lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;</td>", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<script", html);
    }

    /// <summary>A strict RFC 4180 reader: every field must be quoted, as the writer promises.</summary>
    internal static List<List<string>> ParseCsv(string csv)
    {
        var rows = new List<List<string>>();
        foreach (var line in csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var cells = Regex.Matches(line, "\"((?:[^\"]|\"\")*)\"(?:,|$)").Select(m => m.Groups[1].Value.Replace("\"\"", "\"")).ToList();
            Assert.Equal(line, string.Join(",", cells.Select(c => "\"" + c.Replace("\"", "\"\"") + "\"")));
            rows.Add(cells);
        }
        return rows;
    }
}
