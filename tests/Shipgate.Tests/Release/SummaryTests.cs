using Shipgate.Git;
using Shipgate.Release;
using Shipgate.Release.Phases;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Release;

/// <summary>Phase 3: the summary words the gaps the plan holds, each box ticked or unticked with its reason.</summary>
[Trait("Category", "Integration")]
public sealed class SummaryTests
{
    [Fact]
    public void Every_gap_shows_as_an_unticked_box_with_its_reason_and_the_policy_source_is_named()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var run = new PhaseRun(s, new ReleaseOptions(DryRun: true));
        var pr = new ReleasedPullRequest(7, "Checkout <b>v2</b>", null, "dev", null, null, null, MergeKind.Squash, new string('a', 40), [], [], ["web/a.ts"],
            null, null, []);
        var plan = new ReleasePlan(new string('f', 40), new string('t', 40), [], 0, new DiffStat(1, 2, 3, ["web/a.ts"]), [pr], [], [], []);
        var gaps = Gaps.Find(plan, CiResult.Unverified("t", "no GitHub in this test"), []);

        Summary.Show(run.Context, new Gathered(plan, gaps, [], null, null));

        Assert.Contains("PRODUCTION RELEASE SUMMARY", run.Output);
        Assert.Contains("Policy: origin/main:.shipgate.yml (blob", run.Output);
        Assert.Contains("[ ] CI passing on staging - not verified: no GitHub in this test", run.Output);
        Assert.Contains("[ ] All PRs have compliance archives - no archive for #7", run.Output);
        // No tracker was asked and PR #7 names no ticket: the box is not ticked on the absence of evidence.
        Assert.Contains("[ ] All tickets linked and verified - not verified: no ticket tracker was asked " +
            "(set LINEAR_API_KEY for Linear, or JIRA_EMAIL and JIRA_API_TOKEN for Jira); PR without a ticket: #7",
            System.Text.RegularExpressions.Regex.Replace(run.Output, @"\s+", " "));
        Assert.Contains("[x] Release policy unchanged", run.Output);
        Assert.Contains("Checkout <b>v2</b>", run.Output);
    }

    [Fact]
    public async Task An_author_known_only_to_git_is_shown_by_name_never_with_an_at()
    {
        // No GitHub: every PR author is the git author's name, which is no GitHub login.
        using var s = new ReleaseScenario(Scenarios.Rich);

        var result = await s.Runner.RunAsync(["release", "--dry-run", "--allow-unverified-ci", "no GitHub here"]);

        Assert.Contains("Dana Developer", result.Output);
        Assert.DoesNotContain("@Dana", result.Output);
    }

    [Fact]
    public void A_login_GitHub_gave_is_shown_with_an_at_and_a_git_name_without()
    {
        var pr = new ReleasedPullRequest(7, "t", null, "dana", null, null, null, MergeKind.Squash, new string('a', 40), [], [], [], null, null, []);

        Assert.Equal(("@dana", "dana"), ((pr with { AuthorIsLogin = true }).AuthorShown, pr.AuthorShown));
    }
}
