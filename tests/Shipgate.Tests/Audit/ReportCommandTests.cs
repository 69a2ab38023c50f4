using System.Text;
using System.Text.Json;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit;

/// <summary><c>shipgate audit report</c> over real releases: the period's records, in each format, written whole.</summary>
[Trait("Category", "Integration")]
public sealed class ReportCommandTests
{
    private sealed class FixedClock(string utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => ReportRecords.At(utc);
    }

    /// <summary>A January release, a February emergency carrying a hostile PR title, and its review.</summary>
    private static async Task<(ReleaseScenario Scenario, string EmergencyId)> TrailAsync()
    {
        var s = new ReleaseScenario(Scenarios.RichWithUnprovenReviews);
        s.Runner.Clock = new FixedClock("2026-01-20T09:00:00");
        var january = await s.ReleaseAsync();
        Assert.True(january.Code == ExitCode.Success, january.Output);

        s.Git.SquashPullRequest(300, ReportRecords.Script, new() { ["web/x.ts"] = "x\n" });
        s.Git.UpdateReleaser();
        s.Runner.Clock = new FixedClock("2026-02-03T10:00:00");
        var february = await s.Runner.RunAsync(["release", "--emergency", "payments are down"]);
        Assert.True(february.Code == ExitCode.Success, february.Output);

        s.Runner.Clock = new FixedClock("2026-02-04T08:00:00");
        var carol = s.CloneAs("Carol CTO", "carol@example.com");
        var review = await carol.RunAsync(["audit", "review", "release-2026-02-03-100000", "--note", "https://wiki.example.com/pm/42"]);
        Assert.True(review.Code == ExitCode.Success, review.Output);
        return (s, "release-2026-02-03-100000");
    }

    [Fact]
    public async Task The_report_holds_the_periods_releases_in_each_format()
    {
        var (s, emergency) = await TrailAsync();
        using var _ = s;
        var reports = Path.Combine(s.Folder, "reports");
        Directory.CreateDirectory(reports);

        foreach (var format in new[] { "md", "csv", "html", "json" })
        {
            var result = await s.Runner.RunAsync(
                ["audit", "report", "--since", "2026-02-01", "--until", "2026-02-28", "--format", format, "--out", Path.Combine(reports, "q1." + format)]);
            Assert.True(result.Code == ExitCode.Success, result.Output);
            Assert.Contains("releases: 1, PRs: 1,", result.Output);
        }

        var md = File.ReadAllText(Path.Combine(reports, "q1.md"));
        Assert.Contains($"## {emergency}", md);
        Assert.DoesNotContain("release-2026-01-20", md);
        Assert.Contains("yes, CI gate overridden: payments are down; reviewed by Carol CTO on 2026-02-04", md);
        Assert.Contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;", md);

        var bytes = File.ReadAllBytes(Path.Combine(reports, "q1.csv"));
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var rows = ReportRenderTests.ParseCsv(Encoding.UTF8.GetString(bytes[3..]));
        var row = Assert.Single(rows.Skip(1));
        Assert.Equal([emergency, "#300", ReportRecords.Script, "unknown"], [row[0], row[10], row[11], row[14]]);

        var html = File.ReadAllText(Path.Combine(reports, "q1.html"));
        Assert.Contains($"<h2>{emergency}", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script", html);
        Assert.Empty(Shipgate.Audit.RecordSchemas.ValidateReport(File.ReadAllBytes(Path.Combine(reports, "q1.json"))));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(reports, "q1.json")));
        var evidence = Assert.Single(json.RootElement.GetProperty("releases").EnumerateArray());
        Assert.Equal(emergency, evidence.GetProperty("record").GetProperty("release_id").GetString());
        Assert.Equal("Carol CTO", evidence.GetProperty("review").GetProperty("reviewed_by").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("totals").GetProperty("releases").GetInt32());
        Assert.Equal(["q1.csv", "q1.html", "q1.json", "q1.md"], Directory.GetFiles(reports).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_period_without_releases_still_writes_a_report_and_an_existing_file_is_replaced()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var path = Path.Combine(s.Folder, "empty.md");
        File.WriteAllText(path, "old");

        var result = await s.Runner.RunAsync(["audit", "report", "--since", "2026-02-01", "--until", "2026-02-28", "--format", "md", "--out", path]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("No release was recorded in this period.", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("2026-02-30", "2026-03-01", "md", "reports/r.md", "--since 2026-02-30 is not a date")]
    [InlineData("2026-03-01", "2026-02-01", "md", "reports/r.md", "is after --until")]
    [InlineData("2026-02-01", "2026-02-28", "pdf", "reports/r.md", "pdf")]
    [InlineData("2026-02-01", "2026-02-28", "md", "missing/r.md", "does not exist")]
    [InlineData("2026-02-01", "2026-02-28", "md", "reports", "is a folder")]
    public async Task Bad_dates_formats_and_paths_are_usage_errors_and_write_nothing(string since, string until, string format, string output, string message)
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "reports"));
        var runner = new ShipgateRunner(folder.Path, Path.Combine(folder.Path, "state"));

        var result = await runner.RunAsync(["audit", "report", "--since", since, "--until", until, "--format", format, "--out", output]);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains(message, result.Output);
        Assert.Empty(Directory.GetFiles(Path.Combine(folder.Path, "reports")));
    }
}
