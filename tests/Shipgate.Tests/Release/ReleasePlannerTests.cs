using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Release;

namespace Shipgate.Tests.Release;

/// <summary>The rules of "what is being shipped", on hand-made histories (newest first, as git log gives them).</summary>
public sealed class ReleasePlannerTests
{
    private static int _n;
    private static Commit C(string subject, string[] parents, string body = "", params string[] files) =>
        new($"{++_n:x40}".Replace(' ', '0'), parents, "Dana", "dana@example.com", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(_n),
            subject, body, files);

    private static ReleasePlan Plan(
        IReadOnlyList<Commit> commits, PullRequestLookup? lookup = null, IReadOnlyDictionary<string, TicketDetails>? tickets = null,
        params string[] archives) =>
        ReleasePlanner.Build(new ReleasePlanner.Inputs("base", commits[0].Sha, commits, new DiffStat(0, 0, 0, []), archives,
            new TicketMatcher(["BOL"]), new AreaMap([]), lookup ?? ReleasePlanner.NoLookup, tickets, "https://github.com/acme/svc"));

    [Fact]
    public void Merge_commits_own_the_commits_they_brought_in()
    {
        var a = C("feature work", ["base"], files: "web/a.ts");
        var b = C("more work", [a.Sha], files: "web/b.ts");
        var direct = C("direct on staging", ["base"], files: "ops/x.sh");
        var merge = C("Merge pull request #7 from acme/dev/bol-3-thing", [direct.Sha, b.Sha], "Thing title");

        var plan = Plan([merge, direct, b, a]);

        var pr = Assert.Single(plan.PullRequests);
        Assert.Equal((7, "Thing title", "dev/bol-3-thing", MergeKind.MergeCommit), (pr.Number, pr.Title, pr.HeadBranch, pr.MergedAs));
        Assert.Equal(new[] { a.Sha, b.Sha }.Order(), pr.Commits.Order());
        Assert.Equal(["BOL-3"], pr.Tickets);
        Assert.Equal("https://github.com/acme/svc/pull/7", pr.Url);
        Assert.Equal(direct.Sha, Assert.Single(plan.Unspecced).Reference);
        Assert.Equal(3, plan.Commits.Count);
        Assert.Equal(1, plan.MergeCommitCount);
    }

    [Fact]
    public void Only_merge_subjects_and_squash_suffixes_name_pull_requests()
    {
        var stray = C("hotfix: revert #99 (see #98)", ["base"], "Merge pull request #97 from x/y");
        var squash = C("BOL-5: Add cache (#42)", [stray.Sha]);
        var notSquash = C("Bump version (#43) again", [squash.Sha]);

        var plan = Plan([notSquash, squash, stray]);

        Assert.Equal([42], plan.PullRequests.Select(p => p.Number));
        Assert.Equal("BOL-5: Add cache", plan.PullRequests[0].Title);
        Assert.Equal(2, plan.Unspecced.Count(u => u.Kind == UnspeccedKind.Commit));
    }

    [Fact]
    public void Rebase_merges_come_from_the_code_host_and_its_details_win()
    {
        var first = C("Part one", ["base"], files: "a.txt");
        var second = C("Part two", [first.Sha], files: "b.txt");
        var lookup = new PullRequestLookup(
            new Dictionary<int, PullRequestDetails>
            {
                [55] = new(55, "Rebased feature", "https://github.com/acme/svc/pull/55", "octo", DateTimeOffset.UnixEpoch, "lead", "Implements BOL-8",
                    "feature/x", [new Review("octo", ReviewState.Approved, null)]),
            },
            new Dictionary<string, int> { [first.Sha] = 55, [second.Sha] = 55 });

        var plan = Plan([second, first], lookup);

        var pr = Assert.Single(plan.PullRequests);
        Assert.Equal((55, MergeKind.Rebase, "Rebased feature", "octo"), (pr.Number, pr.MergedAs, pr.Title, pr.Author));
        Assert.Equal(["BOL-8"], pr.Tickets);
        Assert.False(pr.IndependentlyApproved);
        Assert.Empty(plan.Unspecced);
    }

    [Fact]
    public void A_pull_request_without_a_ticket_is_unspecced_and_tickets_are_verified_against_the_tracker()
    {
        var withTicket = C("BOL-1: Tracked (#1)", ["base"]);
        var without = C("Untracked (#2)", [withTicket.Sha]);
        var ghost = C("Mentions BOL-404 (#3)", [without.Sha]);
        var tickets = new Dictionary<string, TicketDetails>
        {
            ["BOL-1"] = new("BOL-1", "Tracked", "https://linear.app/x/issue/BOL-1", "In Progress", "started"),
        };

        var plan = Plan([ghost, without, withTicket], tickets: tickets);

        Assert.Equal("#2", Assert.Single(plan.Unspecced).Reference);
        var byId = plan.Tickets.ToDictionary(t => t.Id);
        Assert.Equal(TicketCheck.Verified, byId["BOL-1"].Check);
        Assert.False(byId["BOL-1"].IsCompleted);
        Assert.Equal(TicketCheck.NotFound, byId["BOL-404"].Check);

        var checklist = Gaps.Checklist(Gaps.Find(plan, CiResult.Unverified("x", "no GitHub"), []), plan.ReviewsKnown);
        Assert.All(checklist, item => Assert.False(item.Passed));
        var warnings = Gaps.Warnings(Gaps.Find(plan, CiResult.Unverified("x", "no GitHub"), OpenPullRequests(2)), "staging");
        Assert.Contains("Ticket BOL-404 not found in Linear.", warnings);
        Assert.Contains("Ticket BOL-1 is not completed (status: In Progress).", warnings);
        Assert.Contains("2 open PRs targeting staging are not included in this release.", warnings);
        Assert.Contains("PR #1 has no compliance archive.", warnings);
    }

    [Fact]
    public void A_clean_release_ticks_every_box()
    {
        var squash = C("BOL-1: Tracked (#1)", ["base"], files: "a.txt");
        var tickets = new Dictionary<string, TicketDetails> { ["BOL-1"] = new("BOL-1", "Tracked", "u", "Done", "completed") };
        var plan = Plan([squash], tickets: tickets, archives: "compliance/pr-1-x.json");
        var ci = new CiResult("sha", CiState.Success, [new CiCheck("build", "success", true)], null);

        Assert.All(Gaps.Checklist(Gaps.Find(plan, ci, []), plan.ReviewsKnown), item => Assert.True(item.Passed, item.Label));
        Assert.Empty(Gaps.Warnings(Gaps.Find(plan, ci, []), "staging"));
    }

    private static IReadOnlyList<OpenPullRequest> OpenPullRequests(int count) =>
        Enumerable.Range(100, count).Select(n => new OpenPullRequest(n, $"Open {n}", "dev", null)).ToList();
}
