using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Linear;

/// <summary>
/// Sends one GraphQL document to Linear and returns its <c>data</c>. Retries go through
/// <see cref="ApiChannel"/>; Linear's rule for them is here (5xx, RATELIMITED with its reset headers).
/// Every failure becomes an <see cref="ApiException"/> with a plain message; the key is sent only in
/// the Authorization header and never appears in one.
/// </summary>
internal sealed class LinearGraphQL
{
    public const string Service = "Linear";

    /// <summary>Why an exchange did not yield data, and whether trying again may help.</summary>
    internal enum FailureKind { Transient, RateLimited, Refused, Rejected, Malformed }

    internal sealed record Failure(FailureKind Kind, string Message, DateTimeOffset? RetryAt = null)
    {
        public bool Retryable => Kind is FailureKind.Transient or FailureKind.RateLimited;
    }

    /// <summary>What one exchange gave: the data, or why not.</summary>
    internal sealed record Answer(JsonElement? Data, Failure? Failure);

    private readonly LinearSettings _settings;
    private readonly Secrets _secrets;
    private readonly ApiChannel _channel;

    public LinearGraphQL(LinearSettings settings, Secrets secrets, IProgress<ApiWait>? waits)
    {
        _settings = settings;
        _secrets = secrets;
        _channel = new ApiChannel(Service, settings.Retry, settings.Clock, Retryable, waits);
    }

