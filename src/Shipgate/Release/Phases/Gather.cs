using Shipgate.Record;

namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 2. Collects what is being shipped: commits, PRs, tickets, compliance archives, file
/// counts and areas, and the previous release record (for the hash chain and its word). A
/// constant number of git processes and batched API calls, whatever the size of the release.
/// </summary>
public sealed class Gather : IReleasePhase
{
    public string Name => "gather release contents";

    public string? SkipReason(ReleaseContext context) => null;

    public async Task<PhaseOutcome> RunAsync(ReleaseContext context, CancellationToken ct)
    {
        var tips = context.RequireTips;
        var git = context.Git;

        var commits = await git.LogAsync(tips.Production, tips.Staging, ct);
        var diff = await git.DiffStatAsync(tips.Production, tips.Staging, ct);
        context.ArchiveFiles = tips.Archive is null ? [] : await git.ListFilesAsync(tips.Archive, ct);
        await ReadPreviousReleaseAsync(context, ct);

        var keys = context.Config.TicketKeys;
        if (keys.Count == 0 && context.Tracker is { } teams)
            keys = await teams.GetTeamKeysAsync(ct);
        var matcher = new TicketMatcher(keys);

        var merges = ReleasePlanner.FindMerges(commits);
        var lookup = ReleasePlanner.NoLookup;
        if (context.CodeHost is { } host)
        {
            var claimed = merges.SelectMany(m => m.Members).Select(c => c.Sha).ToHashSet();
            lookup = await host.GetPullRequestsAsync(
                merges.Select(m => m.Number).ToList(),
                commits.Where(c => !c.IsMerge && !claimed.Contains(c.Sha)).Select(c => c.Sha).ToList(), ct);
        }

        IReadOnlyDictionary<string, Integrations.TicketDetails>? tickets = null;
        if (context.Tracker is { } tracker)
        {
            var ids = ReleasePlanner.FindTicketIds(commits, merges, lookup, matcher);
            tickets = ids.Count == 0 ? new Dictionary<string, Integrations.TicketDetails>() : await tracker.GetTicketsAsync(ids, ct);
        }

        context.Plan = ReleasePlanner.Build(new ReleasePlanner.Inputs(
            tips.Production, tips.Staging, commits, diff, context.ArchiveFiles, matcher,
            new AreaMap(context.Config.Areas), lookup, tickets, context.WebUrl, merges));

        WarnOfGaps(context);
        return PhaseOutcome.Continue;
    }

    /// <summary>The last link of the hash chain (a release or a review record) and the last release's word.</summary>
    private static async Task ReadPreviousReleaseAsync(ReleaseContext context, CancellationToken ct)
    {
        if (context.RequireTips.Archive is not { } archive
            || await RecordFiles.ChainTipAsync(context.Git, archive, context.ArchiveFiles, ct) is not var (link, bytes))
            return;
        context.Previous = link;

        var lastRelease = RecordFiles.ReleaseIds(context.ArchiveFiles).LastOrDefault();
        if (lastRelease is null) return;
        if (lastRelease != link.Id)
            bytes = await context.Git.ReadFileAsync(archive, RecordFiles.JsonPath(lastRelease), ct);
        try
        {
            context.PreviousWord = RecordFiles.FromJsonBytes(bytes)?.Confirmation?.WordPresented;
        }
        catch (System.Text.Json.JsonException)
        {
            context.Console.MarkupLine($"[yellow]WARNING: the previous release record {Spectre.Console.Markup.Escape(lastRelease)} is not valid JSON; run shipgate audit verify.[/]");
        }
    }

    /// <summary>The seed's warnings for archives and tickets, once per kind rather than once per PR.</summary>
    private static void WarnOfGaps(ReleaseContext context)
    {
        var plan = context.RequirePlan;
        var console = context.Console;
        var missing = plan.PullRequestsWithoutArchive.Select(p => $"#{p.Number}").ToList();
        if (missing.Count > 0)
        {
            console.MarkupLine($"[yellow]WARNING: PR {string.Join(", ", missing)} {(missing.Count == 1 ? "has" : "have")} no compliance archive.[/]");
            console.WriteLine();
            console.WriteLine("This PR may have been merged before compliance archiving was enabled,");
            console.WriteLine("or the archive workflow failed.");
            console.WriteLine();
            console.WriteLine("The release will note this gap in the audit trail.");
            console.WriteLine();
        }
        var notFound = plan.Tickets.Where(t => t.Check == TicketCheck.NotFound).Select(t => t.Id).ToList();
        if (notFound.Count > 0)
        {
            console.MarkupLine($"[yellow]WARNING: Ticket {string.Join(", ", notFound)} not found in Linear.[/]");
            console.WriteLine();
            console.WriteLine("This may be a typo in commit messages or a deleted ticket.");
            console.WriteLine("The release will proceed but note this in the audit trail.");
            console.WriteLine();
        }
    }
}
