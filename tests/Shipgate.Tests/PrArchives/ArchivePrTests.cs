using System.Text;
using System.Text.Json;
using Shipgate.Audit;
using Shipgate.Tests.GitHub;
using Shipgate.Tests.Support;
using static Shipgate.Tests.PrArchives.PrArchiveStory;

namespace Shipgate.Tests.PrArchives;

/// <summary>
/// <c>shipgate archive pr</c> on a real origin with GitHub emulated: the archive lands on the archive branch under the name the
/// release checklist finds it by, holds what GitHub says of the PR, is written once, and nothing is written for a PR it refuses.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ArchivePrTests
{
    [Fact]
    public async Task A_merged_pr_is_archived_under_its_name_with_what_github_says_and_the_release_summary_ticks_its_box()
    {
        await using var g = await StartAsync();

        var result = await g.ArchiveAsync("pr", "10");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains($"Archived PR #10: {Pr10}.json on {Archive}.", OneLine(result.Output));
        Assert.Equal([Pr10 + ".json", Pr10 + ".md"], g.Archives().Order(StringComparer.Ordinal));
        var bytes = g.Scenario.OriginFile(Archive, Pr10 + ".json");
        Assert.Empty(RecordSchemas.ValidatePrArchive(bytes));
        var a = JsonDocument.Parse(bytes).RootElement;
        Assert.Equal("https://shipgate.dev/schemas/pr-archive.v1.json", a.GetProperty("$schema").GetString());
        Assert.Equal(10, a.GetProperty("pr").GetInt32());
        Assert.Equal("Login page", a.GetProperty("title").GetString());
        Assert.Equal("dana", a.GetProperty("author").GetString());
        Assert.Equal("sam", a.GetProperty("merged_by").GetString());
        Assert.Equal(Merged.UtcDateTime, a.GetProperty("merged_at").GetDateTimeOffset().UtcDateTime);
        Assert.Equal("staging", a.GetProperty("base").GetString());
        Assert.Equal("dev/bol-1-login", a.GetProperty("head").GetString());
        var merge = GitHubRelease.Sha(g.Scenario.Git, "Merge pull request #10 from acme/dev/bol-1-login");
        Assert.Equal(merge, a.GetProperty("merge_commit").GetString());
        Assert.Equal(["BOL-1", "ENG-5"], a.GetProperty("tickets").EnumerateArray().Select(t => t.GetString()));
        var reviews = a.GetProperty("reviews").EnumerateArray().ToList();
        Assert.Equal(["lee CHANGES_REQUESTED False", "sam APPROVED True"],
            reviews.Select(r => $"{r.GetProperty("login")} {r.GetProperty("state")} {r.GetProperty("on_final_head").GetBoolean()}"));
        Assert.Equal(GitHubRelease.Sha(g.Scenario.Git, "Add login form"), reviews[0].GetProperty("commit").GetString());
        var ci = a.GetProperty("ci");
        Assert.Equal(GitHubRelease.Sha(g.Scenario.Git, "Wire login API"), ci.GetProperty("sha").GetString());
        Assert.True(ci.GetProperty("passed").GetBoolean());
        Assert.Equal("build success", string.Join(",", ci.GetProperty("checks").EnumerateArray().Select(c => $"{c.GetProperty("name")} {c.GetProperty("conclusion")}")));
        Assert.Equal(["Add login form", "Wire login API"], a.GetProperty("commits").EnumerateArray().Select(c => c.GetProperty("title").GetString()));
        Assert.Equal(["web/login.ts +1 -0", "web/api.ts +2 -0"],
            a.GetProperty("files").EnumerateArray().Select(f => $"{f.GetProperty("path")} +{f.GetProperty("additions")} -{f.GetProperty("deletions")}"));
        Assert.Equal(GitHubRelease.Login, a.GetProperty("archived_by_login").GetString());
        var markdown = Encoding.UTF8.GetString(g.Scenario.OriginFile(Archive, Pr10 + ".md"));
        Assert.StartsWith("# PR #10: Login page\n", markdown);
        Assert.Contains("| sam | APPROVED |", markdown);
        GitHubRelease.AssertWireClean(g.GitHub);

        var plan = await g.Scenario.Runner.RunAsync(["release", "--dry-run", "--json"]);

        Assert.StartsWith(Pr10 + ".", PullRequest(plan, 10).GetProperty("compliance_archive").GetString());
        Assert.Equal(JsonValueKind.Null, PullRequest(plan, 108).GetProperty("compliance_archive").ValueKind);
    }

    [Fact]
    public async Task A_second_run_for_the_same_pr_changes_nothing_and_says_so()
    {
        await using var g = await StartAsync();
        Assert.Equal(ExitCode.Success, (await g.ArchiveAsync("pr", "10")).Code);
        var before = g.Scenario.OriginRefs();

        var again = await g.ArchiveAsync("pr", "10");

        Assert.True(again.Code == ExitCode.Success, OneLine(again.Output));
        Assert.Contains($"PR #10 is archived already ({Pr10}.md on {Archive}): nothing changed.", OneLine(again.Output));
        Assert.Equal(before, g.Scenario.OriginRefs());
    }

    [Theory]
    [InlineData("5", 3, "PR #5 is not merged")]
    [InlineData("7", 3, "PR #7 was merged into main, not staging")]
    [InlineData("999", 2, "acme/demo has no PR #999.")]
    [InlineData("ten", 2, "archive pr takes a PR number such as 108, not 'ten'.")]
    [InlineData("0", 2, "archive pr takes a PR number such as 108, not '0'.")]
    public async Task A_pr_it_refuses_changes_nothing_and_says_why(string number, int code, string message)
    {
        await using var g = await StartAsync();
        var before = g.Scenario.OriginRefs();

        var result = await g.ArchiveAsync("pr", number);

        Assert.True(result.ExitCode == code, result.Output);
        Assert.Contains(message, OneLine(result.Output));
        Assert.Equal(before, g.Scenario.OriginRefs());
        Assert.Null(g.Scenario.Git.TryRemoteSha(Archive));
    }

    [Fact]
    public async Task A_hostile_title_is_made_safe_in_the_name_and_the_markdown()
    {
        await using var g = await StartAsync();

        var result = await g.ArchiveAsync("pr", "108");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        const string stem = "compliance/pr-108-BOL-407-session-auth-owned-script-x-script-link-http-20261103";
        Assert.Equal([stem + ".json", stem + ".md"], g.Archives().Order(StringComparer.Ordinal));
        Assert.Equal(HostileTitle, g.Json(stem + ".json").GetProperty("title").GetString());
        Assert.False(g.Json(stem + ".json").GetProperty("ci").GetProperty("passed").GetBoolean());
        var markdown = Encoding.UTF8.GetString(g.Scenario.OriginFile(Archive, stem + ".md"));
        var heading = markdown.Split('\n')[0];
        Assert.Equal(@"# PR #108: BOL-407: Session \*\*auth\*\* \# Owned &lt;script&gt;x&lt;/script&gt; \[link\]\(http://evil\) \| cell", heading);
        Assert.DoesNotContain("\n# Owned", markdown);
        Assert.DoesNotContain("\u0007", markdown);
        Assert.DoesNotContain("<script>", markdown);
    }

    /// <summary>Output as one line: the console wraps long lines at its width.</summary>
    internal static string OneLine(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");

    /// <summary>The PR of <paramref name="number"/> in a release plan document.</summary>
    internal static JsonElement PullRequest(RunResult plan, int number)
    {
        Assert.True(plan.Stdout.StartsWith('{'), plan.Output);
        using var document = JsonDocument.Parse(plan.Stdout);
        return Find(document.RootElement, number)?.Clone() ?? throw new Xunit.Sdk.XunitException($"no PR #{number} in the plan:\n{plan.Stdout}");
    }

    private static JsonElement? Find(JsonElement node, int number)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("compliance_archive", out _) && node.TryGetProperty("number", out var n) && n.GetInt32() == number) return node;
            foreach (var property in node.EnumerateObject())
                if (Find(property.Value, number) is { } found) return found;
        }
        else if (node.ValueKind == JsonValueKind.Array)
            foreach (var item in node.EnumerateArray())
                if (Find(item, number) is { } found) return found;
        return null;
    }
}
