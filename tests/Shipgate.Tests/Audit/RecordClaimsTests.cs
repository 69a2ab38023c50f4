using Shipgate.Audit;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Release;

namespace Shipgate.Tests.Audit;

/// <summary>The claims judge alone: one record, main's history and GitHub's answers built in memory, no git, no HTTP.</summary>
public sealed class RecordClaimsTests
{
    private const string Id = "release-2026-11-02-100000";
    private static readonly DateTimeOffset At = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly string A = new('a', 40), B = new('b', 40), S = new('5', 40), H = new('e', 40);

    /// <summary>main A → S "Add export (#7)" (squashed: git ties it to PR 7) → B "Direct change" (git ties it to nothing).</summary>
    private static TrailFacts Facts(ReleaseRecord record)
    {
        Commit Made(string sha, string parent, string subject) => new(sha, [parent], "Dana", "dana@example.com", At, At, subject, "", []);
        return new TrailFacts("acme/svc", "compliance-archives", "main", new string('1', 40), B, [],
            [new TrailLink(Id, 0, new string('1', 40), RecordFiles.ToJsonBytes(record))],
            [Made(B, S, "Direct change"), Made(S, A, "Add export (#7)")], true, null, []);
    }

    private static PullRequestDetails Seven(params string[] approvers) =>
        new(7, "Add export", "https://github.com/acme/svc/pull/7", "dana", At, "dana", "", "dev/export",
            [.. approvers.Select(a => new Review(a, ReviewState.Approved, At, H))])
        { HeadSha = H };

    private static ClaimsVerdict Judge(ReleaseRecord record, PullRequestLookup github, bool ciGreen = true)
    {
        var claims = RecordClaims.Read(Facts(record));
        var questions = RecordClaims.Questions(claims);
        var ci = new CiVerdict(B, ciGreen ? CiState.Success : CiState.Failure, [], ciGreen ? [] : ["build failed"]);
        return RecordClaims.Judge(claims, questions, new ClaimAnswers(github, new Dictionary<string, CiVerdict> { [B] = ci }));
    }

    private static ReleaseRecord Record(string[] approvers, bool listsDirectChange) =>
        ReportRecords.Released(Id, At,
            pullRequests: [ReportRecords.Pr(7, "Add export", "dana", true, approvers: approvers)],
            unspecced: listsDirectChange ? [new RecordUnspecced(UnspeccedKind.Commit, B, "commit bbbbbbb \"Direct change\" is in no pull request")] : [])
        with
        { FromSha = A, ToSha = B };

    [Fact]
    public void Asks_the_PRs_and_only_the_commits_git_ties_to_no_PR_once_for_the_trail()
    {
        var questions = RecordClaims.Questions(RecordClaims.Read(Facts(Record(["sam"], listsDirectChange: true))));

        Assert.Equal([7], questions.PullRequests);
        Assert.Equal([B], questions.Commits);
        Assert.Equal([B], questions.Ci.Keys);
    }

    [Fact]
    public void A_record_GitHub_bears_out_has_no_problem()
    {
        var verdict = Judge(Record(["sam"], listsDirectChange: true), new PullRequestLookup(new Dictionary<int, PullRequestDetails> { [7] = Seven("sam") }, new Dictionary<string, int>()));

        Assert.Empty(verdict.Problems);
        Assert.Equal((1, 1, 1, 1), (verdict.Records, verdict.PullRequests, verdict.Commits, verdict.CiChecked));
    }

    [Fact]
    public void Each_claim_GitHub_contradicts_is_named_with_the_record()
    {
        var verdict = Judge(Record(["sam"], listsDirectChange: false),
            new PullRequestLookup(new Dictionary<int, PullRequestDetails> { [7] = Seven("lee") }, new Dictionary<string, int>()), ciGreen: false);

        Assert.Equal(
        [
            $"{Id} says sam approved PR #7, but GitHub has no approval by sam of its merged head eeeeeee.",
            $"{Id} hides an unspecced change: commit bbbbbbb \"Direct change\" is in no pull request GitHub knows, and the record does not list it among its unspecced changes.",
            $"{Id} says CI passed on bbbbbbb, but GitHub says it did not: build failed.",
        ], verdict.Problems.Select(p => p.Message));
        Assert.All(verdict.Problems, p => Assert.Equal((TrailCheck.Claims, Id), (p.Check, p.Link)));
    }

