using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Shipgate.Integrations;

/// <summary>One HTTP answer with its body read: what a service's retry rules and its client judge.</summary>
internal sealed record ApiAnswer(int Status, string Reason, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public static async Task<ApiAnswer> ReadAsync(HttpResponseMessage response, CancellationToken ct) => new(
        (int)response.StatusCode,
        response.ReasonPhrase ?? "",
        await response.Content.ReadAsStringAsync(ct),
        response.Headers.ToDictionary(h => h.Key, h => h.Value.FirstOrDefault() ?? "", StringComparer.OrdinalIgnoreCase));
}

/// <summary>Why an answer, or its absence, is worth another attempt, and the wait the service asked for.</summary>
internal sealed record RetryReason(string Why, TimeSpan? RequestedWait = null);

/// <summary>
/// What came of one request: the last answer (null when none came), the attempts made, and, when
/// Shipgate gave up on a failure worth retrying (out of attempts or of time), why.
/// </summary>
internal sealed record ApiReply(ApiAnswer? Answer, int Attempts, RetryReason? GaveUp);

/// <summary>
/// The one way Shipgate talks to an API: a resilience pipeline (Microsoft.Extensions.Http.Resilience's
/// handler and retry options, Polly underneath) inside a total budget, each attempt under its own
/// timeout, all on the injected clock. Network faults and timeouts are retried here; which answers
/// are worth another attempt, and how long the service asks to wait, is the service's rule. Every
/// retry and every slow answer is reported to the status line. At most <see cref="MaxInFlight"/> requests
/// of one service are under way at once (a request waiting for its turn has not started its budget).
/// </summary>
/// <remarks>
/// The two timeouts are armed here with <c>new CancellationTokenSource(delay, clock)</c> rather than
/// by Polly's timeout strategy: that one arms a pooled source with CancelAfter, which runs on the
/// system clock whatever TimeProvider the pipeline has (Polly 8 on .NET 10), so tests on a fast
/// clock would wait the real 20 s.
/// </remarks>
internal sealed class ApiChannel
{
    /// <summary>One pool of connections for every service in the process.</summary>
    private static readonly SocketsHttpHandler Sockets = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    private static readonly HttpRequestOptionsKey<Tally> TallyKey = new("shipgate.api.tally");

    /// <summary>
    /// Requests of one service under way at once: enough for every request of one step of a release
    /// (CI statuses, check runs, open PRs and the login) to go together, few enough for the services' rate limits.
    /// </summary>
    public const int MaxInFlight = 4;

    private readonly SemaphoreSlim _turns = new(MaxInFlight, MaxInFlight);

    private readonly string _service;
    private readonly TimeProvider _clock;
    private readonly Func<ApiAnswer, DateTimeOffset, RetryReason?> _retryable;
    private readonly IProgress<ApiWait>? _waits;
    private readonly HttpClient _http;

