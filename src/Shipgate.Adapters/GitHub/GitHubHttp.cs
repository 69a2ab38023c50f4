using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Shipgate.Integrations;
using Shipgate.Rendering;

namespace Shipgate.GitHub;

/// <summary>
/// GitHub's wire rules in one place: headers (User-Agent, Bearer token, API version), link-header
/// pagination, which answers are worth another attempt (5xx, rate limits; the retrying itself is
/// <see cref="ApiChannel"/>'s), and errors that name the repository or the token's variable.
/// Messages never carry the token: it is only ever in the Authorization header.
/// </summary>
internal sealed partial class GitHubHttp
{
    public const string ApiVersion = "2022-11-28";
    public const int PerPage = 100;
    public const string Service = "GitHub";

    /// <summary>5 attempts, 1 s doubling, 20 s per attempt, 60 s per request in all (the README states it).</summary>
    public static RetryPolicy DefaultRetry { get; } = new(MaxAttempts: 5, FirstDelay: TimeSpan.FromSeconds(1), Budget: TimeSpan.FromSeconds(60));

    private static readonly ProductInfoHeaderValue UserAgent = new("shipgate", typeof(GitHubHttp).Assembly.GetName().Version?.ToString(3) ?? "0");

    private readonly GitHubEndpoints _endpoints;
    private readonly GitHubToken _token;
    private readonly string _repository;
    private readonly Secrets _secrets;
    private readonly ApiChannel _channel;

    /// <param name="waits">Where retries and slow answers are told (the status line); null tells no one.</param>
    public GitHubHttp(GitHubEndpoints endpoints, GitHubToken token, string repository, Secrets secrets, TimeProvider clock,
        RetryPolicy? retry = null, IProgress<ApiWait>? waits = null)
    {
        _endpoints = endpoints;
        _token = token;
        _repository = repository;
        _secrets = secrets.Add(token.Value);
        _channel = new ApiChannel(Service, retry ?? DefaultRetry, clock, Retryable, waits);
    }

    /// <summary>GET of one REST resource, read strictly as <typeparamref name="T"/>.</summary>
    internal async Task<T> GetAsync<T>(RestCall call, JsonTypeInfo<T> type, CancellationToken ct) where T : class
    {
        var request = new HttpRequestMessage(HttpMethod.Get, RestUrl(call.Path));
        var (value, _) = await SendAsync(request, $"GET {PathOnly(call.Path)}", $"GET {call.Endpoint}", type, ct);
        return value;
    }

    /// <summary>GET of one REST resource that may not exist: null when GitHub answers 404.</summary>
    internal async Task<T?> FindAsync<T>(RestCall call, JsonTypeInfo<T> type, CancellationToken ct) where T : class
    {
        try
        {
            return await GetAsync(call, type, ct);
        }
        catch (ApiException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>POST or PATCH of a JSON body to a REST resource; the answer read strictly as <typeparamref name="T"/>.</summary>
    internal async Task<T> SendJsonAsync<T>(HttpMethod method, RestCall call, string json, JsonTypeInfo<T> type, CancellationToken ct) where T : class
    {
        var request = new HttpRequestMessage(method, RestUrl(call.Path)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        var (value, _) = await SendAsync(request, $"{method.Method} {PathOnly(call.Path)}", $"{method.Method} {call.Endpoint}", type, ct);
        return value;
    }

    /// <summary>Every item of a paginated REST list, following the link header's rel="next"; each page read strictly.</summary>
    internal async Task<List<TItem>> GetAllAsync<TPage, TItem>(
        RestCall call, JsonTypeInfo<TPage> type, Func<TPage, IEnumerable<TItem>> items, CancellationToken ct)
        where TPage : class
    {
        var all = new List<TItem>();
        var url = RestUrl(call.Path);
        var what = $"GET {PathOnly(call.Path)}";
        while (url is not null)
        {
            var (page, next) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url), what, $"GET {call.Endpoint}", type, ct);
            all.AddRange(items(page));
            url = next;
        }
        return all;
    }

    /// <summary>
    /// POSTs a GraphQL document and reads its <c>data</c> strictly as <typeparamref name="T"/>. Rate limits are
    /// retried; a NOT_FOUND below the top level is a null field (a batch asking for a PR that does not
    /// exist); any other error fails the call with GitHub's messages.
    /// </summary>
    internal async Task<T> GraphQLAsync<T>(string query, IReadOnlyDictionary<string, string> variables, JsonTypeInfo<T> type, CancellationToken ct)
        where T : class
    {
        var body = JsonSerializer.Serialize(new GraphQLRequest(query, variables), GitHubGraphJson.Default.GraphQLRequest);
        var what = $"POST {_endpoints.GraphQLUrl.AbsolutePath}";
        var (answer, _) = await SendAsync(new HttpRequestMessage(HttpMethod.Post, _endpoints.GraphQLUrl)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        }, what, what, GitHubGraphJson.Default.GraphQLAnswer, ct);
        var (data, problem) = WireReader.Read(Data(answer, what), type);
        return data ?? throw WrongShape(what, problem!);
    }

