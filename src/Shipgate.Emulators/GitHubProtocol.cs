using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using Microsoft.AspNetCore.WebUtilities;

namespace Shipgate.Emulators;

/// <summary>GitHub's rules around the data: User-Agent, tokens, rate-limit headers, error bodies.</summary>
internal sealed class GitHubProtocol(GitHubFixture state) : IProtocol
{
    private const int Limit = 5000;
    private const string UserAgentRequired =
        "Request forbidden by administrative rules. Please make sure your request has a User-Agent header " +
        "(https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). " +
        "Check https://developer.github.com for other possible causes.";

    private readonly DateTimeOffset _resetAt = DateTimeOffset.UtcNow.AddHours(1);
    private int _used;

    public bool ValidateResponses { get; set; } = true;

    public async Task<EmulatorResponse> HandleAsync(EmulatorRequest request)
    {
        var (isGraphQL, path) = Route(request.Path);
        var match = isGraphQL ? null : RestSpec.GitHub.Check(request.Method, path, request.QueryPairs, request.Headers.Keys);
        List<string> violations = [.. match?.Violations ?? []];
        if (request.Header("User-Agent") is null)
        {
            if (isGraphQL)
            {
                violations.Add("missing required header User-Agent");
            }
            return new EmulatorResponse(403, UserAgentRequired, violations) { ContentType = "text/plain; charset=utf-8" };
        }

        var login = Token(request) is { } token ? state.Tokens.GetValueOrDefault(token) : null;
        if (login is null)
        {
            var message = Token(request) is null
                ? isGraphQL ? "This endpoint requires you to be authenticated." : "Requires authentication"
                : "Bad credentials";
            return Json(401, GitHubRest.Error(message, "401"), violations, isGraphQL);
        }
        var operation = match?.Operation;
        if (operation?.PathTemplate != "/rate_limit")
        {
            Interlocked.Increment(ref _used); // GitHub does not count /rate_limit itself
        }
        if (isGraphQL && request.Method == "POST")
        {
            return await GraphQLAsync(request, login, violations);
        }
        if (operation is null)
        {
            return Json(404, GitHubRest.Error("Not Found", "404"), violations, isGraphQL);
        }

        if (request.Method is "POST" or "PATCH" or "PUT")
        {
            violations.AddRange(RestSpec.GitHub.ValidateRequestBody(operation, request.Body));
        }
        var apiRoot = request.BaseUrl + (request.Path.StartsWith("/api/v3", StringComparison.Ordinal) ? "/api/v3" : "");
        var answer = operation.PathTemplate == "/rate_limit"
            ? new RestAnswer(200, RateLimitResources())
            : new GitHubRest(state, request, apiRoot, login).Handle(operation, match!.PathParameters);
        if (answer is null)
        {
            return Json(501, GitHubRest.Error($"The emulator does not serve {operation}", "501"), violations, isGraphQL);
        }
        if (answer.StatusCode == 204)
        {
            return new EmulatorResponse(204, "", violations) { Headers = RateHeaders(isGraphQL) };
        }
        var body = (answer.StatusCode is >= 200 and < 300 ? RestSpec.GitHub.Complete(operation, answer.StatusCode, answer.Body) : answer.Body)!
            .ToJsonString(Wire.JsonOptions);
        if (ValidateResponses)
        {
            violations.AddRange(RestSpec.GitHub.ValidateResponse(operation, answer.StatusCode, body));
        }
        var headers = RateHeaders(isGraphQL);
        if (answer.Link is { } link)
        {
            headers["Link"] = link;
        }
        return new EmulatorResponse(answer.StatusCode, body, violations) { Headers = headers };
    }

