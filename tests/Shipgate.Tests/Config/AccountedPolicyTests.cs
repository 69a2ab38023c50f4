using System.Text.Json;
using System.Text.RegularExpressions;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Config;

/// <summary>
/// The policy comes from the production commit the audit trail accounts for: a <c>.shipgate.yml</c> pushed straight to
/// production governs nothing until someone other than its author acknowledges the push; until then a release is refused,
/// a dry run names the gate, and an emergency releases under the last accounted policy.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AccountedPolicyTests
{
    private static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");

    /// <summary>
    /// The tests' policy with one more area, docs: visible in KEY CHANGES BY AREA when it governs. Like the released one
    /// (<see cref="Scenarios.UnprovenReviewsConfig"/>) it lets a clone with a git identity only review.
    /// </summary>
    private const string WithDocsArea = Scenarios.Config + "\n  docs:\n    title: Documentation\n    paths: [\"docs/**\"]\n" +
        "audit:\n  review_identity: git-config\n";

    /// <summary>One release made; then the policy pushed straight to main, main merged into staging, and a docs change on staging.</summary>
    private static async Task<(ReleaseScenario S, string Pushed, string Released)> PolicyPushedAroundTheGateAsync()
    {
        var s = new ReleaseScenario(Scenarios.RichWithUnprovenReviews);
        var first = await s.ReleaseAsync();
        Assert.True(first.Code == ExitCode.Success, first.Output);
        var released = s.Git.RemoteSha("main");
        var pushed = s.Git.DirectCommit("main", "chore: loosen the gate", new() { [".shipgate.yml"] = WithDocsArea });
        MergeMainIntoStaging(s.Git);
        s.Git.SquashPullRequest(70, "BOL-70: Docs", new() { ["docs/guide.md"] = "guide\n" });
        s.Git.UpdateReleaser();
        s.Runner.Clock = new ShiftedClock(TimeSpan.FromSeconds(5));
        return (s, pushed, released);
    }

    internal static void MergeMainIntoStaging(GitScenario git)
    {
        git.Dev("checkout", "--quiet", "staging");
        git.Dev("pull", "--quiet", "--ff-only", "origin", "staging");
        git.Dev("fetch", "--quiet", "origin", "main");
        git.Dev("merge", "--quiet", "--no-edit", "FETCH_HEAD");
        git.Dev("push", "--quiet", "origin", "staging");
    }

    [Fact]
    public async Task A_policy_pushed_straight_to_production_blocks_the_release_naming_the_push_until_someone_else_acknowledges_it()
    {
        var (s, pushed, released) = await PolicyPushedAroundTheGateAsync();
        using var _ = s;
        var before = s.OriginRefs();

        var dryRun = await s.ReleaseAsync(null, "--dry-run");
        var json = await s.ReleaseAsync(null, "--dry-run", "--json");
        var release = await s.ReleaseAsync();

        Assert.Equal(ExitCode.Blocked, dryRun.Code);
        Assert.Contains($"main's tip carries a release policy that no release or review accounts for: commit {pushed[..7]} " +
            $"\"chore: loosen the gate\" by Dana Developer <dana@example.com> changed .shipgate.yml after {released[..7]}", Flat(dryRun));
        Assert.Contains($"shipgate audit review --direct-push {pushed[..12]} --note <text>", Flat(dryRun));
        Assert.Contains($"at {released[..7]}, the last commit of main the audit trail accounts for (release-", Flat(dryRun));
        Assert.Contains("[ ] Release policy unchanged", dryRun.Output);
        Assert.DoesNotContain("Documentation:", dryRun.Output.Split("KEY CHANGES BY AREA")[1]);
        Assert.Equal(ExitCode.Blocked, json.Code);
        var plan = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal("blocked", plan.GetProperty("verdict").GetString());
        Assert.Contains($"shipgate audit review --direct-push {pushed[..12]}", plan.GetProperty("blocked_reason").GetString());
        Assert.Equal(ExitCode.Blocked, release.Code);
        Assert.Contains($"BLOCKED: main's tip carries a release policy that no release or review accounts for: commit {pushed[..7]}", Flat(release));
        Assert.Equal(before, s.OriginRefs());

        var doctor = await s.Runner.RunAsync(["doctor"]);
        Assert.Contains($"commit {pushed[..7]} \"chore: loosen the gate\" by Dana Developer", Flat(doctor));

        var acknowledged = await s.CloneAs("Carol CTO", "carol@example.com")
            .RunAsync(["audit", "review", "--direct-push", pushed, "--note", "docs area agreed in CHG-7"]);
        Assert.True(acknowledged.Code == ExitCode.Success, acknowledged.Output);
        var after = await s.ReleaseAsync();

        Assert.True(after.Code == ExitCode.Success, after.Output);
        Assert.Contains($"Policy: origin/main:.shipgate.yml (blob {s.PolicyBlob("main")[..7]})", after.Output);
        Assert.Contains("Documentation:", after.Output.Split("KEY CHANGES BY AREA")[1]);
        Assert.Equal(pushed, s.LastRecord().GetProperty("from_sha").GetString());
        var verify = await s.Runner.RunAsync(["audit", "verify"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output);
    }

    [Fact]
    public async Task An_emergency_releases_under_the_last_accounted_policy_and_its_record_says_so()
    {
        var (s, pushed, released) = await PolicyPushedAroundTheGateAsync();
        using var _ = s;
        var accountedBlob = GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "rev-parse", $"{released}:.shipgate.yml").Trim();

        var result = await s.Runner.RunAsync(["release", "--emergency", "the docs site is down"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains($"commit {pushed[..7]} \"chore: loosen the gate\" by Dana Developer <dana@example.com> changed .shipgate.yml after " +
            $"{released[..7]}", Flat(result));
        Assert.Contains($"Proceeding as an emergency under the last accounted policy (.shipgate.yml at {released[..7]})", Flat(result));
        Assert.DoesNotContain("Documentation:", result.Output.Split("KEY CHANGES BY AREA")[1]);
        var record = s.LastRecord();
        var source = record.GetProperty("policy").GetProperty("source");
        Assert.Equal((released, accountedBlob), (source.GetProperty("commit").GetString(), source.GetProperty("blob_sha").GetString()));
        Assert.Contains(record.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("The release went ahead as an emergency although") &&
            w.GetString()!.Contains($"checked by the last accounted policy, .shipgate.yml at {released[..7]}"));
    }

    [Fact]
    public async Task Through_mcp_the_release_plan_names_the_unaccounted_policy_as_the_gate()
    {
        var (s, pushed, _) = await PolicyPushedAroundTheGateAsync();
        using var scenario = s;
        var before = s.OriginRefs();
        await using var mcp = await McpSession.StartAsync(s, person: null);

        var result = await mcp.CallAsync("release_plan", new Dictionary<string, object?> { ["allow_unverified_ci"] = "tests: no GitHub" });

        var plan = result.StructuredContent!.Value;
        Assert.Equal("blocked", plan.GetProperty("verdict").GetString());
        Assert.Contains($"commit {pushed[..7]} \"chore: loosen the gate\" by Dana Developer", plan.GetProperty("blocked_reason").GetString());
        Assert.Contains($"shipgate audit review --direct-push {pushed[..12]}", plan.GetProperty("blocked_reason").GetString());
        Assert.Equal(before, s.OriginRefs());
    }

    [Fact]
    public async Task A_direct_push_that_leaves_the_policy_alone_does_not_block_and_the_tips_policy_is_the_accounted_one()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        s.Git.DirectCommit("main", "hotfix: restart the queue", new() { ["ops/queue.txt"] = "restart\n" });
        MergeMainIntoStaging(s.Git);
        s.Git.SquashPullRequest(72, "BOL-72: Page", new() { ["web/page.ts"] = "page\n" });
        s.Git.UpdateReleaser();

        var dryRun = await s.ReleaseAsync(null, "--dry-run");

        Assert.True(dryRun.Code == ExitCode.Success, dryRun.Output);
        Assert.Contains("[x] Release policy unchanged", dryRun.Output);
        Assert.DoesNotContain("no release or review accounts for", Flat(dryRun));
    }
}
