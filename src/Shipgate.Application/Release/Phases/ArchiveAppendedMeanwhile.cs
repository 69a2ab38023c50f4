using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Record;

namespace Shipgate.Release.Phases;

/// <summary>The archive branch as a release's record is built on: its tip, its files and the last link of the chain.</summary>
internal sealed record ArchiveBase(string? Tip, IReadOnlyList<string> Files, PreviousRelease? Previous);

/// <summary>
/// A release's push that lost only because other records were appended to the archive branch meanwhile (a PR's compliance archive,
/// a review, a deployment record): production and staging are where pre-flight saw them, the tag is not taken, and the new archive
/// tip descends from the one the record was built on. Then the record is built again on the new tip and pushed again, at most
/// <see cref="Attempts"/> times in all. Anything else (production or staging moved, the archive branch rewritten, a freeze record
/// appended, which the freeze gate never saw) refuses as before.
/// </summary>
internal static class ArchiveAppendedMeanwhile
{
    /// <summary>How many times a release's push is tried in all when records keep landing on the archive branch first.</summary>
    public const int Attempts = 3;

    /// <summary>The new archive branch to build the record on, or null when the push must refuse as it is.</summary>
    /// <param name="current">The archive branch the lost push built its record on (its tip and files, already read).</param>
    /// <param name="now">When the record would be dated anew: a record that would be dated before the last link (clocks apart) refuses.</param>
    public static async Task<ArchiveBase?> NewBaseAsync(GitRepository git, ShipgateConfig config, RemoteTips tips, ArchiveBase current, PushOutcome outcome,
        DateTimeOffset now, CancellationToken ct)
    {
        if (outcome is not PushOutcome.LostRace race) return null;
        var archiveRef = "refs/heads/" + config.ArchiveBranch;
        if (race.Refs.Any(r => r.Update.Ref != archiveRef && !r.AsBefore)) return null;
        if (race.Refs.FirstOrDefault(r => r.Update.Ref == archiveRef) is not { AsBefore: false, Now: { } newTip }) return null;
        var heads = await git.RemoteHeadsAsync(config.Remote, [config.StagingBranch, config.ProductionBranch], ct);
        if (heads.GetValueOrDefault(config.StagingBranch) != tips.Staging || heads.GetValueOrDefault(config.ProductionBranch) != tips.Production)
            return null;
        await git.FetchObjectsAsync(config.Remote, [config.ArchiveBranch], ct);
        if (current.Tip is { } before && !await git.IsAncestorAsync(before, newTip, ct)) return null;
        var files = await git.ListFilesAsync(newTip, ct);
        // A freeze started (or ended) meanwhile was not seen by the freeze gate: the release refuses, and run again it meets the gate.
        if (files.Except(current.Files).Any(f => RecordFiles.IsFreezeId(Path.GetFileName(f)))) return null;
        var chain = await ArchiveChain.TipAsync(git, newTip, files, ct);
        if (chain is { Link.Id: var last } && RecordFiles.ChainOrder.Compare(RecordFiles.NewReleaseId(now, files), last) < 0) return null;
        return new ArchiveBase(newTip, files, chain?.Link);
    }
}