    private JsonElement Data(GraphQLAnswer answer, string what)
    {
        var errors = (answer.Errors ?? []).Where(e => !(e.Type == "NOT_FOUND" && e.Path is { Count: > 1 })).ToList();
        if (errors.Any(e => e.Type == "NOT_FOUND"))
            throw new ApiException(Service, _secrets.Redact(
                $"GitHub found no repository {_repository} ({SafeText.Shorten(errors[0].Message, 200)}). " +
                $"Check github.repository or the remote URL, and that the {_token} can read it."));
        if (errors.Count > 0)
            throw new ApiException(Service, _secrets.Redact(
                $"GitHub's GraphQL API refused a query for {_repository}: " +
                string.Join("; ", errors.Take(3).Select(e => SafeText.Shorten(e.Message ?? e.Type, 200)))));
        return answer.Data is { ValueKind: JsonValueKind.Object } data ? data : throw WrongShape(what, "without data");
    }

    /// <summary>An answer of the wrong shape: Shipgate takes nothing from it, and says which endpoint sent it.</summary>
    private ApiException WrongShape(string endpoint, string problem) => new(Service,
        $"GitHub answered {endpoint} for {_repository} {problem}. Shipgate takes nothing from an answer of the wrong shape; " +
        "check that github.api_url (or GITHUB_API_URL) points at GitHub's API.", 200);

    private Uri RestUrl(string path) => new(_endpoints.ApiUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + path);

    private static string PathOnly(string path) => path.Split('?', 2)[0];

