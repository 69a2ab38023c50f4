using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>
/// A Slack incoming webhook on 127.0.0.1, answering as Slack documents: 200 with the plain text <c>ok</c> for a
/// payload it takes; <c>invalid_payload</c> (400) for one that is not JSON or breaks Block Kit's rules it knows
/// (block types, a header's plain text of at most 150 characters, a section's text of at most 3000 or at most 10
/// fields); <c>no_service</c> (404) for any other path. 429 with Retry-After and bare statuses through the fault knobs.
/// </summary>
public sealed class SlackEmulator : IAsyncDisposable
{
    private static readonly string[] BlockTypes = ["header", "section", "context", "divider", "actions"];

    private readonly EmulatorHost _host;

    private SlackEmulator(EmulatorHost host) => _host = host;

    /// <summary>The webhook's URL: the secret Shipgate must never show.</summary>
    public string WebhookUrl => _host.BaseUrl + WebhookPath;

    public const string WebhookPath = "/services/T0SHIPGATE/B0RELEASES/xoxSecretWebhookKey0123456789";

    public Faults Faults => _host.Faults;

    /// <summary>Every exchange so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _host.Requests;

    /// <summary>The payloads Slack took (answered ok), oldest first.</summary>
    public IReadOnlyList<JsonObject> Messages =>
        [.. Requests.Where(r => r.StatusCode == 200).Select(r => JsonNode.Parse(r.Body)!.AsObject())];

    public static async Task<SlackEmulator> StartAsync() => new(await EmulatorHost.StartAsync(new SlackProtocol()));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private sealed class SlackProtocol : IProtocol
    {
        public Task<EmulatorResponse> HandleAsync(EmulatorRequest request)
        {
            if (request.Method != "POST" || request.Path != WebhookPath)
            {
                return Task.FromResult(Text(404, "no_service", ["not the webhook's path or method"]));
            }
            var problems = Problems(request);
            return Task.FromResult(problems.Count == 0 ? Text(200, "ok", []) : Text(400, "invalid_payload", problems));
        }

        public EmulatorResponse Answer(Fault fault, EmulatorRequest request) => fault switch
        {
            RateLimitFault limit => Text(429, "rate_limited", []) with
            {
                Headers = new Dictionary<string, string>
                {
                    ["Retry-After"] = ((int)Math.Ceiling(limit.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
                },
            },
            StatusFault failure => Text(failure.StatusCode, failure.StatusCode >= 500 ? "service_unavailable" : "invalid_token", []),
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "Slack answers only statuses and rate limits"),
        };

        private static List<string> Problems(EmulatorRequest request)
        {
            var problems = new List<string>();
            if (request.Header("Content-Type")?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            {
                problems.Add("Content-Type is not application/json");
            }
            JsonObject payload;
            try
            {
                if (JsonNode.Parse(request.Body) is not JsonObject parsed)
                {
                    return [.. problems, "the payload is not a JSON object"];
                }
                payload = parsed;
            }
            catch (JsonException)
            {
                return [.. problems, "the payload is not JSON"];
            }
            if (payload["text"]?.GetValueKind() != JsonValueKind.String && payload["blocks"] is null)
            {
                problems.Add("neither text nor blocks");
            }
            if (payload["blocks"] is { } blocks)
            {
                if (blocks is not JsonArray list || list.Count > 50)
                {
                    return [.. problems, "blocks is not a list of at most 50"];
                }
                foreach (var block in list)
                {
                    problems.AddRange(BlockProblems(block as JsonObject));
                }
            }
            return problems;
        }

        private static IEnumerable<string> BlockProblems(JsonObject? block)
        {
            var type = block?["type"]?.GetValue<string>();
            if (block is null || type is null || !BlockTypes.Contains(type))
            {
                yield return $"unknown block type {type}";
                yield break;
            }
            if (type == "header" && (block["text"]?["type"]?.GetValue<string>() != "plain_text" || Length(block["text"]?["text"]) is not (> 0 and <= 150)))
            {
                yield return "a header needs plain_text of 1 to 150 characters";
            }
            if (type == "section")
            {
                var fields = block["fields"] as JsonArray;
                if (block["text"] is null && fields is null)
                {
                    yield return "a section needs text or fields";
                }
                if (block["text"] is { } text && (Kind(text) is not ("mrkdwn" or "plain_text") || Length(text["text"]) is not (> 0 and <= 3000)))
                {
                    yield return "a section's text must be mrkdwn or plain_text of 1 to 3000 characters";
                }
                if (fields is not null
                    && (fields.Count > 10 || fields.Any(f => f is null || Kind(f) is not ("mrkdwn" or "plain_text") || Length(f["text"]) is not (> 0 and <= 2000))))
                {
                    yield return "a section has at most 10 fields of 1 to 2000 characters";
                }
            }
            if (type == "context" && block["elements"] is not JsonArray { Count: > 0 and <= 10 })
            {
                yield return "a context needs 1 to 10 elements";
            }
        }

        private static string? Kind(JsonNode node) => node["type"]?.GetValue<string>();

        private static int Length(JsonNode? text) => text?.GetValueKind() == JsonValueKind.String ? text.GetValue<string>().Length : -1;

        private static EmulatorResponse Text(int status, string body, IReadOnlyList<string> violations) =>
            new(status, body, violations) { ContentType = "text/plain; charset=utf-8" };
    }
}
