using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shipgate.Jira;

/// <summary>An Atlassian Document Format document of paragraphs (a Jira v3 comment's body).</summary>
internal sealed record AdfDoc(string Type, int Version, IReadOnlyList<AdfParagraph> Content)
{
    public static AdfDoc Of(IReadOnlyList<AdfParagraph> paragraphs) => new("doc", 1, paragraphs);

    /// <summary>The document as Jira is sent it: compact JSON.</summary>
    public string ToJsonString() => JsonSerializer.Serialize(this, AdfJson.Default.AdfDoc);
}

internal sealed record AdfParagraph(string Type, IReadOnlyList<AdfText> Content)
{
    public static AdfParagraph Of(IReadOnlyList<AdfText> texts) => new("paragraph", texts);
}

/// <summary>A text node; a URL carries a link mark to itself, other text none.</summary>
internal sealed record AdfText(string Type, string Text, IReadOnlyList<AdfMark>? Marks = null)
{
    public static AdfText Plain(string text) => new("text", text);

    public static AdfText Link(string url) => new("text", url, [new AdfMark("link", new AdfLink(url))]);
}

internal sealed record AdfMark(string Type, AdfLink Attrs);

internal sealed record AdfLink(string Href);

/// <summary>ADF as Jira's v3 API reads it: camelCase names, absent marks left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AdfDoc))]
internal sealed partial class AdfJson : JsonSerializerContext;
