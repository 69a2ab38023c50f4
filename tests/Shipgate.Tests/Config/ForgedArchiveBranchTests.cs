using System.Text.Json;
using System.Text.RegularExpressions;
using Shipgate.Record;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Config;

/// <summary>
/// The archive branch is named by the accounted policy, never by production's tip: a push straight to main that points
/// branches.archive at a forged branch (holding a copy of the trail and a forged release record, tagged, that "releases" the push)
/// neither accounts for the pushed policy nor hides the push from verify.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ForgedArchiveBranchTests
{
    private static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");

    private const string Forged = "audit-forged";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_direct_push_naming_a_forged_archive_branch_stays_unaccounted_and_verify_reads_the_released_branch(bool tagged)
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        var lastId = s.ReleaseIds()[^1];
        var lastBytes = s.OriginFile("compliance-archives", $"releases/{lastId}.json");
        var last = RecordFiles.FromJsonBytes(lastBytes)!;
        var pushed = s.Git.DirectCommit("main", "chore: tidy config",
            new() { [".shipgate.yml"] = Scenarios.Config + $"\nbranches:\n  archive: {Forged}\n" });
        // The forged branch: the trail copied, and a release record that claims the push, chained and tagged as Shipgate would.
        var forgedId = "release-" + last.Timestamp.AddHours(1).UtcDateTime.ToString("yyyy-MM-dd-HHmmss");
        var forged = last with
        {
            ReleaseId = forgedId,
            Timestamp = last.Timestamp.AddHours(1),
            FromSha = last.ToSha,
            ToSha = pushed,
            Tag = ReleaseTag.RefName(forgedId),
            PreviousRelease = new PreviousRelease(lastId, RecordFiles.Sha256Hex(lastBytes)),
        };
        var forgedBytes = RecordFiles.ToJsonBytes(forged);
        var dev = s.Git.Developer;
        GitScenario.Run(dev, "fetch", "--quiet", "origin", "compliance-archives");
        GitScenario.Run(dev, "checkout", "--quiet", "-B", Forged, "FETCH_HEAD");
        File.WriteAllBytes(Path.Combine(dev, "releases", forgedId + ".json"), forgedBytes);
        GitScenario.Run(dev, "add", "-A");
        GitScenario.Run(dev, "commit", "--quiet", "-m", $"Release {forgedId}");
        GitScenario.Run(dev, "push", "--quiet", "origin", Forged);
        GitScenario.Run(dev, "checkout", "--quiet", "-f", "staging");
        if (tagged)
        {
            s.Git.Dev("tag", "-a", forgedId, "-m", ReleaseTag.Message(forged, forgedBytes, Forged), pushed);
            s.Git.Dev("push", "--quiet", "origin", forgedId);
        }
        AccountedPolicyTests.MergeMainIntoStaging(s.Git);
        s.Git.SquashPullRequest(70, "BOL-70: Docs", new() { ["docs/guide.md"] = "guide\n" });
        s.Git.UpdateReleaser();
        s.Runner.Clock = new ShiftedClock(TimeSpan.FromSeconds(5));
        var before = s.OriginRefs();

        var dryRun = await s.ReleaseAsync(null, "--dry-run");
        var verify = await s.Runner.RunAsync(["audit", "verify", "--json"]);

        Assert.Equal(ExitCode.Blocked, dryRun.Code);
        // The gate reads the released archive branch: the forged record's tag is newer than anything it holds; untagged, the pushed
        // policy is one no release or review on it accounts for.
        Assert.True(Flat(dryRun).Contains(tagged
            ? "BLOCKED: the audit trail this release would extend is broken: - release tags exist for records newer " +
              $"than the last one compliance-archives holds ({forgedId})"
            : $"main's tip carries a release policy that no release or review accounts for: commit {pushed[..7]} \"chore: tidy config\"",
            StringComparison.Ordinal), dryRun.Output);
        Assert.Equal(before, s.OriginRefs());
        Assert.Equal(ExitCode.TrailBroken, verify.Code);
        var verdict = JsonDocument.Parse(verify.Stdout).RootElement;
        var problems = verdict.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("message").GetString()!).ToList();
        Assert.Contains(problems, p => p.StartsWith("1 commit on main is in no release record (a direct push): " +
            $"{pushed[..7]} \"chore: tidy config\"", StringComparison.Ordinal));
        Assert.Equal(1, verdict.GetProperty("releases").GetInt32());
    }
}
