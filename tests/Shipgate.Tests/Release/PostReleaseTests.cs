using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Release;
using Shipgate.Release.Phases;
using Shipgate.Tests.Audit;
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
            Assert.Equal($"shipgate/release-2026-02-04-153045/{c.Value.Ticket}", c.Key);
            Assert.Contains("Deploy: https://github.com/acme/shop/actions/runs/1", c.Value.Body);
        });
        Assert.Contains("RELEASE COMPLETE", run.Output);
        Assert.Contains("Monitor deployment progress in your deployment dashboard.", run.Output);
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

    /// <summary>BOL-1..BOL-<paramref name="count"/>, all verified, in a release already made.</summary>
    private static Released MadeWith(int count) => new(ReportRecords.Released("release-2026-02-04-153045", ReportRecords.At("2026-02-04T15:30:45"),
        tickets: [.. Enumerable.Range(1, count).Select(n => new RecordTicket($"BOL-{n}", $"T{n}", null, "Done", "completed", TicketCheck.Verified))]),
        new string('e', 40));

    private static int At(string output, string text)
    {
        var index = output.IndexOf(text, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{text}' is not in:\n{output}");
        return index;
    }

    [Fact]
    public async Task Comments_go_four_at_a_time_after_the_first_and_are_reported_in_ticket_order_whatever_order_they_answer_in()
    {
        using var s = new ReleaseScenario();
        var tracker = new HeldTracker();
        var run = new PhaseRun(s, new ReleaseOptions(), tracker: tracker);

        var comments = PostRelease.RunAsync(run.Context, MadeWith(8), new DeploymentSeen([], "no run"), CancellationToken.None);
        await tracker.StartedAsync(1);
        // The first ticket goes alone: a tracker that is down costs one ticket's retries.
        Assert.Equal(["BOL-1"], tracker.Started);
        tracker.Answer("BOL-1");
        await tracker.StartedAsync(5);
        // Four under way and none answered: no fifth starts.
        Assert.Equal(["BOL-1", "BOL-2", "BOL-3", "BOL-4", "BOL-5"], tracker.Started);
        // Answered out of order, refusals included: BOL-6 is refused before BOL-3.
        tracker.Answer("BOL-5");
        await tracker.StartedAsync(6);
        tracker.Answer("BOL-6", refuse: true);
        await tracker.StartedAsync(7);
        tracker.Answer("BOL-4");
        await tracker.StartedAsync(8);
        foreach (var id in new[] { "BOL-8", "BOL-7" }) tracker.Answer(id);
        tracker.Answer("BOL-3", refuse: true);
        tracker.Answer("BOL-2");
        var result = await comments.Bounded();

        Assert.Equal(ApiChannel.MaxInFlight, tracker.MostInFlight);
        Assert.Equal(8, tracker.Started.Count);
        Assert.Equal(["BOL-1", "BOL-2", "BOL-4", "BOL-5", "BOL-7", "BOL-8"], result.Commented);
        Assert.Equal(["BOL-3", "BOL-6"], result.NotCommented);
        Assert.True(At(run.Output, "WARNING: could not comment on BOL-3") < At(run.Output, "WARNING: could not comment on BOL-6"), run.Output);
        Assert.Contains("Linear tickets updated with release comment: BOL-1, BOL-2, BOL-4, BOL-5, BOL-7, BOL-8", run.Output);
        Assert.Contains("Linear tickets NOT updated: BOL-3, BOL-6", run.Output);
    }

    [Fact]
    public async Task A_tracker_that_cannot_be_used_starts_no_further_ticket_and_is_reported_once_at_the_first_ticket_that_met_it()
    {
        using var s = new ReleaseScenario();
        var tracker = new HeldTracker();
        var run = new PhaseRun(s, new ReleaseOptions(), tracker: tracker);

        var comments = PostRelease.RunAsync(run.Context, MadeWith(8), new DeploymentSeen([], "no run"), CancellationToken.None);
        await tracker.StartedAsync(1);
        tracker.Answer("BOL-1");
        await tracker.StartedAsync(5);
        tracker.Answer("BOL-5");
        await tracker.StartedAsync(6);
        // Then the tracker goes down: BOL-4 meets it first, then the others under way; BOL-2 is the first of them in ticket order.
        foreach (var id in new[] { "BOL-4", "BOL-6", "BOL-2", "BOL-3" }) tracker.Answer(id, down: true);
        var result = await comments.Bounded();

        Assert.Equal(["BOL-1", "BOL-2", "BOL-3", "BOL-4", "BOL-5", "BOL-6"], tracker.Started);
        Assert.Equal(["BOL-1", "BOL-5"], result.Commented);
        Assert.Equal(["BOL-2", "BOL-3", "BOL-4", "BOL-6", "BOL-7", "BOL-8"], result.NotCommented);
        Assert.Contains("WARNING: could not comment on BOL-2 and did not try the others: Linear is down (503).", run.Output);
        Assert.Single(run.Output.Split("did not try the others").Skip(1));
    }

    /// <summary>A tracker whose comments wait until the test answers them, in the order the test chooses; it counts those under way.</summary>
    private sealed class HeldTracker : ITicketTracker
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, TaskCompletionSource<Exception?>> _held = [];
        private readonly List<string> _started = [];
        private TaskCompletionSource _startedOne = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;

        public int MostInFlight { get; private set; }

        public IReadOnlyList<string> Started
        {
            get { lock (_gate) return [.. _started]; }
        }

        public Task<IReadOnlyList<string>> GetTeamKeysAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>(["BOL"]);

        public Task<IReadOnlyDictionary<string, TicketDetails>> GetTicketsAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
            throw new InvalidOperationException("Post-release reads no tickets.");

        public async Task CommentAsync(string ticketId, string body, string key, CancellationToken ct)
        {
            var answer = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            TaskCompletionSource startedOne;
            lock (_gate)
            {
                _started.Add(ticketId);
                _held.Add(ticketId, answer);
                MostInFlight = Math.Max(MostInFlight, ++_inFlight);
                (startedOne, _startedOne) = (_startedOne, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
            startedOne.SetResult();
            var failure = await answer.Task.WaitAsync(ct);
            lock (_gate) _inFlight--;
            if (failure is not null) throw failure;
        }

        /// <summary>Waits (within <see cref="Bounds.Hang"/>) until <paramref name="count"/> comments have started.</summary>
        public async Task StartedAsync(int count)
        {
            using var limit = new CancellationTokenSource(Bounds.Hang);
            while (true)
            {
                Task next;
                lock (_gate)
                {
                    if (_started.Count >= count) return;
                    next = _startedOne.Task;
                }
                await next.WaitAsync(limit.Token);
            }
        }

        public void Answer(string ticketId, bool refuse = false, bool down = false)
        {
            TaskCompletionSource<Exception?> answer;
            lock (_gate) answer = _held[ticketId];
            answer.SetResult(down ? new TrackerUnavailableException("Linear", "Linear is down (503).", 503)
                : refuse ? new ShipgateException(ExitCode.Error, $"Linear refused the comment on {ticketId}.") : null);
        }
    }
}
