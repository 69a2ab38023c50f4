namespace Shipgate.Release;

/// <summary>
/// A gate a dry run found closed: a release now would stop there. A dry run goes on to show the whole
/// summary and names these at the end (exit 3), where a release stops at the first.
/// </summary>
/// <param name="Flag">The option that lets a release past this gate, with its reason placeholder; null when only a fix will do.</param>
internal sealed record WouldBlock(string Reason, string? Flag);

/// <summary>What a dry run found: the pre-flight and gather results and the gates that would stop a release now.</summary>
internal sealed record DryRunResult(Preflighted Preflighted, Gathered Gathered, IReadOnlyList<WouldBlock> Blockers);
