using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>How an armed rate limit answers on GitHub; Linear answers every kind with RATELIMITED.</summary>
public enum RateLimitKind
{
    /// <summary>GitHub: 403 with x-ratelimit-remaining 0 and x-ratelimit-reset. Linear: RATELIMITED.</summary>
    Primary,

    /// <summary>GitHub secondary limit answered 403 with retry-after.</summary>
    SecondaryForbidden,

    /// <summary>GitHub secondary limit answered 429 with retry-after.</summary>
    SecondaryTooManyRequests,
}

/// <summary>One armed fault; each matching request consumes one of its <see cref="Remaining"/> uses.</summary>
internal abstract record Fault(int Remaining, string? PathContains)
{
    /// <summary>When a request took this use of it, on <see cref="Faults.Clock"/>: a rate limit resets from then.</summary>
    public DateTimeOffset TakenAt { get; init; }
}

/// <summary>Answers with a bare HTTP error status.</summary>
internal sealed record StatusFault(int StatusCode, int Remaining, string? PathContains) : Fault(Remaining, PathContains);

/// <summary>Answers as the service does when a rate limit is exhausted.</summary>
internal sealed record RateLimitFault(RateLimitKind Kind, TimeSpan RetryAfter, int Remaining, string? PathContains)
    : Fault(Remaining, PathContains);

/// <summary>Answers 200 with the first half of the real answer: no longer valid JSON.</summary>
internal sealed record MalformedFault(int Remaining, string? PathContains) : Fault(Remaining, PathContains);

/// <summary>Answers with the real answer's JSON changed: a field removed or nulled, an object where a list belongs.</summary>
internal sealed record ReshapeFault(Func<JsonNode?, JsonNode?> Change, int Remaining, string? PathContains) : Fault(Remaining, PathContains);

/// <summary>
/// Knobs for unreliable-network tests. Faults are consumed in the order they were armed, one use
/// per request whose path contains the fault's filter (every request when the filter is null).
/// </summary>
public sealed class Faults
{
    private readonly Lock _gate = new();
    private readonly List<Fault> _armed = [];
    private readonly List<(RequestBarrier Barrier, string? PathContains, string? BodyContains)> _barriers = [];
    private TimeSpan _latency;
    private TimeProvider _clock = TimeProvider.System;

    /// <summary>
    /// The clock the faults run on: the latency waits on it and a rate limit resets on it. A test whose client runs on
    /// fake time sets the same clock here, so that the emulator's waits and resets pass with the client's.
    /// </summary>
    public TimeProvider Clock
    {
        get { lock (_gate) { return _clock; } }
        set { lock (_gate) { _clock = value; } }
    }

    /// <summary>Delay added before every answer, faulty or not.</summary>
    public TimeSpan Latency
    {
        get { lock (_gate) { return _latency; } }
        set { lock (_gate) { _latency = value; } }
    }

    /// <summary>The next <paramref name="count"/> matching requests answer <paramref name="statusCode"/>.</summary>
    public void Fail(int statusCode, int count = 1, string? pathContains = null) =>
        Arm(new StatusFault(statusCode, count, pathContains));

    /// <summary>
    /// The next <paramref name="count"/> matching requests hit a rate limit that resets after
    /// <paramref name="retryAfter"/> (1 s by default).
    /// </summary>
    public void RateLimit(int count = 1, RateLimitKind kind = RateLimitKind.Primary, TimeSpan? retryAfter = null, string? pathContains = null) =>
        Arm(new RateLimitFault(kind, retryAfter ?? TimeSpan.FromSeconds(1), count, pathContains));

    /// <summary>The next <paramref name="count"/> matching requests get a truncated, invalid JSON body.</summary>
    public void Malformed(int count = 1, string? pathContains = null) => Arm(new MalformedFault(count, pathContains));

    /// <summary>
    /// The next <paramref name="count"/> matching requests get the real answer, status and headers
    /// included, with its JSON body changed by <paramref name="change"/>: a service that answers 200
    /// in a shape its description does not allow.
    /// </summary>
    public void Reshape(Func<JsonNode?, JsonNode?> change, string? pathContains = null, int count = 1) =>
        Arm(new ReshapeFault(change, count, pathContains));

    /// <summary>
    /// Holds matching requests at <paramref name="barrier"/> until its count of them are in flight at once (see
    /// <see cref="RequestBarrier"/>). The same barrier may be armed on several emulators: then their requests meet there.
    /// </summary>
    /// <param name="bodyContains">Matches on the request body too, such as a GraphQL operation's name.</param>
    public void Hold(RequestBarrier barrier, string? pathContains = null, string? bodyContains = null)
    {
        lock (_gate)
        {
            _barriers.Add((barrier, pathContains, bodyContains));
        }
    }

    /// <summary>Disarms every fault and barrier and removes the latency.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _armed.Clear();
            _barriers.Clear();
            _latency = TimeSpan.Zero;
        }
    }

    /// <summary>Takes one use of the first armed fault that applies to <paramref name="path"/>.</summary>
    internal Fault? Take(string path)
    {
        lock (_gate)
        {
            var index = _armed.FindIndex(f => f.PathContains is null || path.Contains(f.PathContains, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }
            var fault = _armed[index];
            var taken = fault with { TakenAt = _clock.GetUtcNow() };
            if (fault.Remaining <= 1)
            {
                _armed.RemoveAt(index);
            }
            else
            {
                _armed[index] = fault with { Remaining = fault.Remaining - 1 };
            }
            return taken;
        }
    }

    /// <summary>The barrier that seats this request, if any: the first armed one that matches and has a seat for it.</summary>
    internal RequestBarrier? Seat(string method, string path, string query, string body)
    {
        lock (_gate)
        {
            var key = $"{method} {path}?{query}\n{body}";
            return _barriers.FirstOrDefault(b =>
                (b.PathContains is null || path.Contains(b.PathContains, StringComparison.Ordinal))
                && (b.BodyContains is null || body.Contains(b.BodyContains, StringComparison.Ordinal))
                && b.Barrier.TrySeat(key)).Barrier;
        }
    }

    private void Arm(Fault fault)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.Remaining, 1);
        lock (_gate)
        {
            _armed.Add(fault);
        }
    }
}
