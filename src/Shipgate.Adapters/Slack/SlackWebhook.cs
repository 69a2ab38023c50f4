using System.Net;
using System.Text;
using Shipgate.GitHub;
using Shipgate.Integrations;
using Shipgate.Rendering;

namespace Shipgate.Slack;

/// <summary>
/// A Slack incoming webhook (SHIPGATE_SLACK_WEBHOOK_URL). The URL is the secret: it is registered for redaction,
/// and messages and status lines name the webhook, never its URL. Posts go through <see cref="ApiChannel"/> with
/// the APIs' bounds; 429 (Retry-After) and 5xx are retried. Slack answers 200 "ok"; anything else is an error
/// carrying Slack's own word for it (invalid_payload, no_service, ...).
/// </summary>
internal sealed class SlackWebhook
{
    public const string Variable = "SHIPGATE_SLACK_WEBHOOK_URL";
    public const string Service = "Slack";
    private const string What = "POST to the Slack incoming webhook";

    private readonly Uri _url;
    private readonly Secrets _secrets;
    private readonly ApiChannel _channel;

    public SlackWebhook(Uri url, Secrets secrets, TimeProvider clock, RetryPolicy? retry = null, IProgress<ApiWait>? waits = null)
    {
        _url = url;
        _secrets = secrets.Add(url.AbsoluteUri);
        _channel = new ApiChannel(Service, retry ?? GitHubHttp.DefaultRetry, clock, Retryable, waits);
    }

    /// <summary>
    /// The webhook the environment names, or null when it names none. An https URL (http only to this machine, for tests);
    /// anything else is exit 2, naming the variable and never its value.
    /// </summary>
    public static SlackWebhook? FromEnvironment(Func<string, string?> environment, Secrets secrets, TimeProvider clock, IProgress<ApiWait>? waits)
    {
        if (environment(Variable) is not { } value || string.IsNullOrWhiteSpace(value)) return null;
        secrets.Add(value);
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url)
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
            throw new UsageException($"{Variable} must be a Slack incoming webhook URL (https://hooks.slack.com/services/...). " +
                "Set it to the URL Slack gave for the webhook, or unset it to send no Slack message.");
        return new SlackWebhook(url, secrets, clock, waits: waits);
    }

    /// <summary>Posts one message (JSON with text and blocks). Throws <see cref="ApiException"/> when Slack did not take it.</summary>
    public async Task PostAsync(string payload, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        var reply = await _channel.SendAsync(request, What, ct);
        if (reply.GaveUp is { } why)
            throw new ApiException(Service, _secrets.Redact(
                $"Slack did not take the message: {why.Why} (gave up after {reply.Attempts} attempts)."), reply.Answer?.Status, why.RequestedWait);
        var answer = reply.Answer!;
        if (answer.Status != (int)HttpStatusCode.OK || answer.Body.Trim() != "ok")
            throw new ApiException(Service, _secrets.Redact(
                $"Slack refused the message: {answer.Status} {answer.Reason}: {SafeText.Shorten(SafeText.OneLine(answer.Body), 200)}. " +
                $"Check {Variable} and the webhook's settings in Slack."), answer.Status);
    }

    private static RetryReason? Retryable(ApiAnswer answer, DateTimeOffset now)
    {
        var asked = GitHubRateLimit.RequestedWait(answer.Header("retry-after"), null, null, now);
        if (answer.Status == 429) return new RetryReason("Slack's rate limit was hit", asked);
        return answer.Status >= 500 ? new RetryReason($"Slack answered {answer.Status} {answer.Reason}", asked) : null;
    }
}
