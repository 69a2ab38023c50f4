using System.Text.Json;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Release;
using Shipgate.Rendering;

namespace Shipgate.Audit;

/// <summary>
/// Judges the trail against GitHub's own record of pushes (the repository activity API): every update of production
/// since the first release is a release's push (from_sha to to_sha, by the login the record names) or a change a review
/// acknowledges; every update of the archive branch is one of Shipgate's appends (one commit adding exactly one record's
/// files, by the login the record names), a PR's compliance archive (only files compliance/…/pr-&lt;N&gt;-… of one PR; of several when every one is Shipgate's, and then
/// pushed by the login they name), or the branch's
/// creation by the first of those. A force push or deletion of either branch breaks the trail. Records added before the
/// oldest update GitHub returned are not witnessed, never intact by default. Pure: <c>WitnessReader</c> asks GitHub.
/// </summary>
internal static class TrailWitness
{
    public static WitnessVerdict Judge(TrailFacts facts, WitnessFacts witness)
    {
        var records = Records.Read(facts);
        var problems = new List<TrailProblem>();
        var whyNot = new Dictionary<string, string>();
        var withoutActor = new List<RefActivity>();
        var appended = JudgeArchive(facts, witness.Archive, records, problems, whyNot, withoutActor);
        var pushed = JudgeProduction(facts, witness, records, problems, whyNot, withoutActor);

        // Records on the branch before the oldest update GitHub returned: GitHub does not answer for them.
        var since = witness.AnsweredSince is { } at ? $"GitHub's activity begins at {Time(at)}" : "GitHub lists no push of either branch";
        var firstWitnessed = FirstWitnessedIndex(facts, witness.Archive);
        var verdicts = facts.Links.Select(link =>
        {
            if (whyNot.TryGetValue(link.Id, out var why)) return new RecordWitness(link.Id, false, why);
            if (link.AddedAt < firstWitnessed) return new RecordWitness(link.Id, false, $"it is older than what GitHub answered for ({since})");
            if (!appended.Contains(link.Id)) return new RecordWitness(link.Id, false, $"GitHub lists no push of it to {facts.ArchiveBranch}");
            if (link.IsRelease && !pushed.Contains(link.Id))
                return new RecordWitness(link.Id, false, $"GitHub lists no push of {facts.ProductionBranch} for it");
            return new RecordWitness(link.Id, true, null);
        }).ToList();
        return new WitnessVerdict(null, witness.AnsweredSince, problems, verdicts, withoutActor);
    }

    /// <summary>The archive history's index from which GitHub answered: after the commit its oldest update started from.</summary>
    private static int FirstWitnessedIndex(TrailFacts facts, IReadOnlyList<RefActivity> archive)
    {
        if (archive.Count == 0) return int.MaxValue;
        var before = archive[0].Before;
        if (IsZero(before)) return 0;
        var index = facts.ArchiveHistory.Select(c => c.Sha).ToList().IndexOf(before);
        return index < 0 ? 0 : index + 1;
    }

    private static HashSet<string> JudgeArchive(TrailFacts facts, IReadOnlyList<RefActivity> archive, Records records, List<TrailProblem> problems,
        Dictionary<string, string> whyNot, List<RefActivity> withoutActor)
    {
        var appended = new HashSet<string>();
        var history = facts.ArchiveHistory.ToDictionary(c => c.Sha);
        foreach (var update in archive)
        {
            if (Rewrote(update, facts.ArchiveBranch, problems)) continue;
            if (!history.TryGetValue(update.After, out var commit))
            {
                problems.Add(new(TrailCheck.Witness, null, $"{Moved(update, facts.ArchiveBranch)}, a commit no longer on {facts.ArchiveBranch}: " +
                    "its history was rewritten since."));
                continue;
            }
            var onTop = IsZero(update.Before) ? commit.Parents.Count == 0 : commit.Parents.Count > 0 && commit.Parents[0] == update.Before;
            var ids = commit.Changes.Where(c => c.Path.StartsWith(RecordFiles.Folder, StringComparison.Ordinal))
                .Select(c => Path.GetFileNameWithoutExtension(c.Path)).Distinct().ToList();
            var onlyAdds = commit.Changes.All(c => c.Status == 'A');
            if (onTop && onlyAdds && ids.Count == 0)
            {
                // PR archives Shipgate wrote name their writer: their push must be by that login (backfill adds several PRs' at once).
                var writer = PrArchives.PrArchiveWitness.Writer(commit, facts);
                if (NotAPullRequestArchive(commit, several: writer is not null) is { } why)
                    problems.Add(new(TrailCheck.Witness, null, $"{Moved(update, facts.ArchiveBranch)}, which is neither one of Shipgate's appends " +
                        $"nor a PR's compliance archive (files {ComplianceArchives.Folder}pr-<N>-… of one PR added on top of the branch's tip): {why}."));
                else if (update.Actor is null) withoutActor.Add(update);
                else if (writer is not null && !SameLogin(writer, update.Actor))
                    problems.Add(new(TrailCheck.Witness, null, $"{Moved(update, facts.ArchiveBranch)}, adding PR compliance archives that name " +
                        $"{SafeText.OneLine(writer)} as their writer."));
                continue;
            }
            var link = ids.Count == 1 ? facts.Links.FirstOrDefault(l => l.Id == ids[0] && l.AddedIn == commit.Sha) : null;
            if (!onTop || !onlyAdds || link is null)
            {
                problems.Add(new(TrailCheck.Witness, ids.FirstOrDefault(), $"{Moved(update, facts.ArchiveBranch)}, which is not one of Shipgate's appends " +
                    "(one commit adding exactly one record's files on top of the branch's tip)."));
                continue;
            }
            if (update.Actor is null)
            {
                withoutActor.Add(update);
                whyNot[link.Id] = "GitHub does not say who pushed it";
                continue;
            }
            var login = records.LoginOf(link.Id);
            if (login is null)
            {
                whyNot[link.Id] = $"pushed by {update.Actor}, but the record names no GitHub login to compare with";
                continue;
            }
            if (!SameLogin(login, update.Actor))
            {
                problems.Add(new(TrailCheck.Witness, link.Id, $"{link.Id} was pushed to {facts.ArchiveBranch} by {update.Actor} at {Time(update.Timestamp)}, " +
                    $"but the record names {login}."));
                continue;
            }
            appended.Add(link.Id);
        }
        return appended;
    }

