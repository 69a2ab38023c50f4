using System.Text.Json;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 2, gather. Collects what is being shipped: commits, PRs, tickets, compliance archives, file
/// counts and areas, every gap the record will note, and the previous record (for the hash chain and
/// its word). A constant number of git processes and batched API calls, whatever the size of the release.
/// Its git reads (<see cref="ReadGitAsync"/>) and the ticket keys are started with pre-flight's <see cref="Lookups"/>;
/// the PR batches go out at once, then the ticket batches at once.
/// Skipped: never. Fails: <see cref="ShipgateException"/> for git or an API that cannot be read.
/// </summary>
internal static class Gather
{
    public static async Task<Gathered> RunAsync(ReleaseContext context, Preflighted preflighted, Lookups lookups, CancellationToken ct)
    {
        var tips = preflighted.Tips;
        var (commits, diff, archiveFiles, previous, previousWord, unreadable) = await lookups.Git;
        if (unreadable is not null)
            context.Console.MarkupLine($"[yellow]WARNING: the previous release record {Markup.Escape(unreadable)} is not valid JSON; " +
                "run shipgate audit verify.[/]");

        var routing = await lookups.Routing;
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

        var ticketIds = ReleasePlanner.FindTicketIds(commits, merges, lookup, matcher);
        var tickets = await TicketLookup.FindAsync(context, routing, ticketIds, ct);

        var plan = ReleasePlanner.Build(new ReleasePlanner.Inputs(
            tips.Production, tips.Staging, commits, diff, archiveFiles, matcher,
            new AreaMap(context.Config.Areas), lookup, tickets, context.WebUrl, merges, CodeHostAsked: context.CodeHost.Service is not null, Routing: routing,
            TicketIds: ticketIds, Controls: new ControlPaths(context.Config.ControlPaths)));
        var gaps = Gaps.Find(plan, preflighted.Ci, preflighted.OpenPullRequests, preflighted.PolicyChange, preflighted.Trail);
        GapWarningsScreen.Show(context.Warnings, gaps);
        return new Gathered(plan, gaps, archiveFiles, previous, previousWord);
    }

    /// <summary>
    /// Gather's git work, which needs only the tips: started with the <see cref="Lookups"/>, so it runs while
    /// GitHub and Linear answer. Writes nothing to the screen (the run shows what it found, in its place).
    /// </summary>
    public static async Task<GitFacts> ReadGitAsync(ReleaseContext context, RemoteTips tips, CancellationToken ct)
    {
        var git = context.Git;
        // The log is the long read; the diff and the archive's listing go beside it, in a second git process.
        var (commits, (diff, archiveFiles)) = await AtOnce.BothAsync(
            token => git.LogAsync(tips.Production, tips.Staging, token),
            async token => (await git.DiffStatAsync(tips.Production, tips.Staging, token),
                tips.Archive is null ? (IReadOnlyList<string>)[] : await git.ListFilesAsync(tips.Archive, token)),
            ct);
        var facts = new GitFacts(commits, diff, archiveFiles, null, null);
        if (tips.Archive is null || await ArchiveChain.TipAsync(git, tips.Archive, archiveFiles, ct) is not var (link, bytes))
            return facts;

        var lastRelease = RecordFiles.ReleaseIds(archiveFiles).LastOrDefault();
        if (lastRelease is null) return facts with { Previous = link };
        if (lastRelease != link.Id)
            bytes = await git.ReadFileAsync(tips.Archive, RecordFiles.JsonPath(lastRelease), ct);
        try
        {
            return facts with { Previous = link, PreviousWord = RecordFiles.FromJsonBytes(bytes)?.Confirmation?.WordPresented };
        }
        catch (JsonException)
        {
            return facts with { Previous = link, UnreadableRelease = lastRelease };
        }
    }
}
