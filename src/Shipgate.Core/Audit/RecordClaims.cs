using System.Text.Json;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Release;
using Shipgate.Rendering;

namespace Shipgate.Audit;

/// <summary>
/// One release record beside what git shows of its range: the commits git ties to no PR (no "Merge pull request #N",
/// no "Title (#N)"), which only GitHub can place in a PR, and the PRs git's merge messages name.
/// </summary>
/// <param name="PolicyAt">Where the policy that governed the release is read (<see cref="GoverningPolicy"/>).</param>
internal sealed record ReleaseClaims(string Id, ReleaseRecord Record, IReadOnlyList<Commit> Untied, IReadOnlyList<int> MergedInGit, PolicyCommit PolicyAt)
{
    /// <summary>Per commit git ties to PRs (the members of each "Merge pull request #N" and "Title (#N)"): their numbers.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<int>> TiedInGit { get; init; } = new Dictionary<string, IReadOnlySet<int>>();

    /// <summary>That policy's required checks, once git has given its file: CI is judged by them, not by the record's own list.</summary>
    public GoverningChecks? Governing { get; init; }
}

/// <summary>What verify asks GitHub for the whole trail at once: PRs by number, commits' PRs, and CI per staging sha.</summary>
internal sealed record ClaimQuestions(IReadOnlyList<int> PullRequests, IReadOnlyList<string> Commits, IReadOnlyDictionary<string, IReadOnlyList<string>> Ci);

/// <summary>GitHub's answers: the PRs (with approvals of their merged heads) and commits' merged PRs, and CI per sha asked.</summary>
internal sealed record ClaimAnswers(PullRequestLookup PullRequests, IReadOnlyDictionary<string, CiVerdict> Ci);

/// <summary>How far GitHub bore out the records' claims. <see cref="NotChecked"/>: why it could not be asked; null when it was.</summary>
internal sealed record ClaimsVerdict(string? NotChecked, int Records, int PullRequests, int Commits, int CiChecked, IReadOnlyList<TrailProblem> Problems)
{
    public static ClaimsVerdict NotCheckedBecause(string why) => new(why, 0, 0, 0, 0, []);
}

