using System.Text;
using System.Text.Json;
using Shipgate.Record;
using Shipgate.Release;
using Shipgate.Release.Phases;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Release;

/// <summary>Phase 5: the record and the promotion land together, in one push, from what the phases before handed on.</summary>
[Trait("Category", "Integration")]
public sealed class RecordAndPromoteTests
{
    [Fact]
    public async Task The_record_holds_what_was_gathered_and_main_moves_to_staging_in_the_same_push()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var run = new PhaseRun(s, new ReleaseOptions(AllowUnverifiedCi: "phase test"));
        var releaserBefore = s.ReleaserFingerprint(includeRemoteTracking: false);
        var (preflighted, gathered) = await Phases.GatherAsync(run.Context);
        var confirmation = new RecordConfirmation("SHIP", "SHIP", run.Context.Now(), ConfirmationChannel.Terminal);

        var released = await RecordAndPromote.RunAsync(run.Context, preflighted, gathered, confirmation, CancellationToken.None);

        Assert.Equal(s.Git.RemoteSha("staging"), s.Git.RemoteSha("main"));
        Assert.Equal(released.RecordCommit, s.Git.RemoteSha("compliance-archives"));
        using var record = JsonDocument.Parse(s.OriginFile("compliance-archives", RecordFiles.JsonPath(released.Record.ReleaseId)));
        var warnings = record.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Equal(
        [
            "CI on staging was not verified: no GitHub in this test; released with --allow-unverified-ci: phase test",
            "PR #10 has no compliance archive.",
            "Tickets not verified in Linear (LINEAR_API_KEY not set): BOL-1, BOL-9, BOL-50, BOL-407, ENG-5.",
        ], warnings);
        Assert.Equal(preflighted.Releaser!.Identity.Email, record.RootElement.GetProperty("released_by_email").GetString());
        var markdown = Encoding.UTF8.GetString(s.OriginFile("compliance-archives", RecordFiles.MarkdownPath(released.Record.ReleaseId)));
        Assert.Contains("Typed**: by the releaser at their terminal", markdown);
        Assert.Equal(releaserBefore, s.ReleaserFingerprint(includeRemoteTracking: false));
    }
}
