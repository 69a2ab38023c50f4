using Shipgate.Integrations;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Shipgate.GitHub;

/// <summary>
/// GitHub's wire rules in one place: headers (User-Agent, Bearer token, API version), link-header
/// pagination, retries (<see cref="RetryPolicy"/>), and errors that name the repository or the
/// token's variable. Messages never carry the token: it is only ever in the Authorization header.
/// </summary>
public sealed partial class GitHubHttp
{
    public const string ApiVersion = "2022-11-28";
    public const int PerPage = 100;

    /// <summary>One pool of connections for every client in the process.</summary>
    private static readonly SocketsHttpHandler SharedHandler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    private readonly HttpClient _http;
    private readonly GitHubEndpoints _endpoints;
    private readonly GitHubToken _token;
    private readonly string _repository;
    private readonly Secrets _secrets;
    private readonly TimeProvider _clock;
    /// <summary>5 attempts, 1 s doubling, at most 60 s of waiting per request.</summary>
    public static RetryPolicy DefaultRetry { get; } = new(MaxAttempts: 5, FirstDelay: TimeSpan.FromSeconds(1), MaxTotalWait: TimeSpan.FromSeconds(60));

    private readonly RetryPolicy _retry;

    public GitHubHttp(GitHubEndpoints endpoints, GitHubToken token, string repository, Secrets secrets, TimeProvider clock, RetryPolicy? retry = null)
    {
        _endpoints = endpoints;
        _token = token;
        _repository = repository;
        _secrets = secrets.Add(token.Value);
        _clock = clock;
        _retry = retry ?? DefaultRetry;
        _http = new HttpClient(SharedHandler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("shipgate", typeof(GitHubHttp).Assembly.GetName().Version?.ToString(3) ?? "0"));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        _http.DefaultRequestHeaders.Add("X-GitHub-Api-Version", ApiVersion);
    }

