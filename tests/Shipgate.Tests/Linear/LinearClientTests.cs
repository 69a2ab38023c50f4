using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Shipgate.Emulators;
using Shipgate.Integrations;
using Shipgate.Tests.GitHub;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Linear;

/// <summary>The Linear client against the emulator: batching, paging, retries, and its errors.</summary>
[Trait("Category", "Integration")]
public sealed class LinearClientTests
{
    [Fact]
    public async Task Ticket_batches_go_out_together_but_never_more_than_four_at_once()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.Workspace(LinearWorld.Done("BOL", 1, 600)));
        var together = new RequestBarrier(ApiChannel.MaxInFlight);
        linear.Faults.Hold(together);

        var found = await LinearWorld.Client(linear, []).GetTicketsAsync([.. Enumerable.Range(1, 600).Select(n => $"BOL-{n}")], default).Bounded();

        Assert.Equal(600, found.Count);
        Assert.Equal(6, linear.Requests.Count);
        Assert.True(together.Met);
        Assert.Equal(ApiChannel.MaxInFlight, linear.MostInFlight);
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task One_hundred_fifty_tickets_take_two_requests_and_a_missing_one_is_simply_absent()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.Workspace(LinearWorld.Done("BOL", 1, 150).Where(i => i.Identifier != "BOL-77")));
        var ids = Enumerable.Range(1, 150).Select(n => $"BOL-{n}").ToList();

        var found = await LinearWorld.Client(linear, []).GetTicketsAsync(ids, default).Bounded();

        Assert.Equal(149, found.Count);
        Assert.DoesNotContain("BOL-77", found.Keys);
        var ticket = found["BOL-150"];
        Assert.Equal(("BOL-150", "BOL ticket 150", "Done", "completed"), (ticket.Id, ticket.Title, ticket.Status, ticket.StateType));
        Assert.StartsWith("https://linear.app/acme/issue/BOL-150/", ticket.Url);
        Assert.Equal(2, linear.Requests.Count);
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task Tickets_of_several_teams_and_unknown_teams_resolve_together()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());

        var found = await LinearWorld.Client(linear, []).GetTicketsAsync(["BOL-1", "BOL-9", "BOL-50", "ENG-5", "ZZZ-1"], default).Bounded();

        Assert.Equal(["BOL-1", "BOL-50", "ENG-5"], found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("In Progress", "started"), (found["BOL-50"].Status, found["BOL-50"].StateType));
        Assert.False(found["BOL-50"].IsCompleted);
        Assert.Equal(3, linear.Requests.Count);
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task Team_keys_are_read_page_after_page()
    {
        var keys = Enumerable.Range(1, 130).Select(n => $"T{n}").ToArray();
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.Workspace([], keys));

        var found = await LinearWorld.Client(linear, []).GetTeamKeysAsync(default).Bounded();

        Assert.Equal(keys.Order(StringComparer.Ordinal), found);
        Assert.Equal(2, linear.Requests.Count);
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task A_comment_is_created_on_the_ticket_by_its_identifier()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());

        await LinearWorld.Client(linear, []).CommentAsync("BOL-407", "Released to production in release-x", "release-x/BOL-407", default).Bounded();

        var comment = Assert.Single(linear.State.Comments);
        Assert.Equal(linear.State.Issues.Single(i => i.Identifier == "BOL-407").Id, comment.IssueId);
        Assert.Equal("Released to production in release-x", comment.Body);
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task A_rate_limited_request_is_retried_after_the_reset_the_headers_give()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());
        linear.Faults.RateLimit(1, retryAfter: TimeSpan.FromSeconds(30));
        var waits = new List<TimeSpan>();

        var keys = await LinearWorld.Client(linear, waits).GetTeamKeysAsync(default).Bounded();

        Assert.Equal(["BOL", "ENG"], keys);
        Assert.Equal([400, 200], linear.Requests.Select(r => r.StatusCode));
        var wait = Assert.Single(waits);
        Assert.InRange(wait, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task A_rate_limit_that_resets_too_late_is_a_clear_error_at_once()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());
        linear.Faults.RateLimit(1, retryAfter: TimeSpan.FromMinutes(30));
        var waits = new List<TimeSpan>();

        var error = await Assert.ThrowsAsync<TrackerUnavailableException>(() => LinearWorld.Client(linear, waits).GetTeamKeysAsync(default).Bounded());

        Assert.Contains("rate limit", error.Message);
        Assert.Contains("resets at", error.Message);
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
        Assert.Empty(waits);
        Assert.Single(linear.Requests);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_and_then_given_up()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());
        linear.Faults.Fail(502, count: 1);
        var waits = new List<TimeSpan>();

        Assert.Equal(["BOL", "ENG"], await LinearWorld.Client(linear, waits).GetTeamKeysAsync(default).Bounded());
        Assert.Equal([502, 200], linear.Requests.Select(r => r.StatusCode));

        linear.ClearRequests();
        waits.Clear();
        linear.Faults.Fail(503, count: 100);
        var error = await Assert.ThrowsAsync<TrackerUnavailableException>(() => LinearWorld.Client(linear, waits).CommentAsync("BOL-1", "x", "k", default).Bounded());

        Assert.Contains("after 4 attempt(s)", error.Message);
        Assert.Equal(("Linear", 503), (error.Service, error.Status));
        Assert.Equal(4, linear.Requests.Count);
        Assert.Equal([0.5, 1, 2], waits.Select(w => w.TotalSeconds));
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task Network_faults_and_timeouts_are_retried_then_reported()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var waits = new List<TimeSpan>();
        var refused = LinearWorld.Client(new Uri($"http://127.0.0.1:{port}/graphql"), waits);

        var error = await Assert.ThrowsAsync<TrackerUnavailableException>(() => refused.GetTeamKeysAsync(default)).Bounded();
        Assert.Contains("network error", error.Message);
        Assert.Equal(3, waits.Count);

        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());
        linear.Faults.Latency = TimeSpan.FromSeconds(10);
        var slow = LinearWorld.Client(linear, [], timeout: TimeSpan.FromMilliseconds(100));
        error = await Assert.ThrowsAsync<TrackerUnavailableException>(() => slow.GetTeamKeysAsync(default)).Bounded();
        Assert.Contains("no answer within", error.Message);
    }

    [Fact]
    public async Task A_comment_whose_answer_was_lost_is_found_and_not_posted_twice()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());
        linear.Faults.Malformed(1); // Linear creates the comment, but its answer arrives broken

        await LinearWorld.Client(linear, []).CommentAsync("BOL-407", "Released to production in release-x", "release-x/BOL-407", default).Bounded();

        var comment = Assert.Single(linear.State.Comments);
        Assert.Equal("Released to production in release-x", comment.Body);
        Assert.Equal(
            ["ShipgateComment", "ShipgateCommentExists"],
            linear.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("operationName").GetString()));
        LinearWorld.AssertEveryRequestValid(linear);
    }

    [Fact]
    public async Task A_comment_that_failed_and_does_not_exist_is_reported()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());

        await Assert.ThrowsAsync<ApiException>(() => LinearWorld.Client(linear, []).CommentAsync("BOL-999999", "x", "k", default).Bounded());

        Assert.Empty(linear.State.Comments);
    }

    [Fact]
    public async Task A_malformed_answer_is_a_clear_error_and_not_retried()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());
        linear.Faults.Malformed(1);

        var error = await Assert.ThrowsAsync<ApiException>(() => LinearWorld.Client(linear, []).GetTicketsAsync(["BOL-1"], default).Bounded());

        Assert.Contains("malformed answer to ShipgateTickets", error.Message);
        Assert.Single(linear.Requests);
    }

    [Fact]
    public async Task An_answer_of_the_wrong_shape_names_the_operation_and_finds_no_ticket()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());
        linear.Faults.Reshape(Malformed.Change("null nodes"));

        var error = await Assert.ThrowsAsync<ApiException>(() => LinearWorld.Client(linear, []).GetTicketsAsync(["BOL-1"], default).Bounded());

        Assert.StartsWith("Linear answered ShipgateTickets with issues.nodes null;", error.Message);
        Assert.Single(linear.Requests);
    }

    [Fact]
    public async Task A_refused_key_names_LINEAR_API_KEY_never_its_value()
    {
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());
        const string wrong = "lin_api_0000wrong0000key0000";

        var error = await Assert.ThrowsAsync<TrackerUnavailableException>(() => LinearWorld.Client(linear, [], wrong).GetTeamKeysAsync(default).Bounded());

        Assert.Contains("LINEAR_API_KEY", error.Message);
        Assert.DoesNotContain(wrong, error.Message);
        Assert.Single(linear.Requests);
    }

    [Fact]
    public async Task A_personal_key_is_sent_bare_and_an_OAuth_token_as_Bearer()
    {
        const string oauth = "lin_oauth_5e6f7a8b9c0d1e2f";
        var workspace = LinearWorld.RichWorkspace();
        workspace.ApiKeys[oauth] = new LinearUserFixture("Otto OAuth", "otto@example.com");
        await using var linear = await LinearEmulator.StartAsync(workspace);

        await LinearWorld.Client(linear, []).GetTeamKeysAsync(default).Bounded();
        await LinearWorld.Client(linear, [], oauth).GetTeamKeysAsync(default).Bounded();

        Assert.Equal([RecordedRequest.Redacted, $"Bearer {RecordedRequest.Redacted}"], linear.Requests.Select(r => r.Header("Authorization")));
        Assert.All(linear.Requests, r => Assert.Equal(200, r.StatusCode));
    }
}