    [Fact]
    public void A_PR_GitHub_does_not_know_and_a_commit_GitHub_ties_to_a_PR_are_told_apart()
    {
        var verdict = Judge(Record([], listsDirectChange: false),
            new PullRequestLookup(new Dictionary<int, PullRequestDetails>(), new Dictionary<string, int> { [B] = 9 }));

        Assert.Equal([$"{Id} lists PR #7, which GitHub does not know."], verdict.Problems.Select(p => p.Message));
    }

    [Fact]
    public void A_record_calling_a_PR_independently_approved_that_only_its_author_approved_on_GitHub_is_contradicted()
    {
        var verdict = Judge(Record(["dana"], listsDirectChange: true),
            new PullRequestLookup(new Dictionary<int, PullRequestDetails> { [7] = Seven("dana") }, new Dictionary<string, int>()));

        Assert.Equal([$"{Id} says PR #7 was independently approved, but GitHub has no approval of its merged head by anyone but its author."],
            verdict.Problems.Select(p => p.Message));
    }

    /// <summary>PR 7 as the record states it: squashed as S, git's "Add export (#7)".</summary>
    private static ReleaseRecord SquashedAsS() =>
        Record(["sam"], listsDirectChange: true) with { PullRequests = [ReportRecords.Pr(7, "Add export", "dana", true, approvers: ["sam"]) with { MergeCommitSha = S }] };

    [Fact]
    public void A_PR_number_GitHub_merged_as_another_commit_is_a_reused_number_not_the_record_s_PR()
    {
        var other = new string('9', 40);
        var borneOut = Judge(SquashedAsS(), new PullRequestLookup(new Dictionary<int, PullRequestDetails> { [7] = Seven("sam") with { MergeCommitSha = S } },
            new Dictionary<string, int>()));
        var reused = Judge(SquashedAsS(), new PullRequestLookup(new Dictionary<int, PullRequestDetails> { [7] = Seven("sam") with { MergeCommitSha = other } },
            new Dictionary<string, int>()));
        var neverMerged = Judge(SquashedAsS(), new PullRequestLookup(new Dictionary<int, PullRequestDetails> { [7] = Seven("sam") with { MergedAt = null } },
            new Dictionary<string, int>()));

        Assert.Empty(borneOut.Problems);
        Assert.Equal([$"{Id} says commit 5555555 merged PR #7, but GitHub merged PR #7 as commit 9999999: 5555555 only reuses its number."],
            reused.Problems.Select(p => p.Message));
        Assert.Equal([$"{Id} says commit 5555555 merged PR #7, but GitHub says PR #7 was never merged."], neverMerged.Problems.Select(p => p.Message));
    }

    [Fact]
    public void A_commit_the_record_puts_in_one_PR_that_GitHub_places_in_another_is_contradicted()
    {
        var record = SquashedAsS() with
        {
            UnspeccedChanges = [],
            Commits = [new RecordCommit(B, "Direct change", "Dana", "dana@example.com", At, 7)],
        };

        var verdict = Judge(record, new PullRequestLookup(new Dictionary<int, PullRequestDetails> { [7] = Seven("sam") with { MergeCommitSha = S } },
            new Dictionary<string, int> { [B] = 9 }));

        Assert.Equal([$"{Id} calls commit bbbbbbb part of PR #7, but GitHub places it in PR #9."], verdict.Problems.Select(p => p.Message));
    }

    [Fact]
    public void A_commit_the_record_puts_in_another_PR_than_the_one_it_came_in_with_is_contradicted()
    {
        var record = SquashedAsS() with { Commits = [new RecordCommit(S, "Add export (#7)", "Dana", "dana@example.com", At, 9)] };

        var verdict = Judge(record, new PullRequestLookup(new Dictionary<int, PullRequestDetails> { [7] = Seven("sam") with { MergeCommitSha = S } },
            new Dictionary<string, int>()));

        Assert.Equal([$"{Id} calls commit 5555555 part of PR #9, but it came in with PR #7."], verdict.Problems.Select(p => p.Message));
    }
}
