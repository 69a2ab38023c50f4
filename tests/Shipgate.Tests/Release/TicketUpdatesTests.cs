using Shipgate.Release.After;

namespace Shipgate.Tests.Release;

/// <summary>How one tracker's tickets are taken and reported after the push (the concurrency itself: PostReleaseTests, PostReleaseWireTests).</summary>
public sealed class TicketUpdatesTests
{
    private static readonly string[] Ids = ["A-1", "A-2", "A-3", "A-4", "A-5", "A-6"];

    private static TicketOutcome Done(string id) => new(id, true, []);

    private static TicketOutcome Failed(string id) => new(id, false, [$"failed {id}"]);

    private static TicketOutcome Down(string id) => new(id, false, [$"down at {id}"], StopsTracker: true);

    [Fact]
    public void Lists_and_warnings_follow_ticket_order_and_a_tracker_that_cannot_be_used_is_told_once()
    {
        TicketOutcome?[] outcomes = [Done("A-1"), Down("A-2"), Failed("A-3"), Down("A-4"), Done("A-5"), null];

        var (comments, warnings) = TicketUpdates.Report(Ids, outcomes);

        Assert.Equal(["A-1", "A-5"], comments.Commented);
        Assert.Equal(["A-2", "A-3", "A-4", "A-6"], comments.NotCommented);
        Assert.Equal(["down at A-2", "failed A-3"], warnings);
        Assert.Null(comments.Note);
    }

    [Fact]
    public async Task Tickets_are_taken_in_order_and_none_starts_after_one_whose_tracker_cannot_be_used()
    {
        var asked = new List<string>();

        var outcomes = await TicketUpdates.RunAsync(Ids, id =>
        {
            asked.Add(id);
            return Task.FromResult(id == "A-3" ? Down(id) : Done(id));
        });

        Assert.Equal(["A-1", "A-2", "A-3"], asked);
        Assert.Equal([true, true, false], outcomes.Take(3).Select(o => o!.Done));
        Assert.All(outcomes.Skip(3), Assert.Null);
    }

    [Fact]
    public async Task A_tracker_down_at_the_first_ticket_is_asked_nothing_more_and_no_tickets_ask_nothing()
    {
        var asked = new List<string>();

        var outcomes = await TicketUpdates.RunAsync(Ids, id =>
        {
            asked.Add(id);
            return Task.FromResult(Down(id));
        });
        var none = await TicketUpdates.RunAsync([], _ => throw new InvalidOperationException("nothing to ask"));

        Assert.Equal(["A-1"], asked);
        Assert.Equal(["A-1"], outcomes.OfType<TicketOutcome>().Select(o => o.Id));
        Assert.Empty(none);
    }
}
