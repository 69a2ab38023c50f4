using System.Text.RegularExpressions;
using Shipgate.Git;
using Shipgate.Integrations;

namespace Shipgate.Release;

/// <summary>
/// Pure logic that turns git facts (and, when there, code host and tracker answers) into a
/// <see cref="ReleasePlan"/>. No I/O: every rule of "what is being shipped" is tested here.
/// </summary>
internal static partial class ReleasePlanner
{
    /// <summary>A PR as the commit history names it, before the code host is asked.</summary>
    public sealed record PullRequestMerge(int Number, MergeKind Kind, Commit MergeCommit, string Title, string? HeadBranch, IReadOnlyList<Commit> Members);

    [GeneratedRegex(@"^Merge pull request #([0-9]{1,9}) from (\S+)")]
    private static partial Regex GitHubMerge();

    [GeneratedRegex(@"^(.*\S)\s+\(#([0-9]{1,9})\)$")]
    private static partial Regex SquashSuffix();

    [GeneratedRegex(@"^Merge (?:remote-tracking )?branch '([^']+)'")]
    private static partial Regex BranchMerge();

    /// <summary>
    /// The PRs the history names: "Merge pull request #N from owner/branch" merge commits and
    /// "Title (#N)" squash commits, nothing else (a stray "#N" in a message is not a PR).
    /// A merge's members are the commits it brought in that the mainline did not have, found in one
    /// walk of the range (<see cref="MergeMembers"/>), so the cost grows with the history, not with merges times history.
    /// </summary>
    public static IReadOnlyList<PullRequestMerge> FindMerges(IReadOnlyList<Commit> commits)
    {
        var members = MergeMembers.Find(commits);
        var merges = new List<PullRequestMerge>();
        var seen = new HashSet<int>();
        foreach (var commit in commits)
        {
            // The cheap checks first: most of a long history is neither, and a match costs an allocation.
            if (commit.IsMerge)
            {
                if (!commit.Subject.StartsWith("Merge pull request #", StringComparison.Ordinal)) continue;
                var match = GitHubMerge().Match(commit.Subject);
                if (!match.Success || !int.TryParse(match.Groups[1].Value, out var number) || !seen.Add(number)) continue;
                var head = match.Groups[2].Value;
                var slash = head.IndexOf('/');
                var branch = slash >= 0 ? head[(slash + 1)..] : head;
                var title = FirstLine(commit.Body);
                merges.Add(new PullRequestMerge(number, MergeKind.MergeCommit, commit, title.Length > 0 ? title : commit.Subject, branch,
                    members.GetValueOrDefault(commit.Sha) ?? []));
            }
            else
            {
                if (!commit.Subject.EndsWith(')')) continue;
                var match = SquashSuffix().Match(commit.Subject);
                if (!match.Success || !int.TryParse(match.Groups[2].Value, out var number) || !seen.Add(number)) continue;
                merges.Add(new PullRequestMerge(number, MergeKind.Squash, commit, match.Groups[1].Value, null, [commit]));
            }
        }
        return merges;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n');
        return (end < 0 ? text : text[..end]).Trim();
    }

    /// <summary>Branch names merged without a PR ("Merge branch 'dev/bol-9-x'"), for ticket ids.</summary>
    public static IEnumerable<string> MergedBranchNames(IEnumerable<Commit> commits) =>
        commits.Where(c => c.IsMerge && c.Subject.StartsWith("Merge ", StringComparison.Ordinal)).Select(c => BranchMerge().Match(c.Subject)).Where(m => m.Success).Select(m => m.Groups[1].Value);

