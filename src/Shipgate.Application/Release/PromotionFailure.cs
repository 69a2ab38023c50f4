using Shipgate.Config;
using Shipgate.Git;

namespace Shipgate.Release;

/// <summary>
/// The truth of a release push that did not land, for the release manager: refused (in the remote's
/// own words), lost a race (who landed first, and where main and the archive branch are now),
/// interrupted, not known, and PARTIAL only when origin really is split.
/// </summary>
internal static class PromotionFailure
{
    /// <summary>Null when the release landed; otherwise the exception that ends the release and tells what happened.</summary>
    public static ShipgateException? From(PushOutcome outcome, ShipgateConfig config)
    {
        var (main, archive) = (config.ProductionBranch, config.ArchiveBranch);
        var facts = PushFacts.Describe(outcome);
        return outcome switch
        {
            PushOutcome.Landed => null,
            PushOutcome.Refused { ByRemote: true } => Error(
                $"ERROR: the remote refused the release.\nNothing of it landed: {main} and {archive} were not moved.", facts,
                $"Fix what the remote objects to (a protected {main} must let the releaser push to it), then run shipgate release again."),
            PushOutcome.Refused => Error(
                $"ERROR: the push failed.\nOrigin, asked afterwards, holds nothing of this release: {main} and {archive} were not moved.", facts,
                "Run shipgate release again."),
            PushOutcome.LostRace race => Error(
                $"ERROR: {WhoLandedFirst(race, config)}\nNothing of this release landed.", facts,
                "A release's push is refused when a ref it moves has moved since pre-flight: Shipgate never overwrites someone else's push. " +
                "Run shipgate release again to review the new state."),
            PushOutcome.Split => Error(
                "ERROR: PARTIAL: origin is split: some refs of this release moved and others did not.", facts,
                $"Do not release again before this is repaired by hand: {main} and {archive} must both hold this release, or neither. " +
                "Then run shipgate audit verify."),
            PushOutcome.Unknown => Error(
                "ERROR: the push did not complete, and origin could not be read afterwards.\nWhether this release landed is not known.", facts,
                $"Look before anything else: git ls-remote {config.Remote} {main} {archive}. Then run shipgate audit verify."),
            PushOutcome.Interrupted => new ReleaseAbortedException(
                $"Release interrupted (Ctrl-C) during the push.\nOrigin, asked afterwards, holds nothing of this release.\n\n{facts}\n\n" +
                "Run shipgate release --dry-run to see origin's state before releasing again."),
            _ => throw new InvalidOperationException($"Unknown push outcome {outcome}."),
        };
    }

    private static ShipgateException Error(string headline, string facts, string next) =>
        new(ExitCode.Error, $"{headline}\n\n{facts}\n\n{next}");

    /// <summary>Another release moves both branches; a direct push moves production; reviews and compliance archives move the archive branch.</summary>
    private static string WhoLandedFirst(PushOutcome.LostRace race, ShipgateConfig config)
    {
        bool Moved(string branch) => race.Refs.Any(r => r.Update.Ref == "refs/heads/" + branch && !r.AsBefore);
        const string since = "after this release's pre-flight";
        return (Moved(config.ProductionBranch), Moved(config.ArchiveBranch)) switch
        {
            (true, true) => $"another release landed first, {since}.",
            (true, false) => $"a push to {config.ProductionBranch} landed first, {since}.",
            (false, true) => $"{config.ArchiveBranch} moved first, {since}\n(a review record, a compliance archive or another release's record landed on it).",
            _ => $"another push landed first, {since}.",
        };
    }
}
