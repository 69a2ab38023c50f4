using System.Text;
using System.Text.Json;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit.Org;

/// <summary>
/// <c>shipgate audit report --repos FILE</c>: one evidence pack for the organisation, in each format, with the summary
/// and a section per repository carrying its verify verdict and its releases; the HTML in a real browser.
/// </summary>
[Trait("Category", "Integration")]
[Collection(Organisation.Collection)]
public sealed class OrgReportTests(Organisation org)
{
    private static readonly string Since = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd");
    private static readonly string Until = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");

    private async Task<(RunResult Result, string Text)> ReportAsync(string repos, string format)
    {
        var runner = org.Auditor();
        var path = Path.Combine(org.Folder, $"evidence-{Guid.NewGuid():N}.{format}");
        var result = await runner.RunAsync(["audit", "report", "--repos", repos, "--since", Since, "--until", Until, "--format", format, "--out", path]);
        Assert.True(result.Code == ExitCode.Success, result.Output);
        return (result, File.ReadAllText(path));
    }

    private string Repos() => org.ReposFile(["intact", "direct-push", "unreviewed-emergency"], "./no-such-repository");

    [Fact]
    public async Task The_markdown_pack_has_the_summary_then_each_repository_with_its_verdict_and_releases()
    {
        var before = org.AllOriginRefs();

        var (result, md) = await ReportAsync(Repos(), "md");

        Assert.Contains("4 repositories: 1 intact, 2 broken, 1 not verified", Flat(result.Output));
        Assert.StartsWith("# Organisation evidence report\n", md);
        // Three days on, the emergency release's review is overdue: that trail is broken too.
        Assert.Contains("| Repositories | 4 (1 intact, 2 broken, 1 not verified) |", md);
        Assert.Contains("| Releases | 4 |", md);
        Assert.Contains("| Emergency releases | 1 (reviewed: 0, not reviewed: 1) |", md);
        Assert.Contains("| Direct pushes | acknowledged: 0; not acknowledged: 1 |", md);
        foreach (var name in new[] { "intact", "direct-push", "unreviewed-emergency" })
        {
            Assert.Contains($"## Repository {org.NameOf(name)}", md);
            foreach (var id in org.Repositories[name].ReleaseIds()) Assert.Contains($"#### {id}", md);
        }
        Assert.Contains(@"**Verify**: BROKEN: 1 commit on main is in no release record \(a direct push\)", md);
        Assert.Contains("## Repository ./no-such-repository\n\n**Verify**: NOT VERIFIED: cannot be read:", md);
        Assert.Contains("payments are down; NOT REVIEWED", md);
        Assert.Equal(before, org.AllOriginRefs());
    }

