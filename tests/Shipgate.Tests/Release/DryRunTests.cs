using System.Text.RegularExpressions;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Release;

/// <summary>A dry run always shows the whole summary, and ends saying whether a release now would be blocked, by what, and how to run one.</summary>
[Trait("Category", "Integration")]
public sealed class DryRunTests
{
    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");

    [Fact]
    public async Task Without_GitHub_a_dry_run_shows_everything_and_ends_BLOCKED_with_the_flag_a_release_needs()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);

        var result = await s.Runner.RunAsync(["release", "--dry-run"]);

        Assert.Equal(ExitCode.Blocked, result.Code);
        var output = Flat(result.Output);
        Assert.Contains("PRODUCTION RELEASE SUMMARY", output);
        Assert.Contains("PULL REQUESTS INCLUDED", output);
        Assert.Contains("[ ] CI passing on staging - not verified: the remote URL names no GitHub repository", output);
        Assert.Contains("A release now would be BLOCKED: CI on staging cannot be verified (the remote URL names no GitHub repository", output);
        Assert.EndsWith("To release anyway (the reason is recorded), run: shipgate release --allow-unverified-ci \"<reason>\"", output.Trim());
        Assert.DoesNotMatch(@"(?i)\breleased\b", result.Output);
        Assert.DoesNotContain("To execute this release", output);
    }

    [Fact]
    public async Task With_the_flag_the_closing_hint_repeats_it_and_nothing_says_released()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);

        var result = await s.Runner.RunAsync(["release", "--dry-run", "--allow-unverified-ci", "no token on this laptop"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var output = Flat(result.Output);
        Assert.Contains("not verified: the remote URL names no GitHub repository", output);
        Assert.Contains("--allow-unverified-ci given: no token on this laptop", output);
        Assert.EndsWith("To execute this release, run: shipgate release --allow-unverified-ci \"no token on this laptop\"", output.Trim());
        Assert.DoesNotMatch(@"(?i)\breleased\b", result.Output);
    }

    [Fact]
    public async Task Without_a_tracker_or_GitHub_the_ticket_and_review_boxes_stay_unticked_with_the_reason()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);

        var result = await s.Runner.RunAsync(["release", "--dry-run"]);

        var output = Flat(result.Output);
        Assert.Contains("[ ] All tickets linked and verified - not verified (no ticket tracker): ", output);
        Assert.Contains("PR without a ticket: #12", output);
        Assert.Contains("[ ] Every PR approved by someone other than its author - not verified: reviews cannot be read without GitHub", output);
        Assert.DoesNotContain("[x] All tickets linked", output);
    }

    [Fact]
    public async Task With_no_tickets_at_all_and_no_tracker_the_ticket_box_is_not_ticked()
    {
        using var s = new ReleaseScenario(git =>
        {
            Scenarios.Configure(git);
            git.SquashPullRequest(3, "Tidy the readme", new() { ["docs/readme.md"] = "tidy\n" });
        });

        var result = await s.ReleaseAsync(null, "--dry-run");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var output = Flat(result.Output);
        Assert.Contains(
            "[ ] All tickets linked and verified - not verified: no ticket tracker was asked " +
            "(set LINEAR_API_KEY for Linear, or JIRA_EMAIL and JIRA_API_TOKEN for Jira); PR without a ticket: #3", output);
    }
}
