using Shipgate.Record;

namespace Shipgate.Audit;

/// <summary>
/// What pre-flight's trail check hands on: the warnings an emergency release over a broken trail
/// records, and the release ids the remote's tags hold (a new id must not take one, even when the
/// archive branch lost its record).
/// </summary>
internal sealed record TrailHealth(IReadOnlyList<string> Warnings, IReadOnlyList<string> TaggedReleaseIds)
{
    public static TrailHealth Unchecked { get; } = new([], []);

    /// <summary>Record paths a new release id must avoid besides the archive branch's files.</summary>
    public IEnumerable<string> TakenPaths => TaggedReleaseIds.Select(RecordFiles.JsonPath);
}