    [Fact]
    public async Task The_json_csv_and_html_packs_say_the_same()
    {
        var repos = Repos();

        var (_, json) = await ReportAsync(repos, "json");
        var (_, csv) = await ReportAsync(repos, "csv");
        var (_, html) = await ReportAsync(repos, "html");

        Assert.Empty(Shipgate.Audit.RecordSchemas.ValidateOrgReport(Encoding.UTF8.GetBytes(json)));
        var document = JsonDocument.Parse(json).RootElement;
        var summary = document.GetProperty("summary");
        Assert.Equal((4, 1, 2, 1, 4, 1, 1), (summary.GetProperty("repositories").GetInt32(), summary.GetProperty("intact").GetInt32(),
            summary.GetProperty("broken").GetInt32(), summary.GetProperty("not_verified").GetInt32(), summary.GetProperty("releases").GetInt32(),
            summary.GetProperty("emergencies_unreviewed").GetInt32(), summary.GetProperty("direct_pushes_unacknowledged").GetInt32()));
        var repositories = document.GetProperty("repositories").EnumerateArray().ToList();
        Assert.Equal(["intact", "broken", "broken", "not_verified"], repositories.Select(r => r.GetProperty("verify").GetProperty("status").GetString()));
        Assert.Equal(2, repositories[0].GetProperty("report").GetProperty("releases").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, repositories[3].GetProperty("report").ValueKind);

        var rows = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"repository\",\"verify\",\"release_id\",", rows[0]);
        Assert.Contains(rows, r => r.StartsWith($"\"{org.NameOf("direct-push")}\",\"BROKEN: 1 commit on main", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("\"./no-such-repository\",\"NOT VERIFIED: cannot be read:", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Equal(rows[0].Split("\",\"").Length, r.Split("\",\"").Length));

        Assert.Contains("<h1>Organisation evidence report</h1>", html);
        Assert.Contains($"<h2>Repository {org.NameOf("intact")}</h2>", html);
        Assert.Contains($"<h4>{org.Repositories["intact"].ReleaseIds()[0]}</h4>", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<style>"));
    }

    [Fact]
    public async Task A_repository_with_no_trail_shows_its_verdict_in_every_format()
    {
        var repos = org.ReposFile(["intact", Organisation.NoTrail]);
        var name = org.NameOf(Organisation.NoTrail);
        const string Verdict = "NO TRAIL: the remote has no compliance-archives branch and no release tags";

        var (result, md) = await ReportAsync(repos, "md");
        var (_, json) = await ReportAsync(repos, "json");
        var (_, csv) = await ReportAsync(repos, "csv");
        var (_, html) = await ReportAsync(repos, "html");

        Assert.Contains($"{name}: {Verdict}", Flat(result.Errors));
        Assert.Contains("| Repositories | 2 (1 intact, 0 broken, 0 not verified, 1 with no trail) |", md);
        Assert.Contains($"| {name} | {Verdict}", md);
        Assert.Contains($"## Repository {name}\n\n**Verify**: {Verdict}", md);
        Assert.Empty(Shipgate.Audit.RecordSchemas.ValidateOrgReport(Encoding.UTF8.GetBytes(json)));
        var document = JsonDocument.Parse(json).RootElement;
        var summary = document.GetProperty("summary");
        Assert.Equal((2, 1, 0, 0, 1), (summary.GetProperty("repositories").GetInt32(), summary.GetProperty("intact").GetInt32(),
            summary.GetProperty("broken").GetInt32(), summary.GetProperty("not_verified").GetInt32(), summary.GetProperty("no_trail").GetInt32()));
        var verify = document.GetProperty("repositories")[1].GetProperty("verify");
        Assert.Equal("no_trail", verify.GetProperty("status").GetString());
        Assert.StartsWith("the remote has no compliance-archives branch", verify.GetProperty("first_problem").GetString());
        var rows = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(rows, r => r.StartsWith($"\"{name}\",\"{Verdict}", StringComparison.Ordinal));
        Assert.Contains($"<span class=\"no\">{Verdict}", html);
    }

    [Fact]
    [Trait("Category", "Browser")]
    public async Task The_html_pack_renders_in_chromium_and_runs_nothing()
    {
        var chromium = ReportBrowserTests.FindChromium()
            ?? throw new Xunit.Sdk.XunitException("Chromium is not installed: apt-get install -y chromium (.ci/run installs it in CI).");
        var (_, html) = await ReportAsync(Repos(), "html");
        var page = Path.Combine(org.Folder, $"org-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(page, html, Encoding.UTF8);

        var dom = await ReportBrowserTests.RunAsync(chromium, org.Folder, "--dump-dom", new Uri(page).AbsoluteUri);

        Assert.Contains("<title>Organisation evidence report, ", dom);
        Assert.Contains($"<h2>Repository {org.NameOf("unreviewed-emergency")}</h2>", dom);
        foreach (var id in org.Repositories["direct-push"].ReleaseIds()) Assert.Contains($"<h4>{id}", dom);
        Assert.DoesNotContain("<script", dom);
        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "org-audit-report.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        await ReportBrowserTests.RunAsync(chromium, org.Folder, $"--screenshot={screenshot}", "--window-size=1280,1600", new Uri(page).AbsoluteUri);
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }

    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
}
