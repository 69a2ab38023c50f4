using System.Text.Json;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Audit;

/// <summary>One thing wrong with the trail a release would extend, and what to do about it.</summary>
internal sealed record TrailBreak(string What, string NextStep);

/// <summary>What pre-flight reads of the trail: the archive's record ids, the bytes of its last links, the remote's release tags.</summary>
/// <param name="Bytes">The last link, the one before it and the last release record, by id (those that exist).</param>
/// <param name="LastReleaseTag">The tag of the last release record, when the remote has one.</param>
internal sealed record TrailTip(
    string Remote,
    string ArchiveBranch,
    bool ArchiveExists,
    IReadOnlyList<string> ChainIds,
    IReadOnlyDictionary<string, byte[]> Bytes,
    IReadOnlyList<string> TaggedReleaseIds,
    TagObject? LastReleaseTag);

/// <summary>
/// Pre-flight's look at the trail a release would extend, so that no release builds on a trail that
/// was cut: the archive branch is there when release tags say it should be and holds every tagged
/// record; its last record parses, matches the schema and links to the one before by hash; the last
/// release matches its tag. Cheap (the tips, not a full <c>audit verify</c>). A broken trail blocks
/// the release (exit 3) with the next step, unless it is an emergency: then it goes ahead, and the
/// record's warnings say what was broken.
/// </summary>
internal static class TrailGuard
{
    public static async Task<TrailHealth> CheckAsync(GitRepository git, ShipgateConfig config, string? archive, string? emergency,
        IAnsiConsole console, CancellationToken ct)
    {
        var tip = await ReadAsync(git, config, archive, ct);
        var breaks = Judge(tip);
        if (breaks.Count == 0) return new TrailHealth([], tip.TaggedReleaseIds);
        if (emergency is null) throw new ReleaseBlockedException(BlockedMessage(breaks));
        var what = SafeText.Markup(string.Join("; ", breaks.Select(b => b.What)));
        console.MarkupLine($"[red bold]EMERGENCY RELEASE:[/] [yellow]the audit trail is broken ({what}). " +
            "Proceeding as an emergency; the record says so. Repair the trail next (shipgate audit verify).[/]");
        console.WriteLine();
        return new TrailHealth(breaks.Select(b => $"The audit trail was broken before this release, which went ahead as an emergency: {b.What}.").ToList(),
            tip.TaggedReleaseIds);
    }

    /// <summary>
    /// Before a review or a deployment record is added: the same look at the trail's tip, without an emergency way past it.
    /// A record added to a cut trail would hash the changed bytes before it and so vouch for them; exit 5 with the next steps.
    /// </summary>
    /// <param name="adding">What would be added, for the message ("this review").</param>
    /// <param name="files">The archive tip's files, already listed by the caller.</param>
    public static async Task RequireIntactAsync(GitRepository git, ShipgateConfig config, string archive, IReadOnlyList<string> files, string adding,
        CancellationToken ct)
    {
        var breaks = Judge(await ReadAsync(git, config, archive, ct, files));
        if (breaks.Count == 0) return;
        throw new ShipgateException(ExitCode.TrailBroken,
            $"The audit trail is broken, so {adding} was not added to it: its hash would vouch for what was changed.\n" +
            string.Concat(breaks.Select(b => $"- {b.What}\n")) +
            "\nNext:\n" +
            string.Concat(breaks.Select(b => b.NextStep).Distinct().Select(step => $"- {step}\n")) +
            "- Run shipgate audit verify to see everything that is wrong, then run this again.\nNothing was recorded.");
    }

