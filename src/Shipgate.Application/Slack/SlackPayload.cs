using System.Text.Json.Serialization;

namespace Shipgate.Slack;

/// <summary>Slack's incoming-webhook payload: the fallback <c>text</c> (notifications) and the Block Kit <c>blocks</c>.</summary>
internal sealed record SlackPayload(string Text, IReadOnlyList<SlackBlock> Blocks);

/// <summary>
/// A Block Kit block of the kinds a release message uses: a header or section with text, a section of fields, a context of
/// elements, a divider. What a kind does not have is left out.
/// </summary>
internal sealed record SlackBlock(string Type)
{
    public SlackText? Text { get; init; }
    public IReadOnlyList<SlackText>? Fields { get; init; }
    public IReadOnlyList<SlackText>? Elements { get; init; }
}

/// <summary>A text object: plain_text (a header's, with emoji shown) or mrkdwn.</summary>
internal sealed record SlackText(string Type, string Text)
{
    public bool? Emoji { get; init; }
}

/// <summary>Slack's payloads, serialized by source generation, compact as sent.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SlackPayload))]
internal sealed partial class SlackJson : JsonSerializerContext;
