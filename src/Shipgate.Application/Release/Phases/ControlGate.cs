namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 3, with <see cref="ReviewGate"/>: a release that changes files steering CI, review or the gate (<see cref="ControlPaths"/>)
/// needs each such PR approved on its final head by someone other than its author; a commit in no PR is not reviewed.
/// Skipped: with --emergency (the record's warnings name each change), and without GitHub, where no review can be read: such a
/// release already needs --allow-unverified-ci or --emergency, and the unticked box and the warnings record the gap.
/// Fails: a <see cref="WouldBlock"/> naming the PRs and commits (a release stops there, exit 3).
/// </summary>
internal static class ControlGate
{
    public const string Flag = "--emergency \"<reason>\"";

    /// <returns>The gate if it is closed; null when open.</returns>
    public static WouldBlock? Check(ReleaseContext context, Gathered gathered)
    {
        if (context.Options.Emergency is not null || context.CodeHost.Missing is not null) return null;
        var unreviewed = Gaps.Of(gathered.Gaps, GapKind.ControlChangeNotReviewed).Select(g => $"{g.Subject} ({g.Detail})").ToList();
        if (unreviewed.Count == 0) return null;
        var what = $"release control files (CI, review or gate) changed without an independent review of the final head: {string.Join(", ", unreviewed)}";
        return new WouldBlock(what, Flag,
            $"BLOCKED: this release changes files that steer CI, review or the release gate, and not every change was independently reviewed: " +
            $"{string.Join(", ", unreviewed)}.\n\nGet an approval of each PR's final commit by someone other than its author (a commit in no PR " +
            $"must go through one), then release again. An emergency can pass with {Flag}; it is recorded and must be reviewed.");
    }
}
