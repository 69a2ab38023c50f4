using System.Text.Json;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.PrArchives;
using Shipgate.Record;

namespace Shipgate.Audit;

/// <summary>
/// Reads the audit trail from the remote: the archive branch's history and records, main's
/// history since the first release, record signatures, and the release tags. No API, no ref moved: objects only.
/// </summary>
internal static class TrailReader
{
    public static async Task<TrailFacts> ReadAsync(GitRepository git, ShipgateConfig config, string repository, string? allowedSignersFile,
        CancellationToken ct)
    {
        var heads = await git.RemoteHeadsAsync(config.Remote, [config.ArchiveBranch, config.ProductionBranch], ct);
        var main = heads.GetValueOrDefault(config.ProductionBranch)
            ?? throw new ShipgateException(ExitCode.Error, $"The remote '{config.Remote}' has no branch '{config.ProductionBranch}'.");
        var archive = heads.GetValueOrDefault(config.ArchiveBranch);
        await git.FetchObjectsAsync(config.Remote, heads.Keys, ct);
        var tagRefs = (await git.RemoteTagsAsync(config.Remote, ReleaseTag.Pattern, ct))
            .Where(t => ReleaseTag.ReleaseIdOf(t.Key) is not null).ToDictionary();
        var tags = await git.FetchTagObjectsAsync(config.Remote, tagRefs, ct);

        IReadOnlyList<HistoryCommit> history = [];
        List<TrailLink> links = [];
        IReadOnlyDictionary<string, byte[]> prArchives = new Dictionary<string, byte[]>();
        if (archive is not null)
        {
            history = await git.HistoryAsync(archive, ct);
            var files = await git.ListFilesAsync(archive, ct);
            var chainIds = RecordFiles.ChainIds(files);
            prArchives = await git.ReadFilesAsync(archive, PrArchiveFiles.JsonArchives(files).ToList(), ct);
            var bytes = await git.ReadFilesAsync(archive, chainIds.Select(RecordFiles.JsonPath).ToList(), ct);
            var addedAt = new Dictionary<string, int>();
            for (var i = 0; i < history.Count; i++)
                foreach (var change in history[i].Changes.Where(c => c.Status == 'A'))
                    addedAt[change.Path] = i;
            links = chainIds
                .Select(id => new TrailLink(id, addedAt.GetValueOrDefault(RecordFiles.JsonPath(id), -1),
                    addedAt.TryGetValue(RecordFiles.JsonPath(id), out var at) ? history[at].Sha : archive,
                    bytes.GetValueOrDefault(RecordFiles.JsonPath(id), [])))
                .OrderBy(l => l.AddedAt).ThenBy(l => l.Id, RecordFiles.ChainOrder)
                .ToList();
        }

        // Every record commit's signature, in a constant number of git processes however long the trail, checked while main is read.
        var signatures = allowedSignersFile is null ? null
            : git.VerifySignaturesAsync(links.Select(l => l.AddedIn).Distinct().ToList(), allowedSignersFile, ct);

        var firstStart = FirstReleaseStart(links);
        // A main rewritten past the first release may no longer hold its start at all: ask before excluding it.
        var startOnMain = firstStart is null || await git.IsAncestorAsync(firstStart, main, ct);
        var mainCommits = startOnMain ? await git.CommitsAsync(main, firstStart, ct) : [];

        return new TrailFacts(repository, config.ArchiveBranch, config.ProductionBranch, archive, main, history, links, mainCommits, startOnMain,
            signatures is null ? null : await signatures,
            tags)
        {
            CommitSigners = allowedSignersFile is null ? null : await CommitSignersAsync(git, links, allowedSignersFile, ct),
            TagSignatures = allowedSignersFile is null || !config.Audit.SignRequired ? null
                : await SignedTags.VerifyAsync(git, tags.Select(t => t.Sha).Distinct().ToList(), allowedSignersFile, ct),
            UnprovenReviewsAllowed = config.Audit.ReviewIdentity == ReviewIdentityRule.GitConfig,
            PrArchives = prArchives,
        };
    }

    /// <summary>The SSH key each record commit's signature names, with whom the allowed signers list it for: one git process.</summary>
    private static async Task<IReadOnlyDictionary<string, CommitSigner>> CommitSignersAsync(GitRepository git, IReadOnlyList<TrailLink> links,
        string allowedSignersFile, CancellationToken ct)
    {
        var commits = links.Select(l => l.AddedIn).Distinct().ToList();
        var objects = commits.Count == 0 ? [] : await git.ReadObjectsAsync(commits, ct);
        var signers = AllowedSignerList.Parse(await File.ReadAllBytesAsync(allowedSignersFile, ct))?.Signers ?? [];
        var result = new Dictionary<string, CommitSigner>();
        for (var i = 0; i < commits.Count; i++)
            if (objects[i] is { Type: "commit" } commit && SigningKey.OfCommit(commit.Bytes) is { } key)
                result[commits[i]] = new CommitSigner(SigningKey.Fingerprint(key),
                    signers.Where(s => s.Key.AsSpan().SequenceEqual(key)).SelectMany(s => s.Principals.Split(',')).Distinct().ToList());
        return result;
    }

    private static string? FirstReleaseStart(IEnumerable<TrailLink> links)
    {
        foreach (var link in links.Where(l => l.IsRelease))
        {
            try
            {
                if (RecordFiles.FromJsonBytes(link.Bytes)?.FromSha is { Length: 40 } sha && sha.All(Uri.IsHexDigit)) return sha;
            }
            catch (JsonException) { }
        }
        return null;
    }
}
