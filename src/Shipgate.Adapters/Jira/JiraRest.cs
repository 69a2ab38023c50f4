using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Jira;

/// <summary>
/// Jira's wire rules in one place: HTTP Basic of JIRA_EMAIL and JIRA_API_TOKEN, sent only to the site
/// (every path is the site's own), which answers are worth another attempt (429 with Retry-After, 5xx;
/// the retrying itself is <see cref="ApiChannel"/>'s), and errors that name the variables, never their values.
/// </summary>
internal sealed class JiraRest
{
    public const string Service = "Jira";

    private readonly JiraSettings _settings;
    private readonly Secrets _secrets;
    private readonly ApiChannel _channel;

    public JiraRest(JiraSettings settings, Secrets secrets, IProgress<ApiWait>? waits)
    {
        _settings = settings;
        _secrets = secrets.Add(settings.ApiToken).Add(settings.AuthorizationValue["Basic ".Length..]);
        _channel = new ApiChannel(Service, settings.Retry, settings.Clock, Retryable, waits);
    }

    public JiraSettings Settings => _settings;

    /// <summary>GET of a resource, read strictly as <typeparamref name="T"/>.</summary>
    public Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken ct) where T : class =>
        SendAsync(HttpMethod.Get, path, null, type, ct);

    /// <summary>POST or PUT of a JSON body; the answer read strictly as <typeparamref name="T"/>.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, string? json, JsonTypeInfo<T> type, CancellationToken ct) where T : class
    {
        var (answer, what) = await ExchangeAsync(method, path, json, ct);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(answer.Body);
        }
        catch (JsonException)
        {
            throw WrongShape(what, "with malformed JSON");
        }
        using (document)
        {
            var (value, problem) = WireReader.Read(document.RootElement, type);
            return value ?? throw WrongShape(what, problem!);
        }
    }

    /// <summary>A PUT whose answer has no body worth reading (204 No Content).</summary>
    public async Task SendAsync(HttpMethod method, string path, string json, CancellationToken ct) => await ExchangeAsync(method, path, json, ct);

    private async Task<(ApiAnswer Answer, string What)> ExchangeAsync(HttpMethod method, string path, string? json, CancellationToken ct)
    {
        var what = $"{method.Method} {path.Split('?', 2)[0]}";
        using var request = new HttpRequestMessage(method, new Uri(_settings.Site.GetLeftPart(UriPartial.Authority) + path));
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        request.Headers.TryAddWithoutValidation("Authorization", _settings.AuthorizationValue);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("shipgate", RecordBuilder.Tool.Version));
        var reply = await _channel.SendAsync(request, what, ct);
        if (reply.GaveUp is { } why) throw GaveUp(what, why, reply);
        var answer = reply.Answer!;
        if (!answer.IsSuccess) throw Refused(answer, what);
        return (answer, what);
    }

    /// <summary>Jira's rule for another attempt: 429 and 503 (with Retry-After in seconds) and every other 5xx.</summary>
    private static RetryReason? Retryable(ApiAnswer answer, DateTimeOffset now)
    {
        var wait = int.TryParse(answer.Header("Retry-After"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        if (answer.Status == 429) return new RetryReason("Jira's rate limit was hit", wait);
        return answer.Status >= 500 ? new RetryReason($"Jira answered {answer.Status} {answer.Reason}", wait) : null;
    }

    private ApiException GaveUp(string what, RetryReason why, ApiReply reply)
    {
        var where = reply.Answer is null ? $" (Jira at {_settings.Site.Authority})" : "";
        return new TrackerUnavailableException(Service,
            _secrets.Redact($"Jira did not answer {what} after {reply.Attempts} attempt(s): {why.Why}{where}. Try again later."),
            reply.Answer?.Status, why.RequestedWait);
    }

    /// <summary>401: the credentials are wrong for every further call. Other refusals concern this one call.</summary>
    private ApiException Refused(ApiAnswer answer, string what)
    {
        var detail = $"{answer.Status} {answer.Reason}" + (ServerMessage(answer.Body) is { } said ? $": {said}" : "");
        if (answer.Status == 401)
            return new TrackerUnavailableException(Service, _secrets.Redact(
                $"Jira at {_settings.Site.Authority} refused the credentials in {JiraSettings.EmailVariable} and {JiraSettings.TokenVariable} ({detail}). " +
                $"Set them to your Atlassian account's email and an API token, or unset {JiraSettings.TokenVariable} to release with Jira tickets unverified."),
                answer.Status);
        return new ApiException(Service, _secrets.Redact($"Jira refused {what} ({detail})."), answer.Status);
    }

    private ApiException WrongShape(string what, string problem) => new(Service,
        $"Jira answered {what} {problem}; Shipgate takes nothing from an answer of the wrong shape. Check jira.site (or {JiraSettings.BaseUrlVariable}).",
        200);

    /// <summary>Jira's own words for a refusal (errorMessages and field errors), when it gave some.</summary>
    private static string? ServerMessage(string body)
    {
        try
        {
            if (JsonSerializer.Deserialize(body, JiraJson.Default.JiraErrors) is not { } errors) return null;
            var all = (errors.ErrorMessages ?? []).Concat((errors.Errors ?? []).Select(e => $"{e.Key}: {e.Value}")).ToList();
            return all.Count == 0 ? null : SafeText.Shorten(string.Join("; ", all), 200);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