    private static HashSet<string> JudgeProduction(TrailFacts facts, WitnessFacts witness, Records records, List<TrailProblem> problems,
        Dictionary<string, string> whyNot, List<RefActivity> withoutActor)
    {
        var pushed = new HashSet<string>();
        var production = witness.Production;
        // The trail begins with the first release's push; what main went through before it is not the trail's business.
        var first = records.Releases.FirstOrDefault();
        var start = first is null ? production.Count : production.ToList().FindIndex(a => a.Before == first.Record.FromSha && a.After == first.Record.ToSha);
        var acknowledged = records.Acknowledged;
        var graph = new CommitGraph(facts.MainSinceFirstRelease);
        var seen = new HashSet<(string, string)>();
        foreach (var update in production.Skip(Math.Max(0, start)))
        {
            if (Rewrote(update, facts.ProductionBranch, problems)) continue;
            seen.Add((update.Before, update.After));
            var release = records.Releases.FirstOrDefault(r => r.Record.FromSha == update.Before && r.Record.ToSha == update.After);
            if (update.Actor is null)
            {
                withoutActor.Add(update);
                if (release is not null) whyNot[release.Id] = $"GitHub does not say who pushed {facts.ProductionBranch} for it";
                continue;
            }
            if (release is not null)
            {
                if (release.Record.ReleasedByLogin is not { } login)
                    whyNot.TryAdd(release.Id, $"{facts.ProductionBranch} was pushed by {update.Actor}, but the record names no GitHub login to compare with");
                else if (!SameLogin(login, update.Actor))
                    problems.Add(new(TrailCheck.Witness, release.Id, $"{Moved(update, facts.ProductionBranch)} for {release.Id}, " +
                        $"but the record says {login} released it."));
                else pushed.Add(release.Id);
                continue;
            }
            foreach (var (sha, review) in SelfAcknowledged(graph, update, records))
                problems.Add(new(TrailCheck.Independence, review, $"{review} acknowledges {Sha.Short(sha)}, but {Moved(update, facts.ProductionBranch)}, " +
                    "and that is its reviewer: a direct push is acknowledged by someone other than its pusher."));
            if (acknowledged.Contains(update.After)) continue;
            problems.Add(new(TrailCheck.Witness, null, $"{Moved(update, facts.ProductionBranch)}: neither a release's push nor a change a review acknowledges. " +
                "Someone other than the pusher can acknowledge it: shipgate audit review --direct-push <sha>… --note <text>."));
        }
        // A release GitHub answered for but never saw pushed: the record claims a release that did not happen.
        var firstWitnessed = FirstWitnessedIndex(facts, witness.Archive);
        foreach (var release in records.Releases.Where(r => r.Link.AddedAt >= firstWitnessed && !seen.Contains((r.Record.FromSha, r.Record.ToSha))))
            problems.Add(new(TrailCheck.Witness, release.Id, $"GitHub lists no push of {facts.ProductionBranch} from {Sha.Short(release.Record.FromSha)} " +
                $"to {Sha.Short(release.Record.ToSha)}, which {release.Id} says it released."));
        return pushed;
    }

    /// <summary>The commits <paramref name="update"/> brought in that a review by its own pusher acknowledges, with that review.</summary>
    private static IEnumerable<(string Sha, string Review)> SelfAcknowledged(CommitGraph graph, RefActivity update, Records records)
    {
        var carried = WitnessedPushers.Carried(graph, update);
        return records.AcknowledgedBy.Where(a => carried.Contains(a.Sha) && Identities.SameAs(a.Login, update.Actor)).Select(a => (a.Sha, a.Review));
    }

