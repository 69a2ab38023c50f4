using Shipgate.Testing;
using static Shipgate.Tests.PrArchives.ArchivePrTests;
using static Shipgate.Tests.PrArchives.PrArchiveStory;

namespace Shipgate.Tests.PrArchives;

/// <summary><c>shipgate archive backfill --since</c>: the PRs merged into staging since the day that have no archive get one, in one push.</summary>
[Trait("Category", "Integration")]
public sealed class BackfillTests
{
    [Fact]
    public async Task Backfill_writes_only_the_missing_archives_in_one_push_and_a_second_run_changes_nothing()
    {
        const string byOtherTool = "compliance/pr-108-BOL-407-session-auth-20261103.json";
        await using var g = await StartAsync(git => git.AddArchiveFiles(Archive, new() { [byOtherTool] = "{\"pr\": 108}\n" }));
        var tipBefore = g.Scenario.Git.RemoteSha(Archive);

        var result = await g.ArchiveAsync("backfill", "--since", "2026-11-01");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("2 PRs merged into staging since 2026-11-01: 1 archived now, 1 archived already.", OneLine(result.Output));
        Assert.Equal([Pr10 + ".json", Pr10 + ".md", byOtherTool], g.Archives().Order(StringComparer.Ordinal));
        Assert.Equal("{\"pr\": 108}\n", System.Text.Encoding.UTF8.GetString(g.Scenario.OriginFile(Archive, byOtherTool)));
        var parent = GitScenario.Run(g.Scenario.Folder, "--git-dir", g.Scenario.Git.Origin, "rev-parse", $"refs/heads/{Archive}^").Trim();
        Assert.Equal(tipBefore, parent);
        Shipgate.Tests.GitHub.GitHubRelease.AssertWireClean(g.GitHub);
        var before = g.Scenario.OriginRefs();

        var again = await g.ArchiveAsync("backfill", "--since", "2026-11-01");

        Assert.True(again.Code == ExitCode.Success, again.Output);
        Assert.Contains("0 archived now, 2 archived already.", OneLine(again.Output));
        Assert.Equal(before, g.Scenario.OriginRefs());
    }

    [Fact]
    public async Task Backfill_leaves_out_prs_merged_before_the_day()
    {
        await using var g = await StartAsync();

        var result = await g.ArchiveAsync("backfill", "--since", "2026-11-04");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("0 PRs merged into staging since 2026-11-04: 0 archived now, 0 archived already.", OneLine(result.Output));
        Assert.Null(g.Scenario.Git.TryRemoteSha(Archive));
    }

    [Fact]
    public async Task A_day_that_is_not_one_is_a_usage_error_that_changes_nothing()
    {
        await using var g = await StartAsync();
        var before = g.Scenario.OriginRefs();

        var result = await g.ArchiveAsync("backfill", "--since", "2026-13-01");

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains("--since takes a day as YYYY-MM-DD, such as 2026-01-01, not '2026-13-01'.", OneLine(result.Output));
        Assert.Equal(before, g.Scenario.OriginRefs());
    }
}
