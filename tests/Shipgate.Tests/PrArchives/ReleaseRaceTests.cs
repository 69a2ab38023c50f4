using Shipgate.Record;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.PrArchives;

/// <summary>
/// A release whose push loses only to a record appended to the archive branch meanwhile (by a second clone, between the plan and
/// the push) builds its record again on the new tip and lands; a moved staging or production still refuses (ReleaseTests, PushOutcomeTests).
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReleaseRaceTests
{
    private const string Archive = "compliance-archives";

    [Fact]
    public async Task A_release_that_loses_only_to_a_pr_archive_lands_with_its_record_on_top_of_the_archive()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        const string late = "compliance/pr-10-BOL-1-login-page-20261103.json";
        string? intruderTip = null;
        var chainBefore = RecordFiles.ChainIds(s.OriginFiles(Archive, "releases"));

        var result = await s.ReleaseAsync(word =>
        {
            s.Git.AddArchiveFiles(Archive, new() { [late] = "{\"pr\": 10}\n" });
            intruderTip = s.Git.RemoteSha(Archive);
            return word;
        });

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("RELEASE COMPLETE", result.Output);
        Assert.Equal(s.Git.RemoteSha("staging"), s.Git.RemoteSha("main"));
        var tip = s.Git.RemoteSha(Archive);
        Assert.Equal(intruderTip, GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "rev-parse", $"{tip}^").Trim());
        var releaseId = Assert.Single(s.ReleaseIds());
        var added = GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "show", "--name-only", "--format=", tip).Trim().Split('\n');
        Assert.Equal([RecordFiles.JsonPath(releaseId), RecordFiles.MarkdownPath(releaseId)], added.Order(StringComparer.Ordinal));
        Assert.Equal("{\"pr\": 10}\n", System.Text.Encoding.UTF8.GetString(s.OriginFile(Archive, late)));
        Assert.Equal([.. chainBefore, releaseId], RecordFiles.ChainIds(s.OriginFiles(Archive, "releases")));
        Assert.Equal("tag", GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "cat-file", "-t", ReleaseTag.RefName(releaseId)).Trim());
        var verify = await s.Runner.RunAsync(["audit", "verify"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output);
    }

    [Fact]
    public async Task A_release_that_loses_to_a_freeze_started_meanwhile_is_refused_and_changes_nothing()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        string? originAfterFreeze = null;

        var result = await s.ReleaseAsync(word =>
        {
            // The freeze gate passed before this freeze existed: building the record again on top of it would release in a freeze.
            s.Git.AddArchiveFiles(Archive, new() { ["releases/freeze-2026-11-03-120000.json"] = "{}\n" });
            originAfterFreeze = s.OriginRefs();
            return word;
        });

        Assert.NotEqual(ExitCode.Success, result.Code);
        Assert.DoesNotContain("RELEASE COMPLETE", result.Output);
        Assert.Equal(originAfterFreeze, s.OriginRefs());
        Assert.Empty(s.ReleaseIds());
    }

    [Fact]
    public async Task A_release_that_loses_only_to_a_review_is_chained_onto_that_review()
    {
        using var s = new ReleaseScenario(Scenarios.RichWithUnprovenReviews);
        var first = await s.Runner.RunAsync(["release", "--emergency", "payments are down"]);
        Assert.True(first.Code == ExitCode.Success, first.Output);
        var emergency = Assert.Single(s.ReleaseIds());
        s.Git.DirectCommit("staging", "BOL-60: next change", new() { ["web/next.ts"] = "next\n" });
        s.Git.UpdateReleaser();
        string? reviewId = null;

        var result = await s.ReleaseAsync(word =>
        {
            reviewId = Audit.ArchiveAppenderTests.PushCompetingReview(s, emergency, minutes: 0);
            return word;
        });

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var second = s.ReleaseIds().Single(id => id != emergency);
        Assert.Equal([emergency, reviewId!, second], RecordFiles.ChainIds(s.OriginFiles(Archive, "releases")));
        var record = s.LastRecord().GetProperty("previous_release");
        Assert.Equal(reviewId, record.GetProperty("id").GetString());
        Assert.Equal(RecordFiles.Sha256Hex(s.OriginFile(Archive, RecordFiles.JsonPath(reviewId!))), record.GetProperty("sha256").GetString());
        Assert.Equal(s.Git.RemoteSha("staging"), s.Git.RemoteSha("main"));
        var verify = await s.Runner.RunAsync(["audit", "verify"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output);
    }
}
