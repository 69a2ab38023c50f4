using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Shipgate.Emulators;

/// <summary>
/// Linear's GraphQL API on 127.0.0.1, executing against specs/linear.schema.graphql, with
/// Linear's authentication rules, error shapes and rate-limit headers.
/// </summary>
public sealed class LinearEmulator : IAsyncDisposable
{
    private readonly EmulatorHost _host;

    private LinearEmulator(EmulatorHost host, LinearFixture state)
    {
        _host = host;
        State = state;
    }

    /// <summary>The endpoint, like https://api.linear.app/graphql.</summary>
    public string Url => _host.BaseUrl + "/graphql";

    public IReadOnlyList<RecordedRequest> Requests => _host.Requests;

    public Faults Faults => _host.Faults;

    /// <summary>The most requests in flight at once so far: what a client's bound on concurrent requests is checked by.</summary>
    public int MostInFlight => _host.MostInFlight;

    /// <summary>The live fixture; comments created through the API land in <see cref="LinearFixture.Comments"/>.</summary>
    public LinearFixture State { get; }

    public static async Task<LinearEmulator> StartAsync(LinearFixture fixture)
    {
        fixture.Validate();
        _ = GraphQLSpec.Linear;
        var host = await EmulatorHost.StartAsync(new LinearProtocol(fixture));
        return new LinearEmulator(host, fixture);
    }

    /// <summary>Changes the fixture between two requests, never during one; the result must still validate.</summary>
    public void Update(Action<LinearFixture> change) => _host.Update(() =>
    {
        change(State);
        State.Validate();
    });

    public void ClearRequests() => _host.ClearRequests();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

internal sealed class LinearProtocol(LinearFixture state) : IProtocol
{
    private const int RequestLimit = 1500;
    private readonly DateTimeOffset _resetAt = DateTimeOffset.UtcNow.AddHours(1);
    private int _used;

    public async Task<EmulatorResponse> HandleAsync(EmulatorRequest request)
    {
        if (request.Path.TrimEnd('/') != "/graphql" || request.Method != "POST")
        {
            return Errors(404, [Error("Not Found", "NOT_FOUND", "other")], [$"Linear serves POST /graphql only, not {request.Method} {request.Path}"]);
        }
        if (GitHubProtocol.ParseGraphRequest(request.Body) is not { } graphRequest)
        {
            return Errors(400, [Error("Must provide query string.", "BAD_REQUEST", "graphql error")], ["body is not a GraphQL request"]);
        }
        if (Viewer(request) is not { } viewer)
        {
            return Errors(400, [Error("Authentication required, not authenticated", "AUTHENTICATION_ERROR", "authentication error",
                "You need to authenticate to access this operation.")],
                GraphQLSpec.Linear.Validate(graphRequest.Query, graphRequest.Variables, graphRequest.OperationName));
        }
        Interlocked.Increment(ref _used);

        var result = await GraphQLSpec.Linear.ExecuteAsync(graphRequest, new LinearGraph(state, viewer).Root());
        var json = JsonNode.Parse(GraphQLSpec.Serialize(result))!.AsObject();
        var errors = result.Errors?.ToList() ?? [];
        if (json["errors"] is JsonArray array)
        {
            for (var i = 0; i < errors.Count && i < array.Count; i++)
            {
                var extensions = (JsonObject)(array[i]!["extensions"] ??= new JsonObject());
                extensions.Remove("codes");
                extensions.Remove("number");
                if (!result.Executed)
                {
                    // Linear (Apollo) answers an invalid document with 400 and this code.
                    extensions["code"] = "GRAPHQL_VALIDATION_FAILED";
                    extensions["type"] = "graphql error";
                    extensions["userError"] = true;
                }
                foreach (var (key, value) in errors[i].Extensions ?? new Dictionary<string, object?>())
                {
                    extensions[key] = JsonSerializer.SerializeToNode(value);
                }
            }
        }
        var violations = GraphQLSpec.Violations(result, judgeVariables: true);
        return new EmulatorResponse(result.Executed ? 200 : 400, json.ToJsonString(Wire.JsonOptions), violations) { Headers = RateHeaders(null) };
    }

    public EmulatorResponse Answer(Fault fault, EmulatorRequest request)
    {
        var violations = GitHubProtocol.ParseGraphRequest(request.Body) is { } r
            ? GraphQLSpec.Linear.Validate(r.Query, r.Variables, r.OperationName)
            : ["body is not a GraphQL request"];
        return fault switch
        {
            RateLimitFault limit => Errors(
                400,
                [Error("Rate limit exceeded", "RATELIMITED", "ratelimited", "You have exceeded the rate limit. Please try again later.")],
                violations) with
            { Headers = RateHeaders(limit.TakenAt + limit.RetryAfter) },
            StatusFault failure => Errors(
                failure.StatusCode,
                [Error(ReasonPhrases.GetReasonPhrase(failure.StatusCode), "INTERNAL_SERVER_ERROR", "internal error")],
                violations),
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "answered by the host"),
        };
    }

    /// <summary>The user behind the Authorization header: a bare personal key, or an OAuth token after Bearer.</summary>
    private LinearUserFixture? Viewer(EmulatorRequest request)
    {
        var header = request.Header("Authorization")?.Trim();
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }
        var bearer = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        var key = bearer ? header[7..].Trim() : header;
        var isOAuth = key.StartsWith("lin_oauth_", StringComparison.Ordinal);
        return bearer == isOAuth ? state.ApiKeys.GetValueOrDefault(key) : null;
    }

    private static JsonObject Error(string message, string code, string type, string? userMessage = null) => new()
    {
        ["message"] = message,
        ["extensions"] = new JsonObject
        {
            ["code"] = code,
            ["type"] = type,
            ["userError"] = userMessage is not null,
            ["userPresentableMessage"] = userMessage ?? message,
        },
    };

    private EmulatorResponse Errors(int status, IEnumerable<JsonObject> errors, IReadOnlyList<string> violations) =>
        new(status, new JsonObject { ["errors"] = new JsonArray([.. errors]) }.ToJsonString(Wire.JsonOptions), violations) { Headers = RateHeaders(null) };

    /// <summary>Linear's request-budget headers; the reset is in epoch milliseconds. An exhausted budget when <paramref name="limitedUntil"/> is set.</summary>
    private Dictionary<string, string> RateHeaders(DateTimeOffset? limitedUntil)
    {
        var used = Volatile.Read(ref _used);
        return new Dictionary<string, string>
        {
            ["X-RateLimit-Requests-Limit"] = RequestLimit.ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Requests-Remaining"] = (limitedUntil is null ? Math.Max(0, RequestLimit - used) : 0).ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Requests-Reset"] = (limitedUntil ?? _resetAt).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        };
    }
}