    /// <summary>
    /// Why a commit adding no record is not a PR's compliance archive as the release's checklist reads them
    /// (<see cref="ComplianceArchives"/>: <c>compliance/…/pr-&lt;N&gt;-…</c>, every file of one PR), or null when it is one.
    /// </summary>
    /// <param name="several">The archives of several PRs may come in one push (Shipgate's backfill).</param>
    private static string? NotAPullRequestArchive(HistoryCommit commit, bool several)
    {
        if (commit.Changes.Count == 0) return "it adds no file";
        var others = commit.Changes.Where(c => ComplianceArchives.PullRequestOf(c.Path) is null).Select(c => c.Path).ToList();
        if (others.Count > 0)
            return $"it adds {string.Join(", ", others.Take(3).Select(SafeText.OneLine))}{(others.Count > 3 ? $" and {others.Count - 3} more" : "")}";
        var prs = commit.Changes.Select(c => ComplianceArchives.PullRequestOf(c.Path)).Distinct().Order().ToList();
        return prs.Count > 1 && !several ? $"it adds the archives of {prs.Count} PRs ({string.Join(", ", prs.Select(n => $"#{n}"))}) in one push" : null;
    }

    /// <summary>A force push or deletion of a branch of the trail: always a break, named with who and when.</summary>
    private static bool Rewrote(RefActivity update, string branch, List<TrailProblem> problems)
    {
        if (update.Type is not (RefActivityType.ForcePush or RefActivityType.BranchDeletion)) return false;
        var what = update.Type == RefActivityType.ForcePush ? $"force-pushed from {Sha.Short(update.Before)} to {Sha.Short(update.After)}" : "deleted";
        problems.Add(new(TrailCheck.Witness, null, $"{branch} was {what} by {Actor(update)} at {Time(update.Timestamp)} (GitHub's activity {update.TypeName})."));
        return true;
    }

    private static string Moved(RefActivity update, string branch) =>
        $"{branch} was moved from {Sha.Short(IsZero(update.Before) ? null : update.Before, "nothing")} to {Sha.Short(update.After)} " +
        $"by {Actor(update)} at {Time(update.Timestamp)} ({update.TypeName})";

    private static string Actor(RefActivity update) => update.Actor is { } login ? SafeText.OneLine(login) : "an actor GitHub does not name";

    private static string Time(DateTimeOffset at) => $"{at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC";

    private static bool SameLogin(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool IsZero(string sha) => sha.All(c => c == '0');

    private sealed record ReleaseLink(TrailLink Link, ReleaseRecord Record)
    {
        public string Id => Link.Id;
    }

    /// <summary>The records the witness compares with: releases in chain order, the login each names, the commits reviews acknowledge.</summary>
    private sealed class Records
    {
        private readonly Dictionary<string, string?> _logins = [];

        public List<ReleaseLink> Releases { get; } = [];
        public HashSet<string> Acknowledged { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>Each acknowledged commit with the review that acknowledges it and that review's reviewer's login.</summary>
        public List<(string Sha, string Review, string? Login)> AcknowledgedBy { get; } = [];

        public string? LoginOf(string id) => _logins.GetValueOrDefault(id);

        public static Records Read(TrailFacts facts)
        {
            var records = new Records();
            foreach (var link in facts.Links)
            {
                try
                {
                    if (link.IsRelease && RecordFiles.FromJsonBytes(link.Bytes) is { } release)
                    {
                        records.Releases.Add(new ReleaseLink(link, release));
                        records._logins[link.Id] = release.ReleasedByLogin;
                    }
                    else if (!link.IsRelease && !RecordFiles.IsDeploymentId(link.Id) && !RecordFiles.IsFreezeId(link.Id) && RecordFiles.ReviewFromJsonBytes(link.Bytes) is { } review)
                    {
                        records._logins[link.Id] = review.ReviewedByLogin;
                        foreach (var push in review.DirectPushes ?? [])
                        {
                            records.Acknowledged.Add(push.Sha);
                            records.AcknowledgedBy.Add((push.Sha, link.Id, review.ReviewerProof?.Login ?? review.ReviewedByLogin));
                        }
                    }
                    else if (RecordFiles.IsFreezeId(link.Id) && RecordFiles.FreezeFromJsonBytes(link.Bytes) is { } freeze)
                        records._logins[link.Id] = freeze.RecordedByLogin;
                    else if (RecordFiles.IsDeploymentId(link.Id) && RecordFiles.DeploymentFromJsonBytes(link.Bytes) is { } deployment)
                        records._logins[link.Id] = deployment.RecordedByLogin; // none in a record made without a token's login
                }
                catch (JsonException)
                {
                    // Broken already by the schema check; nothing in it is compared.
                }
            }
            return records;
        }
    }
}