    /// <param name="service">GitHub or Linear, for the status line.</param>
    /// <param name="retryable">The service's rule: why an answer is worth another attempt, or null when it is final.</param>
    /// <param name="waits">Where retries and slow answers are told; null tells no one.</param>
    public ApiChannel(string service, RetryPolicy policy, TimeProvider clock, Func<ApiAnswer, DateTimeOffset, RetryReason?> retryable,
        IProgress<ApiWait>? waits)
    {
        _service = service;
        Policy = policy;
        _clock = clock;
        _retryable = retryable;
        _waits = waits;
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = policy.MaxAttempts - 1,
                ShouldRetryAfterHeader = false, // the service's rule reads its own headers
                UseJitter = false,
                ShouldHandle = ShouldRetryAsync,
                DelayGenerator = args => ValueTask.FromResult(TallyOf(args.Context).NextDelay),
                OnRetry = args =>
                {
                    var tally = TallyOf(args.Context);
                    Report(ApiWaitKind.Retrying, tally, tally.Attempts + 1, tally.Last?.Why ?? "failed", args.RetryDelay);
                    return default;
                },
            })
            .Build();
        var attempts = new AttemptWatch(this) { InnerHandler = Sockets };
        _http = new HttpClient(new ResilienceHandler(pipeline) { InnerHandler = attempts }, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public RetryPolicy Policy { get; }

    /// <summary>Sends <paramref name="request"/> through the pipeline. Only Ctrl-C (<paramref name="ct"/>) throws; every other end is a reply.</summary>
    /// <param name="what">The request as the status line names it, such as "GET /user".</param>
    public async Task<ApiReply> SendAsync(HttpRequestMessage request, string what, CancellationToken ct)
    {
        await _turns.WaitAsync(ct);
        try
        {
            return await SendInTurnAsync(request, what, ct);
        }
        finally
        {
            _turns.Release();
        }
    }

    private async Task<ApiReply> SendInTurnAsync(HttpRequestMessage request, string what, CancellationToken ct)
    {
        var tally = new Tally(what, _clock.GetUtcNow());
        request.Options.Set(TallyKey, tally);
        using var budget = new CancellationTokenSource(Policy.Budget, _clock);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        try
        {
            using var response = await _http.SendAsync(request, limit.Token);
            var answer = await ApiAnswer.ReadAsync(response, limit.Token);
            return new ApiReply(answer, tally.Attempts, _retryable(answer, _clock.GetUtcNow()));
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return new ApiReply(null, tally.Attempts, new RetryReason($"no answer within {ApiWait.Seconds(Policy.Budget)} in all"));
        }
        catch (Exception e) when (e is TimeoutRejectedException or HttpRequestException or IOException && !ct.IsCancellationRequested)
        {
            return new ApiReply(null, tally.Attempts, tally.Last ?? Fault(e)!);
        }
    }

    private async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
    {
        var tally = TallyOf(args.Context);
        var answer = args.Outcome.Result is { } response ? await ApiAnswer.ReadAsync(response, args.Context.CancellationToken) : null;
        var now = _clock.GetUtcNow();
        tally.Last = answer is null ? Fault(args.Outcome.Exception) : _retryable(answer, now);
        tally.NextDelay = tally.Last is { } last ? Policy.NextDelay(tally.Attempts, now - tally.Started, last.RequestedWait) : null;
        return tally.NextDelay is not null;
    }

    /// <summary>Network faults and attempts that timed out are worth another attempt; Ctrl-C and bugs are not.</summary>
    private RetryReason? Fault(Exception? e) => e switch
    {
        TimeoutRejectedException => new RetryReason($"no answer within {ApiWait.Seconds(Policy.AttemptTimeout)}"),
        HttpRequestException or IOException => new RetryReason($"network error: {e.Message}"),
        _ => null,
    };

    private void Report(ApiWaitKind kind, Tally tally, int attempt, string why, TimeSpan wait) =>
        _waits?.Report(new ApiWait(kind, _service, tally.What, attempt, Policy.MaxAttempts, why, wait, Policy.Budget));

    private static Tally TallyOf(ResilienceContext context) =>
        TallyOf(context.GetRequestMessage() ?? throw new InvalidOperationException("The resilience context carries no request."));

    private static Tally TallyOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(TallyKey, out var tally) ? tally : throw new InvalidOperationException("A request was sent without ApiChannel.SendAsync.");

    /// <summary>What the pipeline learns about one request across its attempts; owned by that one request.</summary>
    private sealed class Tally(string what, DateTimeOffset started)
    {
        public string What { get; } = what;
        public DateTimeOffset Started { get; } = started;
        public int Attempts { get; set; }
        public RetryReason? Last { get; set; }
        public TimeSpan? NextDelay { get; set; }
    }

    /// <summary>
    /// One attempt: counts it, gives it <see cref="RetryPolicy.AttemptTimeout"/> to answer with its
    /// whole body (a body that stalls or breaks is a network fault, retried like one), and tells the
    /// status line while no answer comes.
    /// </summary>
    private sealed class AttemptWatch(ApiChannel channel) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var timeout = channel.Policy.AttemptTimeout;
            using var timer = new CancellationTokenSource(timeout, channel._clock);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
            try
            {
                return await AttemptAsync(request, limit.Token);
            }
            catch (OperationCanceledException e) when (timer.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new TimeoutRejectedException($"No answer within {ApiWait.Seconds(timeout)}.", timeout, e);
            }
        }

        private async Task<HttpResponseMessage> AttemptAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var tally = TallyOf(request);
            var attempt = ++tally.Attempts;
            var every = channel.Policy.SlowAfter;
            var ticks = 0;
            using var slow = channel._waits is null ? null : channel._clock.CreateTimer(
                _ => channel.Report(ApiWaitKind.SlowAnswer, tally, attempt, "no answer yet", every * Interlocked.Increment(ref ticks)), null, every, every);
            var response = await base.SendAsync(request, ct);
            try
            {
                await response.Content.LoadIntoBufferAsync(ct);
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }
}