    private static async Task<TrailTip> ReadAsync(GitRepository git, ShipgateConfig config, string? archive, CancellationToken ct,
        IReadOnlyList<string>? files = null)
    {
        var tags = await git.RemoteTagsAsync(config.Remote, ReleaseTag.Pattern, ct);
        var tagged = tags.Keys.Select(ReleaseTag.ReleaseIdOf).OfType<string>().ToList();
        if (archive is null) return new TrailTip(config.Remote, config.ArchiveBranch, false, [], new Dictionary<string, byte[]>(), tagged, null);

        files ??= await git.ListFilesAsync(archive, ct);
        var chain = RecordFiles.ChainIds(files);
        var lastRelease = RecordFiles.ReleaseIds(files).LastOrDefault();
        var wanted = new[] { chain.LastOrDefault(), chain.Count > 1 ? chain[^2] : null, lastRelease }.OfType<string>().Distinct().ToList();
        var bytes = (await git.ReadFilesAsync(archive, wanted.Select(RecordFiles.JsonPath).ToList(), ct))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f.Key), f => f.Value);
        TagObject? tag = null;
        if (lastRelease is not null && tags.TryGetValue(ReleaseTag.RefName(lastRelease), out var sha))
            tag = (await git.FetchTagObjectsAsync(config.Remote, new Dictionary<string, string> { [ReleaseTag.RefName(lastRelease)] = sha }, ct))[0];
        return new TrailTip(config.Remote, config.ArchiveBranch, true, chain, bytes, tagged, tag);
    }

    /// <summary>What is broken at the trail's tip (empty when nothing is). Pure.</summary>
    public static IReadOnlyList<TrailBreak> Judge(TrailTip tip)
    {
        var (remote, branch) = (tip.Remote, tip.ArchiveBranch);
        var restore = $"Restore {branch} from a clone or backup that still has it (git push {remote} <sha>:refs/heads/{branch}): records are only ever added.";
        var breaks = new List<TrailBreak>();
        // Tags newer than the newest record: the archive lost its tip. (Older gaps are verify's to name: a chain
        // started anew after a lost archive, in an emergency that recorded it, must not block every release after it.)
        var newest = tip.ChainIds.LastOrDefault();
        var lost = tip.TaggedReleaseIds.Where(id => newest is null || RecordFiles.ChainOrder.Compare(id, newest) > 0).Order(RecordFiles.ChainOrder).ToList();
        if (!tip.ArchiveExists)
        {
            if (lost.Count > 0)
                breaks.Add(new($"the archive branch {branch} is missing on '{remote}', but {lost.Count} release tags say it held records (newest: {lost[^1]})",
                    restore));
            return breaks;
        }
        if (lost.Count > 0)
            breaks.Add(new($"release tags exist for records newer than the last one {branch} holds ({Names(lost)}): it was rewound or replaced", restore));
        if (newest is null) return breaks;

        var last = tip.ChainIds[^1];
        var bytes = tip.Bytes.GetValueOrDefault(last, []);
        var restoreRecord = $"Restore the original bytes of {RecordFiles.JsonPath(last)} on {branch} from a clone or backup " +
            $"(git log -p {remote}/{branch} -- {RecordFiles.JsonPath(last)} shows what changed).";
        if (RecordSchemas.ValidateLink(last, bytes) is { Count: > 0 } errors)
            breaks.Add(new($"the last record {RecordFiles.JsonPath(last)} cannot be read as a record ({errors[0]})", restoreRecord));
        else if (ChainTipBreak(tip, last, bytes) is { } chain)
            breaks.Add(new(chain, restoreRecord));

        if (RecordFiles.ReleaseIds(tip.ChainIds.Select(RecordFiles.JsonPath)).LastOrDefault() is { } release && TagBreak(tip, release) is { } tagBreak)
            breaks.Add(tagBreak);
        return breaks;
    }

    /// <summary>Whether the last link holds the id and SHA-256 of the link before it.</summary>
    private static string? ChainTipBreak(TrailTip tip, string last, byte[] bytes)
    {
        var claimed = RecordFiles.PreviousOf(last, bytes);
        var before = tip.ChainIds.Count > 1 ? tip.ChainIds[^2] : null;
        if (before is null)
            return claimed is null ? null : $"the hash chain is broken at its tip: {last} links to {claimed.Id}, which {tip.ArchiveBranch} no longer holds";
        var beforeHash = RecordFiles.Sha256Hex(tip.Bytes.GetValueOrDefault(before, []));
        if (claimed is null) return $"the hash chain is broken at its tip: {last} links to nothing, but {before} was recorded before it";
        if (claimed.Id != before) return $"the hash chain is broken at its tip: {last} links to {claimed.Id}, but the record before it is {before}";
        return claimed.Sha256 == beforeHash ? null
            : $"the hash chain is broken at its tip: {last} holds SHA-256 {claimed.Sha256[..Math.Min(12, claimed.Sha256.Length)]}… of {before}, " +
              $"whose bytes now hash to {beforeHash[..12]}…";
    }

    /// <summary>Whether the last release has its tag, and the tag the record's hash, once releases carry tags.</summary>
    private static TrailBreak? TagBreak(TrailTip tip, string release)
    {
        var bytes = tip.Bytes.GetValueOrDefault(release, []);
        string? named;
        try
        {
            named = RecordFiles.FromJsonBytes(bytes)?.Tag;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null; // an unreadable last release is a break of its own (above, or verify's when a review follows it)
        }
        if (named is null) return null; // made before releases were tagged
        var tagRef = ReleaseTag.RefName(release);
        if (tip.LastReleaseTag is null)
            return new($"the last release {release} has no tag {tagRef} on '{tip.Remote}': it was deleted",
                $"Push the tag back from a clone that still has it (git push {tip.Remote} {tagRef}), and find out who deleted it.");
        var hash = RecordFiles.Sha256Hex(bytes);
        var claim = ReleaseTag.ReadMessage(tip.LastReleaseTag.Message);
        return claim?.Sha256 == hash ? null
            : new($"{tagRef} does not hold the SHA-256 of {RecordFiles.JsonPath(release)} ({hash[..12]}…): the record or the tag was changed",
                $"Restore the original {RecordFiles.JsonPath(release)} and {tagRef} from a clone or backup that has them.");
    }

    private static string BlockedMessage(IReadOnlyList<TrailBreak> breaks) =>
        "BLOCKED: the audit trail this release would extend is broken:\n" +
        string.Concat(breaks.Select(b => $"- {b.What}\n")) +
        "\nA release now would build on a trail that no longer shows what was released before. Next:\n" +
        string.Concat(breaks.Select(b => b.NextStep).Distinct().Select(step => $"- {step}\n")) +
        "- Run shipgate audit verify to see everything that is wrong, then release again.\n" +
        "- If production cannot wait: shipgate release --emergency \"<reason>\" goes ahead, and its record says the trail was broken.";

    private static string Names(IReadOnlyList<string> ids) =>
        ids.Count <= 5 ? string.Join(", ", ids) : $"{string.Join(", ", ids.Take(5))} and {ids.Count - 5} more";
}
