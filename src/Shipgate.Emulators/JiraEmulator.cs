using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Shipgate.Emulators;

/// <summary>
/// Jira Cloud's platform REST API (v3) on 127.0.0.1: the operations of
/// specs/jira-platform.openapi.json that Shipgate uses, each request checked against its operation
/// (a JSON body the description refuses is answered 400, as Jira does), each answer checked against
/// its response schema, with HTTP Basic auth of email:API token and Jira's error shapes.
/// </summary>
public sealed class JiraEmulator : IAsyncDisposable
{
    private readonly EmulatorHost _host;
    private readonly JiraProtocol _protocol;

    private JiraEmulator(EmulatorHost host, JiraProtocol protocol, JiraFixture state)
    {
        _host = host;
        _protocol = protocol;
        State = state;
    }

    /// <summary>The site, like https://SITE.atlassian.net: the REST API is under /rest/api/3.</summary>
    public string BaseUrl => _host.BaseUrl;

    /// <summary>Every exchange so far, oldest first (a snapshot); the Authorization header keeps only its scheme.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _host.Requests;

    public Faults Faults => _host.Faults;

    /// <summary>The most requests in flight at once so far: what a client's bound on concurrent requests is checked by.</summary>
    public int MostInFlight => _host.MostInFlight;

    /// <summary>Checks every answer against the description and records what fails (on by default).</summary>
    public bool ValidateResponses
    {
        get => _protocol.ValidateResponses;
        set => _protocol.ValidateResponses = value;
    }

    /// <summary>
    /// The live fixture: comments, remote links, versions and fix versions made through the API land
    /// here (<see cref="JiraFixture.CommentsOn"/>, <see cref="JiraFixture.FixVersionsOf"/>, ...).
    /// </summary>
    public JiraFixture State { get; }

    public static async Task<JiraEmulator> StartAsync(JiraFixture fixture)
    {
        fixture.Validate();
        _ = RestSpec.Jira; // loaded before listening, so no request pays for it
        var protocol = new JiraProtocol(fixture);
        var host = await EmulatorHost.StartAsync(protocol);
        return new JiraEmulator(host, protocol, fixture);
    }

    /// <summary>The issue's page, as Jira links it: {site}/browse/KEY.</summary>
    public string BrowseUrl(string issueKey) => $"{BaseUrl}/browse/{issueKey}";

    /// <summary>The Authorization header value Jira accepts for an account: Basic base64(email:token).</summary>
    public static string BasicAuthorization(string email, string apiToken) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}:{apiToken}"));

    /// <summary>Changes the fixture between two requests, never during one; the result must still validate.</summary>
    public void Update(Action<JiraFixture> change) => _host.Update(() =>
    {
        change(State);
        State.Validate();
    });

    /// <summary>Reads the fixture between two requests, never during one.</summary>
    public T Read<T>(Func<JiraFixture, T> read)
    {
        var result = default(T)!;
        _host.Update(() => result = read(State));
        return result;
    }

    public void ClearRequests() => _host.ClearRequests();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

/// <summary>Jira's rules around the data: Basic auth, bodies the description refuses, error collections, rate limits.</summary>
internal sealed class JiraProtocol(JiraFixture state) : IProtocol
{
    public bool ValidateResponses { get; set; } = true;

    public Task<EmulatorResponse> HandleAsync(EmulatorRequest request)
    {
        var spec = RestSpec.Jira;
        var match = spec.Check(request.Method, request.Path, request.QueryPairs, request.Headers.Keys);
        List<string> violations = [.. match.Violations];
        if (Account(request) is not { } user)
        {
            // Jira says nothing more to a caller it cannot authenticate.
            var unauthorized = Json(401, JiraRest.Errors("Client must be authenticated to access this resource."), violations);
            return Task.FromResult(unauthorized with
            {
                Headers = new Dictionary<string, string> { ["X-Seraph-LoginReason"] = "AUTHENTICATED_FAILED" },
            });
        }
        if (match.Operation is not { } operation)
        {
            return Task.FromResult(Json(404, JiraRest.Errors($"null for uri: {request.BaseUrl}{request.Path}"), violations));
        }
        if (request.Method is "POST" or "PUT")
        {
            if (request.Header("Content-Type") is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{operation} takes application/json, not {request.Header("Content-Type") ?? "a body without Content-Type"}");
                return Task.FromResult(Json(415, JiraRest.Errors("Unsupported Media Type"), violations));
            }
            var bodyProblems = spec.ValidateRequestBody(operation, request.Body);
            if (bodyProblems.Count > 0)
            {
                violations.AddRange(bodyProblems);
                return Task.FromResult(Json(400, JiraRest.Errors([.. bodyProblems]), violations));
            }
        }

        var answer = new JiraRest(state, request, user, violations).Handle(operation, match.PathParameters);
        if (answer is null)
        {
            return Task.FromResult(Json(501, JiraRest.Errors($"The emulator does not serve {operation}"), violations));
        }
        if (answer.StatusCode == 204)
        {
            return Task.FromResult(new EmulatorResponse(204, "", violations));
        }
        var body = (answer.StatusCode is >= 200 and < 300 ? spec.Complete(operation, answer.StatusCode, answer.Body) : answer.Body)!
            .ToJsonString(Wire.JsonOptions);
        if (ValidateResponses)
        {
            violations.AddRange(spec.ValidateResponse(operation, answer.StatusCode, body));
        }
        return Task.FromResult(new EmulatorResponse(answer.StatusCode, body, violations));
    }

    public EmulatorResponse Answer(Fault fault, EmulatorRequest request)
    {
        var match = RestSpec.Jira.Check(request.Method, request.Path, request.QueryPairs, request.Headers.Keys);
        List<string> violations = [.. match.Violations];
        if (match.Operation is { } operation && request.Method is "POST" or "PUT")
        {
            violations.AddRange(RestSpec.Jira.ValidateRequestBody(operation, request.Body));
        }
        switch (fault)
        {
            case RateLimitFault limit:
                var seconds = (int)Math.Ceiling(limit.RetryAfter.TotalSeconds);
                return Json(429, JiraRest.Errors("Rate limit exceeded."), violations) with
                {
                    Headers = new Dictionary<string, string>
                    {
                        ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture),
                        ["X-RateLimit-Limit"] = "350",
                        ["X-RateLimit-Remaining"] = "0",
                        ["X-RateLimit-Reset"] = (limit.TakenAt + limit.RetryAfter).UtcDateTime
                            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                        ["RateLimit-Reason"] = "jira-burst-based",
                    },
                };
            case StatusFault failure:
                return Json(failure.StatusCode, JiraRest.Errors(ReasonPhrases.GetReasonPhrase(failure.StatusCode)), violations);
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, "answered by the host");
        }
    }

    /// <summary>The account behind "Authorization: Basic base64(email:token)"; any other scheme or a wrong pair is nobody.</summary>
    private JiraUserFixture? Account(EmulatorRequest request)
    {
        var header = request.Header("Authorization")?.Trim();
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        string pair;
        try
        {
            pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = pair.IndexOf(':');
        if (colon <= 0)
        {
            return null;
        }
        var (email, token) = (pair[..colon], pair[(colon + 1)..]);
        return state.Users.Find(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase) && u.ApiToken == token);
    }

    private static EmulatorResponse Json(int status, JsonObject body, IReadOnlyList<string> violations) =>
        new(status, body.ToJsonString(Wire.JsonOptions), violations);
}