    /// <summary>GET of one REST resource (<paramref name="path"/> under the API root, with its query).</summary>
    public async Task<T> GetAsync<T>(string path, Func<JsonElement, T> read, CancellationToken ct)
    {
        var (value, _) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, RestUrl(path)), $"GET {PathOnly(path)}", isGraphQL: false, read, ct);
        return value;
    }

    /// <summary>Every item of a paginated REST list, following the link header's rel="next".</summary>
    public async Task<List<T>> GetAllAsync<T>(string path, Func<JsonElement, IEnumerable<T>> items, CancellationToken ct)
    {
        var all = new List<T>();
        Uri? url = RestUrl(path);
        var what = $"GET {PathOnly(path)}";
        while (url is not null)
        {
            var page = url;
            var (found, next) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, page), what, isGraphQL: false, root => items(root).ToList(), ct);
            all.AddRange(found);
            url = next;
        }
        return all;
    }

    /// <summary>
    /// POSTs a GraphQL document and reads its <c>data</c>. Rate limits are retried; a NOT_FOUND
    /// below the top level is a null field (a batch asking for a PR that does not exist); any
    /// other error fails the call with GitHub's messages.
    /// </summary>
    public async Task<T> GraphQLAsync<T>(string query, IReadOnlyDictionary<string, string> variables, Func<JsonElement, T> read, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new GraphQLRequest(query, variables), GitHubJson.Default.GraphQLRequest);
        var what = $"POST {_endpoints.GraphQLUrl.AbsolutePath}";
        var (value, _) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, _endpoints.GraphQLUrl)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        }, what, isGraphQL: true, root => read(Data(root, what)), ct);
        return value;
    }

    private JsonElement Data(JsonElement root, string what)
    {
        var errors = root.Items("errors")
            .Where(e => !(e.String("type") == "NOT_FOUND" && e.Items("path").Count() > 1))
            .ToList();
        if (errors.Any(e => e.String("type") == "NOT_FOUND"))
            throw new ShipgateException(ExitCode.Error, _secrets.Redact(
                $"GitHub found no repository {_repository} ({Rendering.SafeText.Shorten(errors[0].String("message"), 200)}). Check github.repository or the remote URL, and that the {_token} can read it."));
        if (errors.Count > 0)
            throw new ShipgateException(ExitCode.Error, _secrets.Redact(
                $"GitHub's GraphQL API refused a query for {_repository}: {string.Join("; ", errors.Take(3).Select(e => Rendering.SafeText.Shorten(e.String("message") ?? e.String("type"), 200)))}"));
        return root.Field("data") ?? throw new ShipgateException(ExitCode.Error, $"GitHub answered {what} for {_repository} without data.");
    }

    private Uri RestUrl(string path) => new(_endpoints.ApiUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + path);

    private static string PathOnly(string path) => path.Split('?', 2)[0];

    private async Task<(T Value, Uri? Next)> SendAsync<T>(Func<HttpRequestMessage> create, string what, bool isGraphQL, Func<JsonElement, T> read, CancellationToken ct)
    {
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            var problem = "no answer";
            TimeSpan? requested = null;
            using (var request = create())
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token.Value);
                HttpResponseMessage? response = null;
                try
                {
                    response = await _http.SendAsync(request, ct);
                }
                catch (HttpRequestException e)
                {
                    problem = $"could not reach GitHub at {_endpoints.ApiUrl.Authority} ({e.Message})";
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    problem = $"GitHub at {_endpoints.ApiUrl.Authority} did not answer within {_http.Timeout.TotalSeconds:0} s";
                }

                if (response is not null)
                {
                    using (response)
                    {
                        var text = await response.Content.ReadAsStringAsync(ct);
                        var code = (int)response.StatusCode;
                        requested = GitHubRateLimit.RequestedWait(Header(response, "retry-after"), Header(response, "x-ratelimit-remaining"), Header(response, "x-ratelimit-reset"), _clock.GetUtcNow());
                        if (response.IsSuccessStatusCode)
                        {
                            using var document = Parse(text, what);
                            if (!(isGraphQL && IsRateLimited(document.RootElement)))
                                return (read(document.RootElement), NextPage(response));
                            problem = "GitHub's GraphQL rate limit is exhausted";
                        }
                        else if (code is 429 || (code is 403 && (requested is not null || text.Contains("rate limit", StringComparison.OrdinalIgnoreCase))))
                        {
                            problem = requested is null || Header(response, "retry-after") is not null
                                ? "GitHub's secondary rate limit was hit"
                                : $"GitHub's API rate limit for the {_token} is exhausted";
                        }
                        else if (code >= 500)
                        {
                            problem = $"GitHub answered {code} {response.ReasonPhrase}";
                        }
                        else
                        {
                            throw Refused(code, response.ReasonPhrase, ServerMessage(text), what);
                        }
                    }
                }
            }

            var wait = _retry.NextDelay(attempt, waited, requested);
            if (wait is null)
                throw new ShipgateException(ExitCode.Error, _secrets.Redact(
                    $"{what} failed for {_repository}: {problem}" +
                    (requested is { } asked && attempt < _retry.MaxAttempts
                        ? $"; GitHub asks to wait {asked.TotalSeconds:0} s, longer than Shipgate waits ({_retry.MaxTotalWait.TotalSeconds:0} s). Try again later."
                        : $" (gave up after {attempt} attempts). Try again later.")));
            await Task.Delay(wait.Value, _clock, ct);
            waited += wait.Value;
        }
    }

    /// <summary>401, 403, 404 and other refusals: not worth retrying, and the user has something to fix.</summary>
    private ShipgateException Refused(int code, string? reason, string? serverMessage, string what)
    {
        var detail = $"{code} {reason}" + (serverMessage is null ? "" : $": {serverMessage}");
        var message = code switch
        {
            401 => $"GitHub rejected the {_token} ({detail}). {FixToken()}",
            403 => $"GitHub refused {what} for {_repository} ({detail}). The {_token} may lack access to {_repository}; {FixToken()}",
            404 => $"GitHub found nothing at {what} ({detail}). Check that the repository {_repository} exists (github.repository or the remote URL) and that the {_token} can read it.",
            _ => $"GitHub refused {what} for {_repository} ({detail}).",
        };
        return new ShipgateException(ExitCode.Error, _secrets.Redact(message));
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
            throw new ShipgateException(ExitCode.Error, $"GitHub answered {what} for {_repository} with malformed JSON ({text.Length} characters that do not parse). Try again; if it persists, check github.api_url.");
        }
    }

    private static bool IsRateLimited(JsonElement root) =>
        root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
        && errors.EnumerateArray().Any(e => e.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "RATE_LIMITED");

    private static string? ServerMessage(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? Rendering.SafeText.Shorten(message.GetString(), 200)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>The rel="next" page, only on the API's own origin: the token is never sent elsewhere.</summary>
    private Uri? NextPage(HttpResponseMessage response)
    {
        if (Header(response, "link") is not { } link || NextLink().Match(link) is not { Success: true } match) return null;
        if (!Uri.TryCreate(match.Groups[1].Value, UriKind.Absolute, out var next)) return null;
        if (Uri.Compare(next, _endpoints.ApiUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            throw new ShipgateException(ExitCode.Error, $"GitHub's next-page link for {_repository} points to another host ({next.Authority}); Shipgate does not send the token there.");
        return next;
    }

    [GeneratedRegex("""<([^>]+)>\s*;\s*rel="?next"?""")]
    private static partial Regex NextLink();
}
