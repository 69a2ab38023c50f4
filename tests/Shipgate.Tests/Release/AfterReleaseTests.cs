using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Release;
using Shipgate.Release.Phases;
using Shipgate.Tests.Audit;
using Shipgate.Tests.GitHub;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Release;

/// <summary>The phases after the push (deployment check, post-release) with a code host and tracker answered from memory.</summary>
public sealed class AfterReleaseTests
{
    private static readonly RecordTicket[] Tickets =
    [
        new("BOL-1", "A", null, "Done", "completed", TicketCheck.Verified),
        new("BOL-2", "B", null, "Done", "completed", TicketCheck.Verified),
        new("BOL-9", null, null, null, null, TicketCheck.NotFound),
        new("ENG-5", "C", null, "Done", "completed", TicketCheck.Verified),
    ];

    private static Released Made() =>
        new(ReportRecords.Released("release-2026-02-04-153045", ReportRecords.At("2026-02-04T15:30:45"), tickets: Tickets), new string('e', 40));

    private static WorkflowRun Run(string status) => new(1, "deploy", status, status == "completed" ? "success" : null, "https://github.com/acme/shop/actions/runs/1");

    [Fact]
    public async Task The_deployment_run_is_looked_for_until_it_appears_and_followed_with_wait()
    {
        using var s = new ReleaseScenario();
        var host = new FakeCodeHost();
        host.RunAnswers.AddRange([[], [], [Run("in_progress")], [Run("completed")]]);
        var run = new PhaseRun(s, new ReleaseOptions(WaitForDeployment: true), host, clock: new FastClock(1000));

        var seen = await DeploymentCheck.RunAsync(run.Context, Made(), CancellationToken.None);

        Assert.Equal("completed", Assert.Single(seen.Runs).Status);
        Assert.Null(seen.Note);
        Assert.Equal(4, host.RunQueries);
        Assert.Contains("Deployment triggered.", run.Output);
    }

    [Fact]
    public async Task No_run_within_the_bound_is_a_warning_not_a_failure()
    {
        using var s = new ReleaseScenario();
        var host = new FakeCodeHost();
        var run = new PhaseRun(s, new ReleaseOptions(), host, clock: new FastClock(1000));

        var seen = await DeploymentCheck.RunAsync(run.Context, Made(), CancellationToken.None);

        Assert.Empty(seen.Runs);
        Assert.StartsWith($"WARNING: no GitHub Actions run started for bbbbbbb on main within {DeploymentCheck.AppearWithin.TotalSeconds:0} s", seen.Note);
        Assert.True(host.RunQueries > 1);
    }

    [Fact]
    public async Task Each_verified_ticket_is_commented_once_per_release_however_often_it_runs()
    {
        using var s = new ReleaseScenario();
        var tracker = new FakeTracker();
        var run = new PhaseRun(s, new ReleaseOptions(), tracker: tracker);
        var deployment = new DeploymentSeen([Run("completed")], null);

        var first = await PostRelease.RunAsync(run.Context, Made(), deployment, CancellationToken.None);
        var again = await PostRelease.RunAsync(run.Context, Made(), deployment, CancellationToken.None);

        Assert.Equal(["BOL-1", "BOL-2", "ENG-5"], first.Commented);
        Assert.Equal(first.Commented, again.Commented);
        Assert.Equal(["BOL-1", "BOL-2", "ENG-5"], tracker.Comments.Values.Select(c => c.Ticket).Order());
        Assert.All(tracker.Comments, c =>
        {
            Assert.Equal(PostRelease.CommentKey("release-2026-02-04-153045", c.Value.Ticket), c.Key);
            Assert.Contains("Deploy: https://github.com/acme/shop/actions/runs/1", c.Value.Body);
        });
        Assert.Contains("RELEASE COMPLETE", run.Output);
    }

    [Fact]
    public async Task A_refused_comment_is_reported_and_a_tracker_that_is_down_is_not_asked_again()
    {
        using var s = new ReleaseScenario();
        var refusing = new FakeTracker();
        refusing.Refusing.Add("BOL-2");
        var down = new FakeTracker { Down = true };
        var deployment = new DeploymentSeen([], "no run");

        var partly = await PostRelease.RunAsync(new PhaseRun(s, new ReleaseOptions(), tracker: refusing).Context, Made(), deployment, CancellationToken.None);
        var none = await PostRelease.RunAsync(new PhaseRun(s, new ReleaseOptions(), tracker: down).Context, Made(), deployment, CancellationToken.None);

        Assert.Equal(["BOL-1", "ENG-5"], partly.Commented);
        Assert.Equal(["BOL-2"], partly.NotCommented);
        Assert.Equal(["BOL-1", "BOL-2", "ENG-5"], none.NotCommented);
        Assert.Equal(1, down.Attempts);
    }
}
