using System.Text.RegularExpressions;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Release;

/// <summary>An emergency release looks like one: a banner before the word, and the review deadline after the release.</summary>
[Trait("Category", "Integration")]
public sealed class EmergencyScreenTests
{
    [Fact]
    public async Task An_emergency_release_shows_a_banner_before_the_word_and_the_review_deadline_after()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);

        var result = await s.Runner.RunAsync(["release", "--emergency", "checkout is down"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var output = Regex.Replace(result.Output, @"\s+", " ");
        var banner = output.IndexOf("EMERGENCY RELEASE: checkout is down It must be reviewed by someone else with shipgate audit review within 48 hours",
            StringComparison.Ordinal);
        var word = output.IndexOf("To confirm, type the word", StringComparison.Ordinal);
        var complete = output.IndexOf("RELEASE COMPLETE", StringComparison.Ordinal);
        Assert.True(banner >= 0 && banner < word, output);
        var deadline = Regex.Match(output,
            @"EMERGENCY RELEASE (release-\S+): checkout is down Review due by (\d{4}-\d\d-\d\d \d\d:\d\d) UTC \(within 48 hours\)");
        Assert.True(deadline.Success && deadline.Index > complete, output);
        Assert.Contains($"shipgate audit review {deadline.Groups[1].Value} --note", output);
    }

    [Fact]
    public async Task A_normal_release_shows_no_emergency_banner()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);

        var result = await s.ReleaseAsync();

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.DoesNotContain("EMERGENCY", result.Output);
    }
}
