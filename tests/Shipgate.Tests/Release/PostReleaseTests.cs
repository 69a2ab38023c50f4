using Shipgate.Integrations;
using Shipgate.Release;
using Shipgate.Release.Phases;
using Shipgate.Tests.Support;
using static Shipgate.Tests.Release.MadeRelease;

namespace Shipgate.Tests.Release;

/// <summary>Phase 6: the ticket comments, with a tracker answered from memory.</summary>
[Trait("Category", "Integration")]
public sealed class PostReleaseTests
{
    [Fact]
    public async Task Each_verified_ticket_is_commented_once_per_release_however_often_it_runs()
    {
        using var s = new ReleaseScenario();
        var tracker = new FakeTracker();
        var run = new PhaseRun(s, new ReleaseOptions(), tracker: tracker);
        var deployment = new DeploymentSeen([Run(RunStatus.Completed)], null);

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

    [Fact]
    public async Task The_comment_links_the_GitHub_Release_when_there_is_one()
    {
        using var s = new ReleaseScenario();
        var tracker = new FakeTracker();
        var run = new PhaseRun(s, new ReleaseOptions(), tracker: tracker);
        const string page = "https://github.com/acme/shop/releases/tag/release-2026-02-04-153045";

        await PostRelease.RunAsync(run.Context, Made(), new DeploymentSeen([], "no run"), CancellationToken.None, page);

        Assert.All(tracker.Comments.Values, c => Assert.Contains($"\nGitHub Release: {page}", c.Body));
    }
}