    public EmulatorResponse Answer(Fault fault, EmulatorRequest request)
    {
        var (isGraphQL, path) = Route(request.Path);
        var violations = isGraphQL
            ? GraphQLViolations(request)
            : RestSpec.GitHub.Check(request.Method, path, request.QueryPairs, request.Headers.Keys).Violations;
        var headers = RateHeaders(isGraphQL);
        switch (fault)
        {
            case RateLimitFault { Kind: RateLimitKind.Primary } limit:
                headers["x-ratelimit-remaining"] = "0";
                headers["x-ratelimit-used"] = Limit.ToString(CultureInfo.InvariantCulture);
                headers["x-ratelimit-reset"] = EpochSeconds(limit.TakenAt + limit.RetryAfter);
                // GraphQL reports an exhausted primary limit as a 200 with a RATE_LIMITED error.
                return isGraphQL
                    ? new EmulatorResponse(
                        200,
                        """{"errors":[{"type":"RATE_LIMITED","message":"API rate limit already exceeded for user ID 1."}]}""",
                        violations)
                    { Headers = headers }
                    : new EmulatorResponse(
                        403,
                        GitHubRest.Error("API rate limit exceeded for user ID 1.", "403").ToJsonString(Wire.JsonOptions),
                        violations)
                    { Headers = headers };
            case RateLimitFault limit:
                headers["retry-after"] = ((int)Math.Ceiling(limit.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var status = limit.Kind == RateLimitKind.SecondaryForbidden ? 403 : 429;
                var message = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
                return new EmulatorResponse(
                    status,
                    GitHubRest.Error(message, status.ToString(CultureInfo.InvariantCulture)).ToJsonString(Wire.JsonOptions),
                    violations)
                { Headers = headers };
            case StatusFault failure:
                var reason = ReasonPhrases.GetReasonPhrase(failure.StatusCode);
                return new EmulatorResponse(
                    failure.StatusCode,
                    GitHubRest.Error(reason, failure.StatusCode.ToString(CultureInfo.InvariantCulture)).ToJsonString(Wire.JsonOptions),
                    violations)
                { Headers = headers };
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, "answered by the host");
        }
    }

    private async Task<EmulatorResponse> GraphQLAsync(EmulatorRequest request, string login, List<string> violations)
    {
        var headers = RateHeaders(isGraphQL: true);
        if (ParseGraphRequest(request.Body) is not { } graphRequest)
        {
            return new EmulatorResponse(400, GitHubRest.Error("Problems parsing JSON", "400").ToJsonString(Wire.JsonOptions), violations) { Headers = headers };
        }
        var graph = new GitHubGraph(state, login, RateLimitObject);
        var result = await GraphQLSpec.GitHub.ExecuteAsync(graphRequest, graph.Query());
        violations.AddRange(GraphQLSpec.Violations(result, judgeVariables: true));
        violations.AddRange((result.Errors ?? []).Where(IsPaginationError).Select(e => e.Message));
        return new EmulatorResponse(200, Shape(result), violations) { Headers = headers };
    }

    /// <summary>
    /// GitHub's error shape: the code also as a top-level "type"; a pagination-limit error fails
    /// the whole document (GitHub checks node limits before executing), so no data.
    /// </summary>
    private static string Shape(ExecutionResult result)
    {
        var json = JsonNode.Parse(GraphQLSpec.Serialize(result))!.AsObject();
        var errors = result.Errors?.ToList() ?? [];
        if (json["errors"] is JsonArray array)
        {
            for (var i = 0; i < errors.Count; i++)
            {
                if (errors[i] is ServiceError { Code: { } code } && array[i] is JsonObject error)
                {
                    error["type"] = code;
                }
            }
            if (errors.Any(IsPaginationError))
            {
                json.Remove("data");
                json["errors"] = new JsonArray([.. array
                    .Where(e => e?["type"]?.GetValue<string>() is "EXCESSIVE_PAGINATION" or "MISSING_PAGINATION_BOUNDARIES")
                    .Select(e => e!.DeepClone())]);
            }
        }
        return json.ToJsonString(Wire.JsonOptions);
    }

    /// <summary>GitHub counts the node limit as schema validation.</summary>
    private static bool IsPaginationError(ExecutionError error) =>
        error.Code is "EXCESSIVE_PAGINATION" or "MISSING_PAGINATION_BOUNDARIES";

    private static List<string> GraphQLViolations(EmulatorRequest request) =>
        request.Method == "POST" && ParseGraphRequest(request.Body) is { } r
            ? [.. GraphQLSpec.GitHub.Validate(r.Query, r.Variables, r.OperationName)]
            : [];

    internal static GraphRequest? ParseGraphRequest(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String)
            {
                return null;
            }
            JsonElement? variables = root.TryGetProperty("variables", out var v) ? v.Clone() : null;
            var operationName = root.TryGetProperty("operationName", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
            return new GraphRequest(query.GetString()!, operationName, variables);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (bool IsGraphQL, string RestPath) Route(string path)
    {
        var trimmed = path.TrimEnd('/');
        if (trimmed is "/graphql" or "/api/graphql")
        {
            return (true, trimmed);
        }
        return (false, path.StartsWith("/api/v3/", StringComparison.Ordinal) ? path["/api/v3".Length..] : path);
    }

    private static string? Token(EmulatorRequest request)
    {
        var header = request.Header("Authorization");
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        var parts = header.Split(' ', 2, StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts[0].ToLowerInvariant() is "bearer" or "token" ? parts[1] : header;
    }

    private Dictionary<string, string> RateHeaders(bool isGraphQL)
    {
        var used = Volatile.Read(ref _used);
        return new Dictionary<string, string>
        {
            ["x-ratelimit-limit"] = Limit.ToString(CultureInfo.InvariantCulture),
            ["x-ratelimit-remaining"] = Math.Max(0, Limit - used).ToString(CultureInfo.InvariantCulture),
            ["x-ratelimit-reset"] = EpochSeconds(_resetAt),
            ["x-ratelimit-used"] = used.ToString(CultureInfo.InvariantCulture),
            ["x-ratelimit-resource"] = isGraphQL ? "graphql" : "core",
            ["x-github-api-version-selected"] = "2022-11-28",
            ["x-github-media-type"] = "github.v3; format=json",
        };
    }

    private JsonObject RateLimitResources()
    {
        var used = Volatile.Read(ref _used);
        JsonObject Resource() => new()
        {
            ["limit"] = Limit,
            ["used"] = used,
            ["remaining"] = Math.Max(0, Limit - used),
            ["reset"] = _resetAt.ToUnixTimeSeconds(),
        };
        return new JsonObject
        {
            ["resources"] = new JsonObject { ["core"] = Resource(), ["search"] = Resource(), ["graphql"] = Resource() },
            ["rate"] = Resource(),
        };
    }

    private Dictionary<string, object?> RateLimitObject()
    {
        var used = Volatile.Read(ref _used);
        return new Dictionary<string, object?>
        {
            ["__typename"] = "RateLimit",
            ["cost"] = 1,
            ["limit"] = Limit,
            ["nodeCount"] = 0,
            ["remaining"] = Math.Max(0, Limit - used),
            ["used"] = used,
            ["resetAt"] = Wire.Time(_resetAt),
        };
    }

    private static string EpochSeconds(DateTimeOffset time) =>
        ((long)Math.Ceiling(time.ToUnixTimeMilliseconds() / 1000.0)).ToString(CultureInfo.InvariantCulture);

    private EmulatorResponse Json(int status, JsonObject body, IReadOnlyList<string> violations, bool isGraphQL) =>
        new(status, body.ToJsonString(Wire.JsonOptions), violations) { Headers = RateHeaders(isGraphQL) };
}
