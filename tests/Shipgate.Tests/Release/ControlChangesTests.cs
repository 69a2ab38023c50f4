using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Release;

namespace Shipgate.Tests.Release;

/// <summary>
/// Issue 21, items 7 and 8, as pure rules: an approval counts only on the PR's merged head, and files that steer CI, review
/// and the gate are control changes, each judged by its PR's review.
/// </summary>
public sealed class ControlChangesTests
{
    private const string First = "1111111111111111111111111111111111111111";
    private const string Head = "2222222222222222222222222222222222222222";
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static PullRequestDetails Details(int number, string author, params Review[] reviews) =>
        new(number, $"BOL-{number}: change", $"https://github.com/acme/svc/pull/{number}", author, At, "lead", "", $"dev/bol-{number}", reviews)
        {
            HeadSha = Head,
        };

    private static Review Approval(string by, string? commit) => new(by, ReviewState.Approved, At, commit);

    private static int _n;
    private static Commit C(string subject, string[] parents, params string[] files) =>
        new($"{++_n:x40}".Replace(' ', '0'), parents, "Mallory", "mallory@example.com", At, At.AddMinutes(_n), subject, "", files);

    private static ReleasePlan Plan(IReadOnlyList<Commit> commits, PullRequestLookup lookup, params string[] controlPaths) =>
        ReleasePlanner.Build(new ReleasePlanner.Inputs("base", commits[0].Sha, commits, new DiffStat(0, 0, 0, []), [],
            new TicketMatcher(["BOL"]), new AreaMap([]), lookup, null, "https://github.com/acme/svc", Controls: new ControlPaths(controlPaths)));

    private static PullRequestLookup Lookup(params PullRequestDetails[] prs) => new(prs.ToDictionary(p => p.Number), new Dictionary<string, int>());

    [Fact]
    public void An_approval_counts_only_on_the_head_that_was_merged()
    {
        var stale = Details(1, "dana", Approval("sam", First), Approval("dana", Head));

        Assert.False(stale.IndependentlyApproved);
        Assert.Equal(["sam"], stale.ApprovedBeforeLaterCommits);
        Assert.Equal(["dana"], stale.Approvers);

        var again = stale with { Reviews = [.. stale.Reviews, Approval("SAM", Head)] };
        Assert.True(again.IndependentlyApproved);
        Assert.Empty(again.ApprovedBeforeLaterCommits);
    }

    [Fact]
    public void Without_a_known_head_or_a_reviews_commit_no_approval_counts()
    {
        Assert.False((Details(1, "dana", Approval("sam", Head)) with { HeadSha = null }).IndependentlyApproved);
        Assert.False(Details(1, "dana", Approval("sam", null)).IndependentlyApproved);
    }

    [Theory]
    [InlineData(".github/workflows/ci.yml", true)]
    [InlineData(".github/workflows/deploy/prod.yaml", true)]
    [InlineData(".github/actions/setup/action.yml", true)]
    [InlineData("CODEOWNERS", true)]
    [InlineData(".github/CODEOWNERS", true)]
    [InlineData("docs/CODEOWNERS", true)]
    [InlineData(".shipgate.yml", true)]
    [InlineData("src/CODEOWNERS", false)]
    [InlineData(".github/dependabot.yml", false)]
    [InlineData("web/.shipgate.yml", false)]
    [InlineData("deploy/run.sh", false)]
    public void The_built_in_control_files_are_the_ones_that_steer_CI_review_and_the_gate(string path, bool control) =>
        Assert.Equal(control, ControlPaths.BuiltIn.Matches(path));

    [Fact]
    public void The_policy_adds_control_files_and_cannot_take_the_built_in_ones_away()
    {
        var paths = new ControlPaths(["deploy/**", "Makefile"]);

        Assert.True(paths.Matches("deploy/run.sh"));
        Assert.True(paths.Matches("Makefile"));
        Assert.True(paths.Matches(".github/workflows/ci.yml"));
        Assert.False(paths.Matches("web/Makefile"));
    }

