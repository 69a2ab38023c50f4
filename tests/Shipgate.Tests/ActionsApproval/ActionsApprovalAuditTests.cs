namespace Shipgate.Tests.ActionsApproval;

/// <summary>A release approved in a GitHub Environment, as audit verify and audit report see it.</summary>
[Trait("Category", "Integration")]
public sealed class ActionsApprovalAuditTests
{
    [Fact]
    public async Task Verify_accepts_the_approved_release_and_the_report_shows_who_approved_it_where()
    {
        await using var r = await ActionsRelease.StartAsync();
        var (_, digest, word) = await r.PlanAsync();
        r.Approvals(ActionsRelease.Approved(ActionsRelease.Reviewer, word));
        var released = await r.ReleaseAsync(digest);
        Assert.True(released.Code == ExitCode.Success, released.Output);

        var verify = await r.Scenario.Runner.RunAsync(["audit", "verify"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output);

        var report = Path.Combine(r.Scenario.Folder, "q.md");
        var today = DateTime.UtcNow;
        var written = await r.Scenario.Runner.RunAsync(["audit", "report", "--since", today.AddDays(-2).ToString("yyyy-MM-dd"),
            "--until", today.AddDays(2).ToString("yyyy-MM-dd"), "--format", "md", "--out", report]);
        Assert.True(written.Code == ExitCode.Success, written.Output);
        var markdown = File.ReadAllText(report);
        Assert.True(markdown.Contains(@"- **Approved by**: @bob in GitHub environment production \(run 5555, started by @alice\)", StringComparison.Ordinal),
            markdown);
        // How it was confirmed names the approver who typed the word, not the releaser.
        Assert.Matches(@"- \*\*Confirmed\*\*: @bob approved in GitHub environment production with the word [A-Z]+ in the approval comment; " +
            @"the run was started by @alice", markdown);
    }
}
