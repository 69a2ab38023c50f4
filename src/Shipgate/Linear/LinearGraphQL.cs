using Shipgate.Integrations;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipgate.Linear;

/// <summary>
/// Sends one GraphQL document to Linear and returns its <c>data</c>, retrying network faults, 5xx
/// answers and rate limits as <see cref="RetryPolicy"/> allows. Every failure becomes an exception
/// with a plain message; the key is sent only in the Authorization header and never appears in one.
/// </summary>
internal sealed class LinearGraphQL(HttpClient http, LinearSettings settings, Secrets secrets)
{
    /// <summary>Why an exchange did not yield data, and whether trying again may help.</summary>
    internal enum FailureKind { Transient, RateLimited, Refused, Rejected, Malformed }

    internal sealed record Failure(FailureKind Kind, string Message, DateTimeOffset? RetryAt = null)
    {
        public bool Retryable => Kind is FailureKind.Transient or FailureKind.RateLimited;
    }

    /// <summary>What one exchange gave: the data, or why not.</summary>
    internal sealed record Answer(JsonElement? Data, Failure? Failure);

    public async Task<JsonElement> SendAsync(string operation, string document, JsonObject variables, CancellationToken ct)
    {
        var body = new JsonObject { ["query"] = document, ["operationName"] = operation, ["variables"] = variables }.ToJsonString();
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            var answer = await ExchangeAsync(body, ct);
            if (answer.Data is { } data) return data;
            var failure = answer.Failure!;
            var delay = failure.Retryable ? settings.Retry.NextDelay(attempt, waited, RetryPolicy.Until(failure.RetryAt, settings.Clock.GetUtcNow())) : null;
            if (delay is null) throw ToException(operation, failure, attempt);
            waited += delay.Value;
            await settings.Sleep(delay.Value, ct);
        }
    }

    private async Task<Answer> ExchangeAsync(string body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", LinearSettings.AuthorizationValue(settings.ApiKey));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("shipgate", Record.RecordBuilder.Tool.Version));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            string? Header(string name) => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
            return Classify((int)response.StatusCode, Header, text, settings.Clock.GetUtcNow());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Answer(null, new Failure(FailureKind.Transient, $"no answer within {settings.RequestTimeout.TotalSeconds:0} s"));
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new Answer(null, new Failure(FailureKind.Transient, $"network error: {e.Message}"));
        }
    }

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

    private Exception ToException(string operation, Failure failure, int attempts)
    {
        var message = secrets.Redact(Rendering.SafeText.Shorten(failure.Message, 300));
        return failure.Kind switch
        {
            FailureKind.Refused => new LinearUnavailableException(
                $"Linear refused the key in {LinearSettings.ApiKeyVariable} ({message}). Set {LinearSettings.ApiKeyVariable} to a valid Linear API key, " +
                $"or unset it to release with tickets marked unverified."),
            FailureKind.RateLimited => new LinearUnavailableException(
                $"Linear's rate limit stopped {operation} after {attempts} attempt(s) ({message})" +
                (failure.RetryAt is { } at ? $"; it resets at {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC." : ".")),
            FailureKind.Transient => new LinearUnavailableException(
                $"Linear did not answer {operation} after {attempts} attempt(s): {message}."),
            FailureKind.Malformed => new LinearException($"Linear sent a malformed answer to {operation}: {message}."),
            _ => new LinearException($"Linear refused {operation}: {message}."),
        };
    }
}
