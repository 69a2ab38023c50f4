using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shipgate.Emulators;

/// <summary>A request reduced to what the emulators look at.</summary>
internal sealed record EmulatorRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> QueryPairs,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    string BaseUrl)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? QueryValue(string name) => QueryPairs.LastOrDefault(p => p.Key == name).Value;

    public IReadOnlyList<string> QueryValues(string name) => [.. QueryPairs.Where(p => p.Key == name).Select(p => p.Value)];
}

internal sealed record EmulatorResponse(int StatusCode, string Body, IReadOnlyList<string> Violations)
{
    public string ContentType { get; init; } = "application/json; charset=utf-8";
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <summary>The wire protocol of one service; called with the emulator's state locked.</summary>
internal interface IProtocol
{
    Task<EmulatorResponse> HandleAsync(EmulatorRequest request);

    EmulatorResponse Answer(Fault fault, EmulatorRequest request);
}

/// <summary>
/// Kestrel on 127.0.0.1 with a free port, shared by both emulators: applies latency and armed
/// faults, runs the protocol with the state locked (so a test's <see cref="Update"/> never races
/// a request), and records every exchange.
/// </summary>
internal sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IProtocol _protocol;
    private readonly SemaphoreSlim _state = new(1, 1);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _inFlight;
    private int _mostInFlight;

    private EmulatorHost(WebApplication app, IProtocol protocol)
    {
        _app = app;
        _protocol = protocol;
    }

    public string BaseUrl { get; private set; } = "";

    public Faults Faults { get; } = new();

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The most requests this emulator has had in flight at once.</summary>
    public int MostInFlight => Volatile.Read(ref _mostInFlight);

    public void ClearRequests() => _requests.Clear();

    /// <summary>Told each request once it is recorded, before its answer goes out.</summary>
    public Action<RecordedRequest>? OnRecorded { get; set; }

    public static async Task<EmulatorHost> StartAsync(IProtocol protocol)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var host = new EmulatorHost(app, protocol);
        app.Run(host.ServeAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseUrl = new Uri(address).GetLeftPart(UriPartial.Authority);
        return host;
    }

    public void Update(Action change)
    {
        _state.Wait();
        try
        {
            change();
        }
        finally
        {
            _state.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _state.Dispose();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        try
        {
            InterlockedMax(ref _mostInFlight, now);
            await ServeInFlightAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int most, int value)
    {
        for (var seen = Volatile.Read(ref most); value > seen; seen = Volatile.Read(ref most))
        {
            if (Interlocked.CompareExchange(ref most, value, seen) == seen)
            {
                return;
            }
        }
    }

    private async Task ServeInFlightAsync(HttpContext context)
    {
        var request = await ReadAsync(context);
        var missed = Faults.Seat(request.Method, request.Path, request.Query, request.Body) is { } barrier
            ? await barrier.WaitAsync(context.RequestAborted)
            : null;
        if (Faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(Faults.Latency, Faults.Clock, context.RequestAborted);
        }

        var fault = missed is null ? Faults.Take(request.Path) : new StatusFault(408, 1, null);
        EmulatorResponse response;
        if (fault is null or MalformedFault or ReshapeFault)
        {
            await _state.WaitAsync(context.RequestAborted);
            try
            {
                response = await _protocol.HandleAsync(request);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // An emulator bug must show in the test that met it, not as a dropped connection.
                response = new EmulatorResponse(500, $"{{\"message\":\"emulator failure: {e.GetType().Name}\"}}", [$"emulator failure: {e}"]);
            }
            finally
            {
                _state.Release();
            }
            if (fault is MalformedFault)
            {
                response = response with { StatusCode = 200, Body = response.Body[..(response.Body.Length / 2)] };
            }
            if (fault is ReshapeFault reshape)
            {
                response = response with { Body = reshape.Change(JsonNode.Parse(response.Body))?.ToJsonString() ?? "null" };
            }
        }
        else
        {
            response = _protocol.Answer(fault, request);
        }
        if (missed is not null)
        {
            response = response with { Violations = [.. response.Violations, missed] };
        }

        context.Response.StatusCode = response.StatusCode;
        if (response.StatusCode != 204)
        {
            context.Response.ContentType = response.ContentType;
        }
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }
        // Recorded before the answer goes out: a client that gets it and stops must find its request in the log.
        var headers = request.Headers.ToDictionary(
            h => h.Key,
            h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? RecordedRequest.RedactAuthorization(h.Value) : h.Value,
            StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(
            request.Method, request.Path, request.Query, headers, request.Body, response.StatusCode, response.Violations);
        _requests.Enqueue(recorded);
        OnRecorded?.Invoke(recorded);
        if (response.StatusCode != 204)
        {
            // Kestrel refuses any write to a 204, even an empty one.
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    private static string AbsolutePath(string target)
    {
        if (!target.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return target;
        }
        var slash = target.IndexOf('/', "http://".Length);
        return slash < 0 ? "/" : target[slash..];
    }

    private static async Task<EmulatorRequest> ReadAsync(HttpContext context)
    {
        var http = context.Request;
        using var reader = new StreamReader(http.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var query = http.QueryString.HasValue ? http.QueryString.Value![1..] : "";
        var pairs = http.Query.SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))).ToList();
        var headers = http.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        // Path as sent, still percent-encoded, so "a%2Fb" stays one segment.
        // A client that takes the emulator for an HTTP proxy (gh with HTTP_PROXY) sends the absolute URL.
        var path = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { } raw
            ? AbsolutePath(raw.Split('?', 2)[0])
            : http.Path.Value ?? "/";
        return new EmulatorRequest(http.Method, path, query, pairs, headers, body, $"{http.Scheme}://{http.Host}");
    }
}