    /// <summary>Every ticket id the release mentions: messages, PR titles and bodies, branch names.</summary>
    public static IReadOnlyList<string> FindTicketIds(IReadOnlyList<Commit> commits, IReadOnlyList<PullRequestMerge> merges,
        PullRequestLookup lookup, TicketMatcher matcher)
    {
        var ids = new HashSet<string>();
        foreach (var commit in commits)
        {
            ids.UnionWith(matcher.Find(commit.Subject));
            ids.UnionWith(matcher.Find(commit.Body));
        }
        foreach (var branch in MergedBranchNames(commits).Concat(merges.Select(m => m.HeadBranch)))
            ids.UnionWith(matcher.Find(branch));
        foreach (var details in lookup.ByNumber.Values)
        {
            ids.UnionWith(matcher.Find(details.Title));
            ids.UnionWith(matcher.Find(details.Body));
            ids.UnionWith(matcher.Find(details.HeadBranch));
        }
        return ids.Order(TicketMatcher.IdOrder).ToList();
    }

    /// <summary>The inputs of <see cref="Build"/>: git facts plus what the integrations answered.</summary>
    public sealed record Inputs(
        string FromSha,
        string ToSha,
        IReadOnlyList<Commit> Commits,
        DiffStat Diff,
        IReadOnlyList<string> ArchiveBranchFiles,
        TicketMatcher Tickets,
        AreaMap Areas,
        PullRequestLookup PullRequests,
        /// <summary>Null when no tracker is configured: tickets stay unverified.</summary>
        IReadOnlyDictionary<string, TicketDetails>? TicketDetails,
        /// <summary>Repository web address (https://github.com/o/r) for PR links, when known.</summary>
        string? WebUrl,
        /// <summary><see cref="FindMerges"/> of the commits, when the caller has it already.</summary>
        IReadOnlyList<PullRequestMerge>? Merges = null,
        /// <summary>False when there was no code host: PRs and reviews come from git alone.</summary>
        bool CodeHostAsked = true,
        /// <summary>Which tracker owns each key and which were asked; null: Linear alone, asked when there are details.</summary>
        TicketRouting? Routing = null,
        /// <summary><see cref="FindTicketIds"/> of the release, when the caller has it already (it asked the trackers for them).</summary>
        IReadOnlyList<string>? TicketIds = null,
        /// <summary>The files that steer CI, review and the gate; null: the built-in ones alone.</summary>
        ControlPaths? Controls = null);

    public static PullRequestLookup NoLookup { get; } = new(new Dictionary<int, PullRequestDetails>(), new Dictionary<string, int>());

    public static ReleasePlan Build(Inputs input)
    {
        var merges = (input.Merges ?? FindMerges(input.Commits)).ToList();
        var nonMerges = input.Commits.Where(c => !c.IsMerge).ToList();

        // Rebase merges: commits git cannot tie to a PR, that the code host says a merged PR brought. Then claimed holds
        // every commit some PR brought.
        var claimed = merges.SelectMany(m => m.Members).Select(c => c.Sha).ToHashSet();
        foreach (var group in nonMerges.Where(c => !claimed.Contains(c.Sha) && input.PullRequests.MergedPullRequestByCommit.ContainsKey(c.Sha))
                     .GroupBy(c => input.PullRequests.MergedPullRequestByCommit[c.Sha]).ToList())
        {
            if (merges.Any(m => m.Number == group.Key)) continue;
            var newest = group.First();
            merges.Add(new PullRequestMerge(group.Key, MergeKind.Rebase, newest, newest.Subject, null, group.ToList()));
            claimed.UnionWith(group.Select(c => c.Sha));
        }

        var archives = ComplianceArchives.Index(input.ArchiveBranchFiles);
        var pullRequests = merges.Select(m => ToReleased(m, input, archives)).ToList();

        var ticketIds = input.TicketIds ?? FindTicketIds(input.Commits, merges, input.PullRequests, input.Tickets);
        var tickets = ticketIds.Select(id => ToTicket(id, input.TicketDetails, input.Routing)).ToList();

        var loose = nonMerges.Where(c => !claimed.Contains(c.Sha)).ToList();
        var unspecced = loose.Select(c => new UnspeccedChange(UnspeccedKind.Commit, c.Sha, $"commit {c.ShortSha} \"{c.Subject}\" is in no pull request"))
            .Concat(pullRequests.Where(p => p.Tickets.Count == 0)
                .Select(p => new UnspeccedChange(UnspeccedKind.PullRequest, $"#{p.Number}", $"PR #{p.Number} \"{p.Title}\" has no ticket")))
            .ToList();

        return new ReleasePlan(input.FromSha, input.ToSha, nonMerges, input.Commits.Count - nonMerges.Count, input.Diff,
            pullRequests, tickets, GroupByArea(pullRequests, loose, input), unspecced)
        {
            TicketsChecked = input.TicketDetails is not null,
            CodeHostAsked = input.CodeHostAsked,
            ControlChanges = ControlChanges.Find(pullRequests, loose, input.Controls ?? ControlPaths.BuiltIn, input.CodeHostAsked),
        };
    }

