using Shipgate.Audit;
using Shipgate.Git;
using Shipgate.Record;

namespace Shipgate.Tests.Audit;

/// <summary>Which policy governed each release, from the trail alone: no git, no HTTP.</summary>
public sealed class GoverningPolicyTests
{
    private static readonly DateTimeOffset At = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Sha(int n) => n.ToString("x40", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>main 1 → 2 → 3 → 4 → 5, each a child of the one before, by dana.</summary>
    private static (CommitGraph Graph, Dictionary<string, Commit> BySha) Mainline()
    {
        var commits = Enumerable.Range(1, 5).Reverse()
            .Select(n => new Commit(Sha(n), n == 1 ? [] : [Sha(n - 1)], "Dana", "dana@example.com", At, At, $"c{n}", "", [])).ToList();
        return (new CommitGraph(commits), commits.ToDictionary(c => c.Sha));
    }

    private static ReleaseRecord Release(int from, int to) =>
        ReportRecords.Released("release-2026-02-02-000000", At) with { FromSha = Sha(from), ToSha = Sha(to) };

    private static ReviewRecord Acknowledges(int commit) =>
        ReportRecords.Review("review-2026-02-01-120000", "release-2026-02-01-000000", At, "Carol CTO", "ok") with
        {
            Kind = ReviewKind.DirectPushReview,
            ReviewsRelease = null,
            DirectPushes = [new RecordDirectPush(Sha(commit), $"c{commit}", "Dana", "dana@example.com")],
            // Proven by the reviewer's own token: a review that proves nothing counts only where the policy allows it.
            ReviewedByLogin = "carol",
            ReviewerProof = new ReviewerProof { Method = ProofMethod.GitHubToken, Login = "carol" },
        };

    [Fact]
    public void The_first_release_is_governed_by_production_s_file_else_staging_s_and_the_next_by_where_the_last_ended()
    {
        var (graph, bySha) = Mainline();

        Assert.Equal(new PolicyCommit(Sha(1), Sha(3)), GoverningPolicy.At(Release(1, 3), null, [], graph, bySha));
        Assert.Equal(new PolicyCommit(Sha(3), null), GoverningPolicy.At(Release(3, 5), ("release-2026-02-01-000000", Sha(3)), [], graph, bySha));
    }

    [Fact]
    public void A_release_over_a_direct_push_no_review_acknowledges_is_governed_by_the_last_accounted_commit_not_its_from_sha()
    {
        var (graph, bySha) = Mainline();
        var previous = ("release-2026-02-01-000000", Sha(3));

        Assert.Equal(Sha(3), GoverningPolicy.At(Release(4, 5), previous, [], graph, bySha).Commit);
        Assert.Equal(Sha(4), GoverningPolicy.At(Release(4, 5), previous, [Acknowledges(4)], graph, bySha).Commit);
    }

    [Fact]
    public void A_review_that_proves_nothing_acknowledges_a_direct_push_only_where_the_policy_allows_it()
    {
        var (graph, bySha) = Mainline();
        var previous = ("release-2026-02-01-000000", Sha(3));
        var unproven = Acknowledges(4) with { ReviewedByLogin = null, ReviewerProof = null };

        Assert.Equal(Sha(3), GoverningPolicy.At(Release(4, 5), previous, [unproven], graph, bySha).Commit);
        Assert.Equal(Sha(4), GoverningPolicy.At(Release(4, 5), previous, [unproven], graph, bySha, unprovenAllowed: true).Commit);
    }

    [Fact]
    public void Required_checks_come_from_the_file_and_a_file_git_cannot_give_is_not_known_never_none()
    {
        var at = new PolicyCommit(Sha(1), Sha(3));
        var file = new PolicyFileAt("github:\n  required_checks: [build, security]\n", InTree: true);

        Assert.Equal(["build", "security"], GoverningPolicy.Checks(at, file, null).RequiredChecks);
        var staging = GoverningPolicy.Checks(at, new PolicyFileAt(null, InTree: false), file);
        Assert.Equal(Sha(3), staging.Commit);
        Assert.Equal(["build", "security"], staging.RequiredChecks);
        Assert.Empty(GoverningPolicy.Checks(at, new PolicyFileAt(null, InTree: false), new PolicyFileAt(null, InTree: false)).RequiredChecks!);
        Assert.Null(GoverningPolicy.Checks(at, new PolicyFileAt(null, InTree: true), null).RequiredChecks);
        Assert.Null(GoverningPolicy.Checks(at, new PolicyFileAt("github: [", InTree: true), null).RequiredChecks);
    }
}