/// <summary>
/// A record's claims against GitHub's own data, not only against itself: every PR it lists is a PR GitHub merged as the
/// record's merge commit (not a number reused on another change), every approver it names approved the merged head on
/// GitHub, every commit it places in a PR GitHub (or git's merge of it) places in that PR, every commit of its range GitHub
/// knows no PR for is among its unspecced changes, and CI it calls green is green on GitHub by the required checks of the
/// policy that governed the release (<see cref="GoverningPolicy"/>), which the record must state.
/// Pure: <c>WitnessReader</c> asks GitHub, in batches for the whole trail.
/// </summary>
internal static class RecordClaims
{
    public static IReadOnlyList<ReleaseClaims> Read(TrailFacts facts)
    {
        var graph = new CommitGraph(facts.MainSinceFirstRelease);
        var bySha = facts.MainSinceFirstRelease.GroupBy(c => c.Sha, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var claims = new List<ReleaseClaims>();
        (string Id, string ToSha)? previous = null;
        var reviews = new List<ReviewRecord>();
        foreach (var link in facts.Links)
        {
            if (!link.IsRelease)
            {
                if (link.Id.StartsWith("review-", StringComparison.Ordinal) && GoverningPolicy.Review(link.Bytes) is { } review) reviews.Add(review);
                continue;
            }
            ReleaseRecord? record;
            try
            {
                record = RecordFiles.FromJsonBytes(link.Bytes);
            }
            catch (JsonException)
            {
                continue; // broken already by the schema check
            }
            if (record is null) continue;
            var commits = graph.Range(record.FromSha, record.ToSha).Select(sha => bySha[sha]).ToList();
            var merges = ReleasePlanner.FindMerges(commits);
            var tied = merges.SelectMany(m => m.Members).Select(c => c.Sha).ToHashSet(StringComparer.Ordinal);
            var policyAt = GoverningPolicy.At(record, previous, reviews, graph, bySha, facts.UnprovenReviewsAllowed);
            var tiedTo = merges.SelectMany(m => m.Members.Select(c => (c.Sha, m.Number))).GroupBy(t => t.Sha, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => (IReadOnlySet<int>)g.Select(t => t.Number).ToHashSet(), StringComparer.OrdinalIgnoreCase);
            var untied = commits.Where(c => !c.IsMerge && !tied.Contains(c.Sha)).ToList();
            claims.Add(new ReleaseClaims(link.Id, record, untied, [.. merges.Select(m => m.Number)], policyAt)
            {
                TiedInGit = tiedTo,
            });
            previous = (link.Id, record.ToSha);
            reviews.Clear();
        }
        return claims;
    }

    /// <summary>Everything to ask once for all records; the client batches it (100 per GraphQL query).</summary>
    public static ClaimQuestions Questions(IReadOnlyList<ReleaseClaims> claims)
    {
        var numbers = claims.SelectMany(c => c.Record.PullRequests.Select(p => p.Number).Concat(c.MergedInGit)).Distinct().Order().ToList();
        var commits = claims.SelectMany(c => c.Untied.Select(u => u.Sha)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var ci = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var claim in claims.Where(c => ClaimsGreen(c.Record)))
            ci.TryAdd(claim.Record.CiStatus.StagingSha, claim.Governing?.RequiredChecks ?? claim.Record.Policy?.RequiredChecks ?? []);
        return new ClaimQuestions(numbers, commits, ci);
    }

    public static ClaimsVerdict Judge(IReadOnlyList<ReleaseClaims> claims, ClaimQuestions asked, ClaimAnswers answers)
    {
        var problems = new List<TrailProblem>();
        foreach (var claim in claims)
        {
            if (claim.Governing is { } governing && GoverningPolicy.Mismatch(claim.Id, claim.Record, governing) is { } mismatch)
                problems.Add(new(TrailCheck.Claims, claim.Id, mismatch));
            JudgePullRequests(claim, answers.PullRequests, problems);
            JudgeCommits(claim, answers.PullRequests, problems);
            if (ClaimsGreen(claim.Record) && answers.Ci.TryGetValue(claim.Record.CiStatus.StagingSha, out var ci) && !ci.Passed)
                problems.Add(new(TrailCheck.Claims, claim.Id, $"{claim.Id} says CI passed on {Sha.Short(claim.Record.CiStatus.StagingSha)}, but GitHub says it " +
                    $"did not: {SafeText.OneLine(string.Join("; ", ci.Problems))}."));
        }
        return new ClaimsVerdict(null, claims.Count, asked.PullRequests.Count, asked.Commits.Count, asked.Ci.Count, problems);
    }

    private static void JudgePullRequests(ReleaseClaims claim, PullRequestLookup github, List<TrailProblem> problems)
    {
        foreach (var pr in claim.Record.PullRequests)
        {
            if (!github.ByNumber.TryGetValue(pr.Number, out var details))
            {
                problems.Add(new(TrailCheck.Claims, claim.Id, $"{claim.Id} lists PR #{pr.Number}, which GitHub does not know."));
                continue;
            }
            if (MergeContradiction(claim.Id, pr, details) is { } contradiction)
            {
                problems.Add(new(TrailCheck.Claims, claim.Id, contradiction));
                continue;
            }
            var forged = pr.Approvers.Where(a => !details.Approvers.Contains(a, StringComparer.OrdinalIgnoreCase)).ToList();
            foreach (var approver in forged)
                problems.Add(new(TrailCheck.Claims, claim.Id, $"{claim.Id} says {SafeText.OneLine(approver)} approved PR #{pr.Number}, but GitHub has " +
                    $"no approval by {SafeText.OneLine(approver)} of its merged head {Sha.Short(details.HeadSha, "(unknown)")}."));
            if (forged.Count == 0 && pr.IndependentlyApproved == true && !details.IndependentlyApproved)
                problems.Add(new(TrailCheck.Claims, claim.Id, $"{claim.Id} says PR #{pr.Number} was independently approved, but GitHub has no approval " +
                    "of its merged head by anyone but its author."));
        }
    }

    /// <summary>
    /// A PR number is only the record's when GitHub merged that PR as the record's commit: a "Title (#N)" or "Merge pull request #N"
    /// written onto another change reuses a real PR's number, approvals and all. GitHub's merge commit is the merge, the squash or
    /// the last rebased commit, as the record's is; when GitHub names none for a merged PR, it says nothing to contradict.
    /// </summary>
    private static string? MergeContradiction(string id, RecordPullRequest pr, PullRequestDetails github)
    {
        if (github.MergedAt is null)
            return $"{id} says commit {Sha.Short(pr.MergeCommitSha)} merged PR #{pr.Number}, but GitHub says PR #{pr.Number} was never merged.";
        if (github.MergeCommitSha is { } merged && !string.Equals(merged, pr.MergeCommitSha, StringComparison.OrdinalIgnoreCase))
            return $"{id} says commit {Sha.Short(pr.MergeCommitSha)} merged PR #{pr.Number}, but GitHub merged PR #{pr.Number} as commit " +
                $"{Sha.Short(merged)}: {Sha.Short(pr.MergeCommitSha)} only reuses its number.";
        return null;
    }

    private static void JudgeCommits(ReleaseClaims claim, PullRequestLookup github, List<TrailProblem> problems)
    {
        var inPullRequest = claim.Record.Commits.Where(c => c.PullRequest is not null)
            .GroupBy(c => c.Sha, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().PullRequest!.Value, StringComparer.OrdinalIgnoreCase);
        var listed = claim.Record.UnspeccedChanges.Where(u => u.Kind == UnspeccedKind.Commit)
            .Select(u => u.Reference).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // A commit git ties to PRs by their merges, which GitHub bore out above, is not another PR's.
        foreach (var (sha, number) in inPullRequest)
            if (claim.TiedInGit.TryGetValue(sha, out var numbers) && !numbers.Contains(number))
                problems.Add(new(TrailCheck.Claims, claim.Id, $"{claim.Id} calls commit {Sha.Short(sha)} part of PR #{number}, " +
                    $"but it came in with PR #{string.Join(", #", numbers.Order())}."));
        foreach (var commit in claim.Untied)
        {
            if (github.MergedPullRequestByCommit.TryGetValue(commit.Sha, out var merged))
            {
                if (inPullRequest.TryGetValue(commit.Sha, out var claimed) && claimed != merged)
                    problems.Add(new(TrailCheck.Claims, claim.Id, $"{claim.Id} calls commit {commit.ShortSha} part of PR #{claimed}, " +
                        $"but GitHub places it in PR #{merged}."));
                continue;
            }
            if (inPullRequest.TryGetValue(commit.Sha, out var number))
                problems.Add(new(TrailCheck.Claims, claim.Id, $"{claim.Id} calls commit {commit.ShortSha} part of PR #{number}, " +
                    "but GitHub knows no pull request for it."));
            else if (!listed.Contains(commit.Sha))
                problems.Add(new(TrailCheck.Claims, claim.Id, $"{claim.Id} hides an unspecced change: commit {commit.ShortSha} " +
                    $"\"{SafeText.OneLine(commit.Subject)}\" is in no pull request GitHub knows, and the record does not list it among its unspecced changes."));
        }
    }

    /// <summary>Only a claim of green CI can be contradicted: a record that says failing, pending or unverified claims nothing to check.</summary>
    private static bool ClaimsGreen(ReleaseRecord record) => record.CiStatus.State == CiState.Success;
}
