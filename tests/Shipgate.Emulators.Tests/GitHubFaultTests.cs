using System.Net;
using System.Text.Json;
using Xunit;
using static Shipgate.Emulators.Tests.Support;

namespace Shipgate.Emulators.Tests;

[Trait("Category", "Integration")]
public sealed class GitHubFaultTests
{
    [Fact]
    public async Task A_failure_answers_the_given_status_then_the_next_request_succeeds()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();
        gh.Faults.Fail(500);

        var failed = await client.GetAsync($"{gh.ApiUrl}/repos/acme/shop");
        var retried = await client.GetAsync($"{gh.ApiUrl}/repos/acme/shop");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal([500, 200], gh.Requests.Select(r => r.StatusCode));
        AssertSpecClean(gh.Requests);
    }

    [Fact]
    public async Task A_failure_with_a_path_filter_spares_other_paths_and_counts_down()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();
        gh.Faults.Fail(502, count: 2, pathContains: "/check-runs");

        var other = await client.GetAsync($"{gh.ApiUrl}/user");
        var first = await client.GetAsync($"{gh.ApiUrl}/repos/acme/shop/commits/staging/check-runs");
        var second = await client.GetAsync($"{gh.ApiUrl}/repos/acme/shop/commits/staging/check-runs");
        var third = await client.GetAsync($"{gh.ApiUrl}/repos/acme/shop/commits/staging/check-runs");

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.OK],
            new[] { other, first, second, third }.Select(r => r.StatusCode));
    }

    [Theory]
    [InlineData(RateLimitKind.SecondaryTooManyRequests, HttpStatusCode.TooManyRequests)]
    [InlineData(RateLimitKind.SecondaryForbidden, HttpStatusCode.Forbidden)]
    public async Task A_secondary_rate_limit_answers_with_retry_after(RateLimitKind kind, HttpStatusCode expected)
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();
        gh.Faults.RateLimit(kind: kind, retryAfter: TimeSpan.FromSeconds(3));

        var (limited, body) = await client.GetJsonAsync($"{gh.ApiUrl}/user");
        var after = await client.GetAsync($"{gh.ApiUrl}/user");

        Assert.Equal(expected, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), limited.Headers.RetryAfter?.Delta);
        Assert.Contains("secondary rate limit", body["message"]!.GetValue<string>());
        Assert.NotEqual("0", Header(limited, "x-ratelimit-remaining"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_primary_rate_limit_answers_403_with_no_remaining_and_a_future_reset()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();
        gh.Faults.RateLimit(kind: RateLimitKind.Primary, retryAfter: TimeSpan.FromSeconds(30));

        var (limited, body) = await client.GetJsonAsync($"{gh.ApiUrl}/repos/acme/shop/pulls");

        Assert.Equal(HttpStatusCode.Forbidden, limited.StatusCode);
        Assert.Equal("0", Header(limited, "x-ratelimit-remaining"));
        Assert.InRange(long.Parse(Header(limited, "x-ratelimit-reset")) - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 1, 31);
        Assert.StartsWith("API rate limit exceeded", body["message"]!.GetValue<string>());
        Assert.Null(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_primary_rate_limit_on_graphql_is_a_200_with_a_RATE_LIMITED_error()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();
        gh.Faults.RateLimit(pathContains: "graphql");

        var (response, body) = await client.PostGraphQLAsync(gh.GraphQLUrl, "{ viewer { login } }");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("RATE_LIMITED", body["errors"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("0", Header(response, "x-ratelimit-remaining"));
    }

    [Fact]
    public async Task A_malformed_answer_is_a_200_whose_body_is_not_json()
    {
        var fixture = GitHubFixture(r => r.CheckRuns.Add(new CheckRunFixture(1, Staging, "build")));
        await using var gh = await GitHubEmulator.StartAsync(fixture);
        using var client = GitHubClient();
        gh.Faults.Malformed();

        var malformed = await client.GetAsync($"{gh.ApiUrl}/repos/acme/shop/commits/staging/check-runs");
        var text = await malformed.Content.ReadAsStringAsync();
        var whole = await client.GetAsync($"{gh.ApiUrl}/repos/acme/shop/commits/staging/check-runs");

        Assert.Equal(HttpStatusCode.OK, malformed.StatusCode);
        Assert.StartsWith("{\"total_count\":1", text);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
        using var parsed = JsonDocument.Parse(await whole.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Latency_holds_every_answer_back_long_enough_to_time_a_client_out()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();
        // The latency and the client's patience (10 s) on one fake clock: the client gives up when the clock passes 10 s,
        // which it does only once the emulator holds the answer back on it, whatever the machine's speed.
        var clock = new LatencyClock(TimeSpan.FromSeconds(30));
        gh.Faults.Clock = clock;
        gh.Faults.Latency = TimeSpan.FromSeconds(30);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10), clock);

        var asked = client.GetAsync($"{gh.ApiUrl}/user", patience.Token);
        await clock.Holding.WaitAsync(Bound);
        clock.Advance(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => asked).WaitAsync(Bound);

        gh.Faults.Clear();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{gh.ApiUrl}/user").WaitAsync(Bound)).StatusCode);
    }

    [Fact]
    public async Task A_barrier_holds_requests_until_all_are_in_flight_then_answers_them()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();
        var barrier = new RequestBarrier(3);
        gh.Faults.Hold(barrier, pathContains: "/repos/");

        var first = client.GetAsync($"{gh.ApiUrl}/repos/acme/shop");
        var second = client.GetAsync($"{gh.ApiUrl}/repos/acme/shop/commits/staging/status");
        var unheld = await client.GetAsync($"{gh.ApiUrl}/user");
        Assert.False(first.IsCompleted || second.IsCompleted);
        var third = await client.GetAsync($"{gh.ApiUrl}/repos/acme/shop/commits/staging/check-runs");

        Assert.Equal(HttpStatusCode.OK, unheld.StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], [(await first).StatusCode, (await second).StatusCode, third.StatusCode]);
        Assert.True(barrier.Met);
        Assert.Equal(3, gh.MostInFlight);
        AssertSpecClean(gh.Requests);
    }

    [Fact]
    public async Task A_barrier_never_met_fails_its_requests_and_says_why_and_a_retry_takes_no_second_seat()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();
        var barrier = new RequestBarrier(2, TimeSpan.FromMilliseconds(200));
        gh.Faults.Hold(barrier);

        var alone = await client.GetAsync($"{gh.ApiUrl}/user");
        var again = await client.GetAsync($"{gh.ApiUrl}/user");

        Assert.Equal([HttpStatusCode.RequestTimeout, HttpStatusCode.RequestTimeout], [alone.StatusCode, again.StatusCode]);
        Assert.False(barrier.Met);
        Assert.Equal(1, barrier.Seated);
        Assert.All(gh.Requests, r => Assert.Contains(r.SpecViolations, v => v.StartsWith("request barrier: only 1 of 2", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_request_in_proxy_form_is_served_by_its_path()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = new HttpClient(new HttpClientHandler { Proxy = new WebProxy(gh.ApiUrl), UseProxy = true });
        client.DefaultRequestHeaders.UserAgent.ParseAdd("gh/2.23.0");
        client.DefaultRequestHeaders.Authorization = new("token", Token);

        var answer = await client.GetAsync("http://api.github.localhost/repos/acme/shop");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("/repos/acme/shop", Assert.Single(gh.Requests).Path);
    }
}
