using System.Security.Cryptography;
using System.Text.Json;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit;

/// <summary>
/// The audit pack an auditor reads without Shipgate at hand: verify's verdict on top, and per release its tag, where its record is
/// and the SHA-256 that pins it (checked here against the bytes git holds), how it was confirmed and by whom; and a glossary.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AuditPackTests
{
    [Fact]
    public async Task Each_release_shows_its_tag_record_hash_and_confirmation_under_the_verdict()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var released = await s.ReleaseAsync();
        Assert.True(released.Code == ExitCode.Success, released.Output);
        var id = Assert.Single(s.ReleaseIds());
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(s.OriginFile("compliance-archives", $"releases/{id}.json")));
        Assert.Contains($"refs/tags/{id} ", s.OriginRefs());

        var (md, html, json) = await ReportsAsync(s);

        Assert.StartsWith("**Audit trail**: INTACT", md[md.IndexOf("**Audit trail**", StringComparison.Ordinal)..]);
        Assert.True(md.IndexOf("**Audit trail**", StringComparison.Ordinal) < md.IndexOf("## Totals", StringComparison.Ordinal), "the verdict comes first");
        Assert.Contains($"- **Tag**: {id}", md);
        Assert.Contains($"- **Record**: releases/{id}.json, SHA-256 {sha256}", md);
        Assert.Matches(@"- \*\*Confirmed\*\*: .+ typed the word [A-Z]+ at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC at their terminal", md);
        Assert.Contains("## Glossary", md);
        Assert.Contains("**Unspecced change**", md);
        Assert.Contains("**Compliance archive**", md);

        Assert.Contains($"<code>{sha256}</code>", html);
        Assert.Contains("<span class=\"yes\">INTACT", html);
        Assert.Contains("<h2>Glossary</h2>", html);

        Assert.Empty(Shipgate.Audit.RecordSchemas.ValidateReport(File.ReadAllBytes(json)));
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("intact", document.RootElement.GetProperty("verify").GetProperty("status").GetString());
        var release = Assert.Single(document.RootElement.GetProperty("releases").EnumerateArray());
        Assert.Equal((id, $"releases/{id}.json", sha256),
            (release.GetProperty("tag").GetString(), release.GetProperty("record_path").GetString(), release.GetProperty("record_sha256").GetString()));
    }

    [Fact]
    public async Task A_broken_trail_is_said_on_top_of_the_pack()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        s.Git.DirectCommit("main", "hotfix straight to production", new() { ["web/hotfix.ts"] = "x\n" });

        var (md, html, json) = await ReportsAsync(s);

        // Markdown escapes the parentheses.
        Assert.Matches(@"\*\*Audit trail\*\*: BROKEN \\\(\d+ problems?\\\); first: .+", md);
        Assert.Contains("<span class=\"no\">BROKEN", html);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("broken", document.RootElement.GetProperty("verify").GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("verify").GetProperty("first_problem").GetString()));
    }

    private static async Task<(string Md, string Html, string JsonPath)> ReportsAsync(ReleaseScenario s)
    {
        var folder = Path.Combine(s.Folder, "pack");
        Directory.CreateDirectory(folder);
        // The release was made now (the runner's clock is the system's): the period is the days around it.
        var (since, until) = (DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"), DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd"));
        foreach (var format in new[] { "md", "html", "json" })
        {
            var result = await s.Runner.RunAsync(["audit", "report", "--since", since, "--until", until, "--format", format,
                "--out", Path.Combine(folder, "pack." + format)]);
            Assert.True(result.Code == ExitCode.Success, result.Output);
        }
        return (File.ReadAllText(Path.Combine(folder, "pack.md")), File.ReadAllText(Path.Combine(folder, "pack.html")), Path.Combine(folder, "pack.json"));
    }
}
