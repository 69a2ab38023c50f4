using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Config;

/// <summary>The release policy is read from origin's committed files, never the working tree, and a change to it is shown and recorded.</summary>
[Trait("Category", "Integration")]
public sealed class PolicyTests
{
    private static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");

    /// <summary>The tests' configuration with one more area, docs.</summary>
    private const string WithDocsArea = Scenarios.Config + "\n  docs:\n    title: Documentation\n    paths: [\"docs/**\"]\n";

    [Fact]
    public async Task An_uncommitted_edit_of_the_policy_is_never_read()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        File.WriteAllText(Path.Combine(s.Git.Releaser, ".shipgate.yml"), "branches:\n  stagin: read-this-and-fail\n");

        var result = await s.ReleaseAsync(null, "--dry-run");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains($"Policy: origin/main:.shipgate.yml (blob {s.PolicyBlob("main")[..7]})", result.Output);
        Assert.Contains("[x] Release policy unchanged", result.Output);
        Assert.DoesNotContain("RELEASE POLICY CHANGES", result.Output);
    }

    [Fact]
    public async Task The_policy_diff_shows_the_committed_text_as_it_is_with_every_run_of_spaces()
    {
        const string aligned = "    title: Documentation      # shown   as   written";
        using var s = new ReleaseScenario(git =>
        {
            Scenarios.Rich(git);
            git.SquashPullRequest(60, "BOL-60: Documentation area",
                new() { [".shipgate.yml"] = Scenarios.Config + "\n  docs:\n" + aligned + "\n    paths: [\"docs/**\"]\n" });
        });

        var result = await s.ReleaseAsync(null, "--dry-run");

        Assert.Contains("RELEASE POLICY CHANGES", result.Output);
        Assert.Contains("\n+" + aligned + "\n", result.Output);
    }

    [Fact]
    public async Task A_release_that_changes_the_policy_shows_the_diff_and_is_checked_by_the_old_one_until_released()
    {
        using var s = new ReleaseScenario(git =>
        {
            Scenarios.Rich(git);
            git.SquashPullRequest(60, "BOL-60: Documentation area", new() { [".shipgate.yml"] = WithDocsArea });
        });
        var (releasedBlob, releasedMain) = (s.PolicyBlob("main"), s.Git.RemoteSha("main"));

        var first = await s.ReleaseAsync();

        Assert.True(first.Code == ExitCode.Success, first.Output);
        Assert.Contains("RELEASE POLICY CHANGES", first.Output);
        Assert.Contains("This release changes .shipgate.yml, the release policy. The change takes effect from the next release; " +
            "this one is checked by origin/main:.shipgate.yml.", Flat(first));
        Assert.Contains("+  docs:\n+    title: Documentation\n+    paths: [\"docs/**\"]", first.Output);
        Assert.Contains("[ ] Release policy unchanged - this release changes .shipgate.yml; it takes effect from the next release", Flat(first));
        Assert.DoesNotContain("Documentation:", first.Output.Split("KEY CHANGES BY AREA")[1]);
        var record = s.LastRecord();
        var policy = record.GetProperty("policy");
        Assert.True(policy.GetProperty("changed_in_release").GetBoolean());
        Assert.Equal(("refs/heads/main", releasedMain, releasedBlob, false), (policy.GetProperty("source").GetProperty("ref").GetString(),
            policy.GetProperty("source").GetProperty("commit").GetString(), policy.GetProperty("source").GetProperty("blob_sha").GetString(),
            policy.GetProperty("source").GetProperty("staging_fallback").GetBoolean()));
        Assert.Contains(record.GetProperty("warnings").EnumerateArray(),
            w => w.GetString()!.StartsWith("The release policy changes: this release changes .shipgate.yml"));
        var markdown = Encoding.UTF8.GetString(s.OriginFile("compliance-archives", $"releases/{s.ReleaseIds()[^1]}.md"));
        Assert.Contains("## Release Policy", markdown);
        Assert.Contains("This release changes `.shipgate.yml`; the change governs the next release", markdown);

        s.Runner.Clock = new ShiftedClock(TimeSpan.FromSeconds(2));
        s.Git.DirectCommit("staging", "BOL-61 more docs", new() { ["docs/more.md"] = "more\n" });
        var second = await s.ReleaseAsync();

        Assert.True(second.Code == ExitCode.Success, second.Output);
        Assert.Contains($"Policy: origin/main:.shipgate.yml (blob {s.PolicyBlob("main")[..7]})", second.Output);
        Assert.Contains("Documentation:", second.Output.Split("KEY CHANGES BY AREA")[1]);
        Assert.Contains("[x] Release policy unchanged", second.Output);
        Assert.False(s.LastRecord().GetProperty("policy").GetProperty("changed_in_release").GetBoolean());
        Assert.True((await s.Runner.RunAsync(["audit", "verify"])).Code == ExitCode.Success);
    }

    [Fact]
    public async Task Before_the_first_policy_is_released_stagings_committed_file_is_used_and_the_summary_and_record_say_so()
    {
        using var s = new ReleaseScenario(git =>
        {
            git.SquashPullRequest(7, "BOL-7: Configure Shipgate", new() { [".shipgate.yml"] = Scenarios.Config + "\n" });
            git.SquashPullRequest(8, "BOL-8: Web page", new() { ["web/page.ts"] = "page\n" });
        });
        File.WriteAllText(Path.Combine(s.Git.Releaser, ".shipgate.yml"), "tickets:\n  keys: [NOPE]\n");
        var stagingBlob = s.PolicyBlob("staging");

        var result = await s.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains($"Policy: origin/staging:.shipgate.yml (blob {stagingBlob[..7]}). " +
            "main has no .shipgate.yml yet, so staging's committed file is used until a release puts one there.", Flat(result));
        Assert.Contains("This release adds .shipgate.yml, the release policy.", Flat(result));
        Assert.Contains("Web Dashboard:", result.Output);
        Assert.Contains("BOL-8", result.Output);
        var source = s.LastRecord().GetProperty("policy").GetProperty("source");
        Assert.Equal(("refs/heads/staging", stagingBlob, true),
            (source.GetProperty("ref").GetString(), source.GetProperty("blob_sha").GetString(), source.GetProperty("staging_fallback").GetBoolean()));
        var markdown = Encoding.UTF8.GetString(s.OriginFile("compliance-archives", $"releases/{s.ReleaseIds()[^1]}.md"));
        Assert.Contains("Production had no release policy yet: staging's committed file was used", markdown);
    }

    [Fact]
    public async Task Without_any_committed_policy_the_defaults_apply_and_the_record_has_no_blob()
    {
        using var s = new ReleaseScenario(git => git.SquashPullRequest(8, "BOL-8: Web page", new() { ["web/page.ts"] = "page\n" }));

        var result = await s.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("Policy: Shipgate's defaults (no .shipgate.yml on origin/main or staging)", result.Output);
        var source = s.LastRecord().GetProperty("policy").GetProperty("source");
        Assert.Equal(JsonValueKind.Null, source.GetProperty("blob_sha").ValueKind);
        Assert.False(source.GetProperty("staging_fallback").GetBoolean());
    }

    [Fact]
    public async Task A_policy_naming_another_production_branch_needs_the_operator_to_point_there()
    {
        using var s = new ReleaseScenario(git =>
        {
            Scenarios.Configure(git, "branches:\n  production: prod");
            git.Dev("push", "--quiet", "origin", "main:refs/heads/prod");
            git.SquashPullRequest(5, "BOL-5: Page", new() { ["web/page.ts"] = "p\n" });
        });
        var originBefore = s.OriginRefs();

        var refused = await s.ReleaseAsync(null, "--dry-run");

        Assert.Equal(ExitCode.Usage, refused.Code);
        Assert.Contains("origin/main:.shipgate.yml sets branches.production: prod, but Shipgate read the release policy from 'main'.", Flat(refused));
        Assert.Contains("SHIPGATE_PRODUCTION_BRANCH=prod", refused.Output);

        s.Runner.Environment["SHIPGATE_PRODUCTION_BRANCH"] = "prod";
        var pointed = await s.ReleaseAsync(null, "--dry-run");

        Assert.True(pointed.Code == ExitCode.Success, pointed.Output);
        Assert.Contains("Policy: origin/prod:.shipgate.yml", pointed.Output);
        Assert.Contains("To:   prod (", pointed.Output);
        Assert.Equal(originBefore, s.OriginRefs());
    }
}