    /// <param name="what">The request as sent, for refusals ("GET /repos/acme/demo/pulls").</param>
    /// <param name="endpoint">The endpoint as GitHub's documentation names it, for answers of the wrong shape.</param>
    private async Task<(T Value, Uri? Next)> SendAsync<T>(HttpRequestMessage request, string what, string endpoint, JsonTypeInfo<T> type, CancellationToken ct)
        where T : class
    {
        using (request)
        {
            request.Headers.UserAgent.Add(UserAgent);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
            request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token.Value);
            var reply = await _channel.SendAsync(request, what, ct);
            if (reply.GaveUp is { } why)
                throw GaveUp(what, why, reply);
            var answer = reply.Answer!;
            if (!answer.IsSuccess)
                throw Refused(answer.Status, answer.Reason, ServerMessage(answer.Body), what);
            using var document = Parse(answer.Body, what);
            var (value, problem) = WireReader.Read(document.RootElement, type);
            return (value ?? throw WrongShape(endpoint, problem!), NextPage(answer));
        }
    }

    /// <summary>
    /// GitHub's rule for another attempt: 5xx, the secondary rate limit (403 or 429, with retry-after),
    /// an exhausted primary limit (403 with x-ratelimit-remaining 0, then x-ratelimit-reset in epoch
    /// seconds), and GraphQL's RATE_LIMITED error, which comes as a 200.
    /// </summary>
    private RetryReason? Retryable(ApiAnswer answer, DateTimeOffset now)
    {
        var retryAfter = answer.Header("retry-after");
        var requested = GitHubRateLimit.RequestedWait(retryAfter, answer.Header("x-ratelimit-remaining"), answer.Header("x-ratelimit-reset"), now);
        if (answer.IsSuccess)
            return IsRateLimited(answer.Body) ? new RetryReason("GitHub's GraphQL rate limit is exhausted", requested) : null;
        if (answer.Status is 429 || (answer.Status is 403 && (requested is not null || answer.Body.Contains("rate limit", StringComparison.OrdinalIgnoreCase))))
            return new RetryReason(requested is null || retryAfter is not null
                ? "GitHub's secondary rate limit was hit"
                : $"GitHub's API rate limit for the {_token} is exhausted", requested);
        return answer.Status >= 500 ? new RetryReason($"GitHub answered {answer.Status} {answer.Reason}", requested) : null;
    }

    private ApiException GaveUp(string what, RetryReason why, ApiReply reply)
    {
        var policy = _channel.Policy;
        var tail = why.RequestedWait is { } asked && reply.Attempts < policy.MaxAttempts
            ? $"; GitHub asks to wait {asked.TotalSeconds:0} s, longer than Shipgate waits ({policy.Budget.TotalSeconds:0} s). Try again later."
            : $" (gave up after {reply.Attempts} attempts). Try again later.";
        var problem = reply.Answer is null ? $"{why.Why} (GitHub at {_endpoints.ApiUrl.Authority})" : why.Why;
        return new ApiException(Service, _secrets.Redact($"{what} failed for {_repository}: {problem}{tail}"), reply.Answer?.Status, why.RequestedWait);
    }

    /// <summary>401, 403, 404 and other refusals: not worth retrying, and the user has something to fix.</summary>
    private ApiException Refused(int code, string? reason, string? serverMessage, string what)
    {
        var detail = $"{code} {reason}" + (serverMessage is null ? "" : $": {serverMessage}");
        var message = code switch
        {
            401 => $"GitHub rejected the {_token} ({detail}). {FixToken()}",
            403 => $"GitHub refused {what} for {_repository} ({detail}). The {_token} may lack access to {_repository}; {FixToken()}",
            404 => $"GitHub found nothing at {what} ({detail}). Check that the repository {_repository} exists " +
                   $"(github.repository or the remote URL) and that the {_token} can read it.",
            _ => $"GitHub refused {what} for {_repository} ({detail}).",
        };
        return new ApiException(Service, _secrets.Redact(message), code);
    }

    private string FixToken() => _token.Source == GitHubToken.GhCliSource
        ? "Log in again with `gh auth login`, or set GH_TOKEN or GITHUB_TOKEN to a valid token."
        : $"Set {_token.Source} to a valid token with read access to the repository.";

    private JsonDocument Parse(string text, string what)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            throw new ApiException(Service, $"GitHub answered {what} for {_repository} with malformed JSON ({text.Length} characters that do not parse). " +
                "Try again; if it persists, check github.api_url.", 200);
        }
    }

    private static bool IsRateLimited(string body) =>
        body.Contains("RATE_LIMITED", StringComparison.Ordinal)
        && Lenient(body, GitHubGraphJson.Default.GraphQLAnswer)?.Errors?.Any(e => e.Type == "RATE_LIMITED") == true;

    /// <summary>GitHub's own explanation of a refusal ({"message": ...}), when it gave one.</summary>
    private static string? ServerMessage(string body) =>
        Lenient(body, GitHubRestJson.Default.ServerMessageWire)?.Message is { } message ? SafeText.Shorten(message, 200) : null;

    /// <summary>An answer that only explains a failure: read when it can be, else ignored.</summary>
    private static T? Lenient<T>(string body, JsonTypeInfo<T> type) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The rel="next" page, only on the API's own origin: the token is never sent elsewhere.</summary>
    private Uri? NextPage(ApiAnswer answer)
    {
        if (answer.Header("link") is not { } link || NextLink().Match(link) is not { Success: true } match) return null;
        if (!Uri.TryCreate(match.Groups[1].Value, UriKind.Absolute, out var next)) return null;
        if (Uri.Compare(next, _endpoints.ApiUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            throw new ApiException(Service,
                $"GitHub's next-page link for {_repository} points to another host ({next.Authority}); Shipgate does not send the token there.");
        return next;
    }

    [GeneratedRegex("""<([^>]+)>\s*;\s*rel="?next"?""")]
    private static partial Regex NextLink();
}

/// <summary>A REST call: the endpoint as GitHub's documentation names it (for messages) and the path, with its query, that calls it.</summary>
internal sealed record RestCall(string Endpoint, string Path);
