using System.Text.Json;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 2, gather. Collects what is being shipped: commits, PRs, tickets, compliance archives, file
/// counts and areas, every gap the record will note, and the previous record (for the hash chain and
/// its word). A constant number of git processes and batched API calls, whatever the size of the release.
/// Skipped: never. Fails: <see cref="ShipgateException"/> for git or an API that cannot be read.
/// </summary>
internal static class Gather
{
    public static async Task<Gathered> RunAsync(ReleaseContext context, Preflighted preflighted, CancellationToken ct)
    {
        var tips = preflighted.Tips;
        var git = context.Git;

        var commits = await git.LogAsync(tips.Production, tips.Staging, ct);
        var diff = await git.DiffStatAsync(tips.Production, tips.Staging, ct);
        IReadOnlyList<string> archiveFiles = tips.Archive is null ? [] : await git.ListFilesAsync(tips.Archive, ct);
        var (previous, previousWord) = await ReadPreviousReleaseAsync(context, tips.Archive, archiveFiles, ct);

        var routing = await TicketLookup.RouteAsync(context, ct);
        var matcher = new TicketMatcher(routing.Keys);

        var merges = ReleasePlanner.FindMerges(commits);
        var lookup = ReleasePlanner.NoLookup;
        if (context.CodeHost.TryGet(out var host))
        {
            var claimed = merges.SelectMany(m => m.Members).Select(c => c.Sha).ToHashSet();
            lookup = await host.GetPullRequestsAsync(
                merges.Select(m => m.Number).ToList(),
                commits.Where(c => !c.IsMerge && !claimed.Contains(c.Sha)).Select(c => c.Sha).ToList(), ct);
        }

        var tickets = await TicketLookup.FindAsync(context, routing, ReleasePlanner.FindTicketIds(commits, merges, lookup, matcher), ct);

        var plan = ReleasePlanner.Build(new ReleasePlanner.Inputs(
            tips.Production, tips.Staging, commits, diff, archiveFiles, matcher,
            new AreaMap(context.Config.Areas), lookup, tickets, context.WebUrl, merges, CodeHostAsked: context.CodeHost.Service is not null, Routing: routing));
        var gaps = Gaps.Find(plan, preflighted.Ci, preflighted.OpenPullRequests, preflighted.PolicyChange, preflighted.Trail);
        Screens.GapWarnings(context.Warnings, gaps);
        return new Gathered(plan, gaps, archiveFiles, previous, previousWord);
    }

    /// <summary>The last link of the hash chain (a release or a review record) and the last release's word.</summary>
    private static async Task<(PreviousRelease?, string?)> ReadPreviousReleaseAsync(ReleaseContext context, string? archive,
        IReadOnlyList<string> archiveFiles, CancellationToken ct)
    {
        if (archive is null || await RecordFiles.ChainTipAsync(context.Git, archive, archiveFiles, ct) is not var (link, bytes))
            return (null, null);

        var lastRelease = RecordFiles.ReleaseIds(archiveFiles).LastOrDefault();
        if (lastRelease is null) return (link, null);
        if (lastRelease != link.Id)
            bytes = await context.Git.ReadFileAsync(archive, RecordFiles.JsonPath(lastRelease), ct);
        try
        {
            return (link, RecordFiles.FromJsonBytes(bytes)?.Confirmation?.WordPresented);
        }
        catch (JsonException)
        {
            context.Console.MarkupLine($"[yellow]WARNING: the previous release record {Markup.Escape(lastRelease)} is not valid JSON; " +
                "run shipgate audit verify.[/]");
            return (link, null);
        }
    }
}
