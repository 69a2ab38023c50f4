using Shipgate.Audit;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Release;

namespace Shipgate.PrArchives;

/// <summary>The archive branch as an archive writer reads it: its tip (null: not made yet) and its files.</summary>
internal sealed record ArchiveBranch(string? Tip, IReadOnlyList<string> Files);

/// <summary>Where a PR's archive is; <paramref name="Written"/> false: it was there already and nothing changed.</summary>
internal sealed record ArchivedPr(int Number, string Path, bool Written);

/// <summary>What the archive writer asks GitHub through, and whom it writes as.</summary>
/// <param name="Login">The token's GitHub login (GET /user): the proven writer the archive names and the witness compares its push with.</param>
internal sealed record ArchiveSources(ICodeHost CodeHost, IMergedPullRequests PullRequests, string Login);

/// <summary>
/// <c>shipgate archive pr</c> and <c>archive backfill</c>: each PR's compliance archive made from what GitHub says of it and added
/// to the archive branch through <see cref="ArchiveAppender"/> (one commit, one push under a lease, read again and retried when
/// another record lands first). A PR that has an archive already (by Shipgate or another tool) is left as it is.
/// </summary>
internal static class PrArchiveWriter
{
    /// <summary>How many PRs backfill adds in one commit and push: a bounded push, and a bounded loss when one fails.</summary>
    public const int BatchSize = 25;

    public static async Task<ArchivedPr> ArchiveAsync(GitRepository git, ShipgateConfig config, string repository, ArchiveSources sources,
        int number, DateTimeOffset now, CancellationToken ct)
    {
        var pr = await sources.PullRequests.GetPullRequestAsync(number, ct)
            ?? throw new UsageException($"{repository} has no PR #{number}. Give the number of a PR merged into {config.StagingBranch}.");
        if (PrArchiveBuilder.WhyNot(pr, config.StagingBranch) is { } why) throw new ReleaseBlockedException(why + " Nothing was written.");
        var first = await ReadAsync(git, config, ct);
        if (ComplianceArchives.Index(first.Files).GetValueOrDefault(number) is { } existing) return new ArchivedPr(number, existing, false);
        var archive = await MakeAsync(config, repository, sources, pr, now, ct);
        var written = await AppendAsync(git, config, first, [archive], ct);
        return written.Single();
    }

    /// <summary>The PRs merged into staging since <paramref name="since"/> that have no archive yet, archived in batches of <see cref="BatchSize"/>.</summary>
    public static async Task<IReadOnlyList<ArchivedPr>> BackfillAsync(GitRepository git, ShipgateConfig config, string repository, ArchiveSources sources,
        DateTimeOffset since, DateTimeOffset now, IProgress<int>? making, CancellationToken ct)
    {
        var merged = await sources.PullRequests.GetMergedSinceAsync(config.StagingBranch, since, ct);
        var branch = await ReadAsync(git, config, ct);
        var present = ComplianceArchives.Index(branch.Files);
        var results = merged.Where(present.ContainsKey).Select(n => new ArchivedPr(n, present[n], false)).ToList();
        foreach (var batch in merged.Where(n => !present.ContainsKey(n)).Chunk(BatchSize))
        {
            var archives = new List<PrArchive>();
            foreach (var number in batch)
            {
                making?.Report(number);
                if (await sources.PullRequests.GetPullRequestAsync(number, ct) is { } pr && PrArchiveBuilder.WhyNot(pr, config.StagingBranch) is null)
                    archives.Add(await MakeAsync(config, repository, sources, pr, now, ct));
            }
            results.AddRange(await AppendAsync(git, config, branch, archives, ct));
            branch = null;
        }
        return [.. results.OrderBy(r => r.Number)];
    }

    /// <summary>The archive branch on the remote, its objects fetched; no branch yet is a branch without files.</summary>
    public static async Task<ArchiveBranch> ReadAsync(GitRepository git, ShipgateConfig config, CancellationToken ct)
    {
        var heads = await git.RemoteHeadsAsync(config.Remote, [config.ArchiveBranch], ct);
        if (heads.GetValueOrDefault(config.ArchiveBranch) is not { } tip) return new ArchiveBranch(null, []);
        await git.FetchObjectsAsync(config.Remote, [config.ArchiveBranch], ct);
        return new ArchiveBranch(tip, await git.ListFilesAsync(tip, ct));
    }

    private static async Task<PrArchive> MakeAsync(ShipgateConfig config, string repository, ArchiveSources sources, PullRequestFacts pr,
        DateTimeOffset now, CancellationToken ct)
    {
        var (reviews, commits, files, ci) = (sources.PullRequests.GetReviewsAsync(pr.Number, pr.HeadSha, ct), sources.PullRequests.GetCommitsAsync(pr.Number, ct),
            sources.PullRequests.GetFilesAsync(pr.Number, ct), sources.CodeHost.GetCiVerdictAsync(pr.HeadSha, config.GitHub.RequiredChecks, ct));
        var matcher = new TicketMatcher([.. config.TicketKeys, .. config.Jira.Projects]);
        return PrArchiveBuilder.Build(repository, pr, await reviews, await ci, await commits, await files, matcher, sources.Login, now);
    }

    /// <summary>
    /// The archives not on the branch yet, in one commit and one push through the appender; on a new tip (another record landed
    /// first) those that appeared meanwhile (another run archived the same PR) are left out, and reported as there already.
    /// </summary>
    private static Task<IReadOnlyList<ArchivedPr>> AppendAsync(GitRepository git, ShipgateConfig config, ArchiveBranch? first,
        IReadOnlyList<PrArchive> archives, CancellationToken ct) =>
        ArchiveAppender.AppendAtAsync<ArchiveBranch, IReadOnlyList<ArchivedPr>>(git, config,
            archives.Count == 1 ? $"compliance archive of PR #{archives[0].Pr}" : "compliance archives", "Run the command again.",
            config.Audit.Sign, null, first, token => ReadAsync(git, config, token), branch => branch.Tip, branch =>
            {
                var present = ComplianceArchives.Index(branch.Files);
                var adding = archives.Where(a => !present.ContainsKey(a.Pr)).ToList();
                var files = adding.SelectMany(a => PrArchiveFiles.Of(a)).ToDictionary(f => f.Key, f => f.Value);
                var done = archives.Select(a => present.TryGetValue(a.Pr, out var there)
                    ? new ArchivedPr(a.Pr, there, false) : new ArchivedPr(a.Pr, PrArchiveName.Stem(a) + ".json", true)).ToList();
                var subject = adding.Count == 1 ? $"compliance: PR #{adding[0].Pr}" : $"compliance: {adding.Count} PRs";
                return new ArchiveEntry<IReadOnlyList<ArchivedPr>>(done, files,
                    $"{subject}\n\n{string.Concat(adding.Select(a => $"Archive: PR #{a.Pr} {PrArchiveName.Stem(a)}.json\n"))}");
            }, ct);
}
