using Shipgate.Record;

namespace Shipgate.Audit;

/// <summary>
/// Cross-checks release tags and release records both ways, so the trail cannot be cut silently:
/// every release tag has its record on the archive branch, with the SHA-256 the tag carries, and
/// points at the commit the record released; every release from the first that names its tag on
/// has that tag. Releases recorded before releases were tagged name none and need none. Pure.
/// </summary>
internal static class ReleaseTagCheck
{
    public static void Check(TrailFacts facts, IReadOnlyList<(TrailLink Link, ReleaseRecord Record)> releases, List<TrailProblem> problems)
    {
        var tags = facts.ReleaseTags
            .Where(t => ReleaseTag.ReleaseIdOf(t.Ref) is not null).Select(t => (Id: ReleaseTag.ReleaseIdOf(t.Ref)!, Tag: t))
            .OrderBy(t => t.Id, RecordFiles.ChainOrder).ToList();
        var archive = facts.ArchiveBranch;
        if (facts.ArchiveTip is null)
        {
            if (tags.Count > 0)
                problems.Add(new(TrailCheck.Tags, tags[0].Id,
                    $"{archive} is missing on the remote, but {tags.Count} release tags anchor records it held ({Names(tags.Select(t => t.Id))}): " +
                    "the archive branch was deleted."));
            return;
        }

        var links = facts.Links.ToDictionary(l => l.Id);
        var (first, newest) = (facts.Links.FirstOrDefault(), facts.Links.Select(l => l.Id).Order(RecordFiles.ChainOrder).LastOrDefault());
        var firstStartsAChain = releases.Count > 0 && releases[0].Link == first && releases[0].Record.PreviousRelease is null;
        foreach (var (id, tag) in tags)
        {
            if (!links.TryGetValue(id, out var link))
            {
                var why = newest is null || RecordFiles.ChainOrder.Compare(id, newest) > 0 ? $"{archive} was rewound or replaced; it ends before this release"
                    : first is null || RecordFiles.ChainOrder.Compare(id, first.Id) > 0 ? "the record was removed"
                    : firstStartsAChain ? $"a new chain was started at {first.Id} beside it; the records before it are gone"
                    : $"the records before {first.Id} were removed";
                problems.Add(new(TrailCheck.Tags, id, $"{tag.Ref} anchors {RecordFiles.JsonPath(id)}, which {archive} does not hold: {why}."));
                continue;
            }
            var claim = tag.Target is null ? null : ReleaseTag.ReadMessage(tag.Message);
            if (claim is not { } anchored)
                problems.Add(new(TrailCheck.Tags, id,
                    $"{tag.Ref} is not a Shipgate release tag (an annotated tag of a commit naming the record and its SHA-256): it was replaced."));
            else if (anchored.Path != link.Path)
                problems.Add(new(TrailCheck.Tags, id, $"{tag.Ref} anchors {anchored.Path}, not {link.Path}: it was replaced."));
            else if (anchored.Sha256 != link.Sha256)
                problems.Add(new(TrailCheck.Tags, id,
                    $"{tag.Ref} holds SHA-256 {Short(anchored.Sha256, 12)}… of {link.Path}, whose bytes now hash to {Short(link.Sha256, 12)}…: " +
                    "the record was changed after its release."));
            if (claim is not null && releases.FirstOrDefault(r => r.Link == link).Record is { } record && tag.Target != record.ToSha)
                problems.Add(new(TrailCheck.Tags, id, $"{tag.Ref} points at {Short(tag.Target)}, but {id} released {Short(record.ToSha)}: the tag was moved."));
        }

        var tagged = tags.Select(t => t.Id).ToHashSet();
        var required = false;
        foreach (var (link, record) in releases)
        {
            required |= record.Tag is not null;
            if (record.Tag is not null && record.Tag != ReleaseTag.RefName(record.ReleaseId))
                problems.Add(new(TrailCheck.Tags, link.Id, $"{link.Id} names the tag {record.Tag}, not its own {ReleaseTag.RefName(record.ReleaseId)}."));
            else if (required && !tagged.Contains(record.ReleaseId))
                problems.Add(new(TrailCheck.Tags, link.Id,
                    $"{record.ReleaseId} has no tag {ReleaseTag.RefName(record.ReleaseId)} on the remote: the tag was deleted " +
                    "(releases carry tags from the first one that names its tag on). Push it back from a clone that still has it."));
        }
    }

    private static string Names(IEnumerable<string> ids)
    {
        var list = ids.ToList();
        return list.Count <= 5 ? string.Join(", ", list) : $"{string.Join(", ", list.Take(5))} and {list.Count - 5} more";
    }

    private static string Short(string? hash, int length = 7) => hash is null ? "(none)" : hash[..Math.Min(length, hash.Length)];

    /// <summary>Under audit.sign: required, every release tag carries a good signature by an allowed signer, like the record commits.</summary>
    public static void CheckSignatures(TrailFacts facts, List<TrailProblem> problems)
    {
        foreach (var tag in facts.ReleaseTags)
            if (facts.TagSignatures?.GetValueOrDefault(tag.Sha) is { ByAllowedSigner: false } check)
                problems.Add(new(TrailCheck.Signatures, ReleaseTag.ReleaseIdOf(tag.Ref),
                    $"release tag {tag.Ref} is not signed by an allowed signer, and audit.sign is required: {Rendering.SafeText.OneLine(check.WhyNot)}"));
    }
}