    /// <summary>The operation's data, read strictly as <typeparamref name="T"/>.</summary>
    public async Task<T> SendAsync<T>(string operation, string document, JsonObject variables, JsonTypeInfo<T> type, CancellationToken ct) where T : class
    {
        var body = JsonSerializer.Serialize(new LinearRequest(document, operation, variables), LinearJson.Default.LinearRequest);
        using var request = new HttpRequestMessage(HttpMethod.Post, _settings.Endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", LinearSettings.AuthorizationValue(_settings.ApiKey));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("shipgate", RecordBuilder.Tool.Version));
        var reply = await _channel.SendAsync(request, operation, ct);
        var answer = reply.Answer is { } a
            ? Classify(a.Status, a.Header, a.Body, _settings.Clock.GetUtcNow())
            : new Answer(null, new Failure(FailureKind.Transient, reply.GaveUp?.Why ?? "no answer"));
        if (answer.Data is not { } data) throw ToException(operation, answer.Failure!, reply);
        var (value, problem) = WireReader.Read(data, type);
        return value ?? throw new ApiException(Service,
            $"Linear answered {operation} {problem}; Shipgate takes nothing from an answer of the wrong shape.", 200);
    }

    /// <summary>Linear's rule for another attempt: 5xx and rate limits, until their reset.</summary>
    private static RetryReason? Retryable(ApiAnswer answer, DateTimeOffset now) =>
        Classify(answer.Status, answer.Header, answer.Body, now).Failure is { Retryable: true } failure
            ? new RetryReason(failure.Message, RetryPolicy.Until(failure.RetryAt, now))
            : null;

    /// <summary>
    /// Reads an HTTP answer the way Linear writes them: GraphQL errors carry extensions.code
    /// (RATELIMITED, AUTHENTICATION_ERROR, FORBIDDEN, ...), and a 200 may hold data and errors
    /// both (a partial success: the data is used).
    /// </summary>
    internal static Answer Classify(int status, Func<string, string?> header, string body, DateTimeOffset now)
    {
        JsonElement? root = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
        }
        var errors = root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array
            ? e.EnumerateArray().Select(ErrorOf).ToList()
            : [];
        var messages = errors.Count > 0 ? string.Join("; ", errors.Select(x => x.Message).Distinct()) : $"HTTP {status}";

        if (status == 429 || errors.Any(x => x.Code == "RATELIMITED"))
            return Fail(FailureKind.RateLimited, messages, RateLimitReset(header, now));
        if (status == 401 || errors.Any(x => x.Code == "AUTHENTICATION_ERROR"))
            return Fail(FailureKind.Refused, $"authentication failed: {messages}");
        if (status == 403 || errors.Any(x => x.Code == "FORBIDDEN"))
            return Fail(FailureKind.Refused, $"not allowed: {messages}");
        if (status >= 500)
            return Fail(FailureKind.Transient, errors.Count > 0 ? $"HTTP {status}: {messages}" : $"HTTP {status}");
        if (status is < 200 or >= 300)
            return Fail(FailureKind.Rejected, errors.Count > 0 ? $"HTTP {status}: {messages}" : $"HTTP {status}");
        if (root is not { ValueKind: JsonValueKind.Object } json)
            return Fail(FailureKind.Malformed, "the answer is not a JSON object");
        if (json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.Null))
            return new Answer(data, null);
        return errors.Count > 0
            ? Fail(FailureKind.Rejected, messages)
            : Fail(FailureKind.Malformed, "the answer has neither data nor errors");
    }

    /// <summary>
    /// When the exhausted limit resets. Linear sends X-RateLimit-Requests-Reset and
    /// X-RateLimit-Complexity-Reset in epoch milliseconds, each beside a -Remaining count; the
    /// latest reset of the exhausted limits counts (the earliest of all when none says 0).
    /// A plain Retry-After (seconds) is honoured too.
    /// </summary>
    internal static DateTimeOffset? RateLimitReset(Func<string, string?> header, DateTimeOffset now)
    {
        var exhausted = new List<DateTimeOffset>();
        var any = new List<DateTimeOffset>();
        foreach (var limit in new[] { "Requests", "Complexity", "Endpoint-Requests", "Endpoint-Complexity" })
        {
            if (!long.TryParse(header($"X-RateLimit-{limit}-Reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)) continue;
            var reset = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            any.Add(reset);
            if (header($"X-RateLimit-{limit}-Remaining") is "0") exhausted.Add(reset);
        }
        if (int.TryParse(header("Retry-After"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            exhausted.Add(now.AddSeconds(seconds));
        return exhausted.Count > 0 ? exhausted.Max() : any.Count > 0 ? any.Min() : null;
    }

    private static (string Message, string? Code) ErrorOf(JsonElement error)
    {
        var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()! : "unexplained error";
        var code = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("extensions", out var x) && x.ValueKind == JsonValueKind.Object
                   && x.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String
            ? c.GetString() : null;
        return (message, code);
    }

    private static Answer Fail(FailureKind kind, string message, DateTimeOffset? retryAt = null) => new(null, new Failure(kind, message, retryAt));

    private ApiException ToException(string operation, Failure failure, ApiReply reply)
    {
        var message = _secrets.Redact(SafeText.Shorten(failure.Message, 300));
        var status = reply.Answer?.Status;
        var attempts = reply.Attempts;
        return failure.Kind switch
        {
            FailureKind.Refused => new TrackerUnavailableException(Service,
                $"Linear refused the key in {LinearSettings.ApiKeyVariable} ({message}). Set {LinearSettings.ApiKeyVariable} to a valid Linear API key, " +
                $"or unset it to release with tickets marked unverified.", status),
            FailureKind.RateLimited => new TrackerUnavailableException(Service,
                $"Linear's rate limit stopped {operation} after {attempts} attempt(s) ({message})" +
                (failure.RetryAt is { } at ? $"; it resets at {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC." : "."),
                status, RetryPolicy.Until(failure.RetryAt, _settings.Clock.GetUtcNow())),
            FailureKind.Transient => new TrackerUnavailableException(Service,
                $"Linear did not answer {operation} after {attempts} attempt(s): {message}.", status),
            FailureKind.Malformed => new ApiException(Service, $"Linear sent a malformed answer to {operation}: {message}.", status),
            _ => new ApiException(Service, $"Linear refused {operation}: {message}.", status),
        };
    }
}