    private static ReleasedPullRequest ToReleased(PullRequestMerge merge, Inputs input, IReadOnlyDictionary<int, string> archives)
    {
        input.PullRequests.ByNumber.TryGetValue(merge.Number, out var details);
        var oldest = merge.Members.Count > 0 ? merge.Members[^1] : merge.MergeCommit;
        var title = details?.Title ?? merge.Title;
        var headBranch = details?.HeadBranch ?? merge.HeadBranch;
        var tickets = new HashSet<string>();
        foreach (var text in new[] { title, details?.Body, headBranch, merge.MergeCommit.Subject, merge.MergeCommit.Body }
                     .Concat(merge.Members.SelectMany(c => new[] { c.Subject, c.Body })))
            tickets.UnionWith(input.Tickets.Find(text));
        return new ReleasedPullRequest(
            merge.Number,
            title,
            details?.Url ?? (input.WebUrl is null ? null : $"{input.WebUrl}/pull/{merge.Number}"),
            details?.Author ?? oldest.AuthorName,
            details?.MergedAt ?? merge.MergeCommit.CommittedAt,
            details?.MergedBy ?? (merge.Kind == MergeKind.MergeCommit ? merge.MergeCommit.AuthorName : null),
            headBranch,
            merge.Kind,
            merge.MergeCommit.Sha,
            tickets.Order(TicketMatcher.IdOrder).ToList(),
            merge.Members.Select(c => c.Sha).ToList(),
            merge.Members.SelectMany(c => c.Files).Distinct().ToList(),
            archives.GetValueOrDefault(merge.Number),
            details?.IndependentlyApproved,
            details?.Approvers ?? [])
        {
            ApprovedBeforeLaterCommits = details?.ApprovedBeforeLaterCommits ?? [],
            AuthorIsLogin = details is not null,
        };
    }

    private static ReleasedTicket ToTicket(string id, IReadOnlyDictionary<string, TicketDetails>? details, TicketRouting? routing)
    {
        var system = routing?.SystemOf(id) ?? TicketSystem.Linear;
        if (details is null || routing is not null && !routing.Asked.Contains(system))
            return new ReleasedTicket(id, null, null, null, null, TicketCheck.Unverified, system);
        return details.TryGetValue(id, out var t)
            ? new ReleasedTicket(id, t.Title, t.Url, t.Status, t.StateType, TicketCheck.Verified, system)
            : new ReleasedTicket(id, null, null, null, null, TicketCheck.NotFound, system);
    }

    private static IReadOnlyList<AreaChanges> GroupByArea(IReadOnlyList<ReleasedPullRequest> pullRequests, IReadOnlyList<Commit> loose, Inputs input)
    {
        var bullets = new Dictionary<string, List<string>>();
        var added = new HashSet<(string, string)>();
        void Add(IEnumerable<string> files, string bullet)
        {
            foreach (var area in files.SelectMany(input.Areas.AreasOf).Distinct())
            {
                if (!bullets.TryGetValue(area, out var list)) bullets[area] = list = [];
                if (added.Add((area, bullet))) list.Add(bullet);
            }
        }
        foreach (var pr in pullRequests) Add(pr.Files, input.Tickets.StripTicketPrefix(pr.Title));
        foreach (var commit in loose) Add(commit.Files, commit.Subject);
        return bullets
            .OrderBy(a => input.Areas.OrderOf(a.Key)).ThenBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => new AreaChanges(a.Key, input.Areas.TitleOf(a.Key), a.Value))
            .ToList();
    }
}