    [Fact]
    public void Each_control_file_is_listed_with_its_PR_author_approvers_and_review_in_the_plans_order()
    {
        var squash = C("BOL-66: Faster CI (#66)", ["base"], ".github/workflows/ci.yml", "CODEOWNERS", "web/a.ts");
        var reviewed = C("BOL-67: Deploy script (#67)", [squash.Sha], "deploy/run.sh");
        var stale = C("BOL-68: Owners (#68)", [reviewed.Sha], "docs/CODEOWNERS");
        var loose = C("tweak the setup action", [stale.Sha], ".github/actions/setup/action.yml", "docs/notes.md");
        var lookup = Lookup(
            Details(66, "mallory", Approval("mallory", Head)),
            Details(67, "dana", Approval("sam", Head)),
            Details(68, "dana", Approval("sam", First)));

        var plan = Plan([loose, stale, reviewed, squash], lookup, "deploy/**");

        Assert.Equal(
            [
                ("docs/CODEOWNERS", (int?)68, (string?)null, "dana", "", ControlReview.ApprovedBeforeLaterCommits),
                ("deploy/run.sh", 67, null, "dana", "sam", ControlReview.Independent),
                (".github/workflows/ci.yml", 66, null, "mallory", "mallory", ControlReview.NoIndependentApproval),
                ("CODEOWNERS", 66, null, "mallory", "mallory", ControlReview.NoIndependentApproval),
                (".github/actions/setup/action.yml", null, loose.Sha, "Mallory", "", ControlReview.InNoPullRequest),
            ],
            plan.ControlChanges.Select(c => (c.Path, c.PullRequest, c.Commit, c.Author, string.Join(",", c.Approvers), c.Review)).ToList());
    }

    [Fact]
    public void Without_the_code_host_no_control_change_counts_as_reviewed()
    {
        var squash = C("BOL-66: Faster CI (#66)", ["base"], ".github/workflows/ci.yml");

        var plan = ReleasePlanner.Build(new ReleasePlanner.Inputs("base", squash.Sha, [squash], new DiffStat(0, 0, 0, []), [],
            new TicketMatcher(["BOL"]), new AreaMap([]), ReleasePlanner.NoLookup, null, null, CodeHostAsked: false));

        Assert.Equal(ControlReview.ReviewsNotRead, Assert.Single(plan.ControlChanges).Review);
    }

    [Fact]
    public void Gaps_word_control_changes_and_stale_approvals_in_the_checklist_and_the_warnings()
    {
        var squash = C("BOL-66: Faster CI (#66)", ["base"], ".github/workflows/ci.yml", "CODEOWNERS");
        var stale = C("BOL-68: Web (#68)", [squash.Sha], "web/a.ts");
        var loose = C("tweak the setup action", [stale.Sha], ".github/actions/setup/action.yml");
        var lookup = Lookup(Details(66, "mallory", Approval("mallory", Head)), Details(68, "dana", Approval("sam", First), Approval("lee", First)));
        var plan = Plan([loose, stale, squash], lookup);

        var gaps = Gaps.Find(plan, new CiResult("t", CiState.Success, [], null), []);
        var boxes = Gaps.Checklist(gaps, plan.ReviewsKnown, controlsJudged: true).ToDictionary(b => b.Label);

        Assert.Equal((false, "not independently approved: #66; approved before later commits: #68"),
            (boxes["Every PR approved by someone other than its author"].Passed, boxes["Every PR approved by someone other than its author"].Reason));
        Assert.Equal((false, $"not independently reviewed: #66 (no approval by anyone other than its author), {loose.Sha[..7]} (in no pull request)"),
            (boxes["Control changes independently reviewed"].Passed, boxes["Control changes independently reviewed"].Reason));
        var warnings = Gaps.Warnings(gaps, "staging");
        Assert.Contains("PR #68 was approved before later commits (by sam, lee); no approval of its final head by anyone other than its author.", warnings);
        Assert.Contains("PR #66 changes files that steer CI, review or the release gate and was not independently reviewed: " +
            "no approval by anyone other than its author.", warnings);
        Assert.Contains($"Commit {loose.Sha[..7]} changes files that steer CI, review or the release gate and was not independently reviewed: " +
            "in no pull request.", warnings);
    }

    [Fact]
    public void A_release_without_control_changes_ticks_the_box_and_older_callers_see_no_box()
    {
        var squash = C("BOL-1: Web (#1)", ["base"], "web/a.ts");
        var plan = Plan([squash], Lookup(Details(1, "dana", Approval("sam", Head))));

        var gaps = Gaps.Find(plan, new CiResult("t", CiState.Success, [], null), []);

        Assert.Empty(plan.ControlChanges);
        var box = Assert.Single(Gaps.Checklist(gaps, plan.ReviewsKnown, controlsJudged: true), b => b.Label == "Control changes independently reviewed");
        Assert.True(box.Passed);
        Assert.Null(box.Reason);
        Assert.DoesNotContain(Gaps.Checklist(gaps, plan.ReviewsKnown), b => b.Label == "Control changes independently reviewed");
    }
}
