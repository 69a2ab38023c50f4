using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>
/// Atlassian Document Format, as far as Jira checks a comment body in API v3: a "doc" of version 1
/// whose nodes and marks are ADF's, text nodes non-empty, links with an href. Jira refuses anything
/// else with 400, so the emulator does too.
/// </summary>
internal static class Adf
{
    private static readonly HashSet<string> NodeTypes =
    [
        "doc", "paragraph", "text", "heading", "bulletList", "orderedList", "listItem", "codeBlock", "blockquote", "rule",
        "hardBreak", "mention", "emoji", "inlineCard", "blockCard", "embedCard", "panel", "table", "tableRow", "tableHeader",
        "tableCell", "status", "date", "expand", "nestedExpand", "taskList", "taskItem", "decisionList", "decisionItem",
        "mediaSingle", "mediaGroup", "media", "mediaInline",
    ];

    private static readonly HashSet<string> MarkTypes =
        ["strong", "em", "code", "link", "strike", "underline", "subsup", "textColor", "backgroundColor", "alignment", "indentation", "border"];

    /// <summary>What in the body is not a valid document, each naming where; empty when valid.</summary>
    public static IReadOnlyList<string> Problems(JsonNode? body)
    {
        var problems = new List<string>();
        if (body is not JsonObject doc || Text(doc["type"]) != "doc")
        {
            return ["comment body is not an Atlassian Document Format document (an object with type \"doc\")"];
        }
        if (doc["version"] is not JsonValue version || version.GetValueKind() != JsonValueKind.Number || version.GetValue<double>() != 1)
        {
            problems.Add("comment body: version must be 1");
        }
        if (doc["content"] is not JsonArray)
        {
            problems.Add("comment body: doc needs a content array");
        }
        CheckChildren(doc, "body", problems);
        return problems;
    }

    /// <summary>The text of every text node, in document order.</summary>
    public static IEnumerable<string> Texts(JsonNode? node) =>
        Nodes(node).Where(n => Text(n["type"]) == "text").Select(n => Text(n["text"]) ?? "");

    /// <summary>Each paragraph's (or heading's) text, in document order: the lines a reader sees.</summary>
    public static IEnumerable<string> Lines(JsonNode? node) =>
        Nodes(node).Where(n => Text(n["type"]) is "paragraph" or "heading").Select(n => string.Concat(Texts(n)));

    /// <summary>The href of every link mark, in document order.</summary>
    public static IEnumerable<string> LinkTargets(JsonNode? node) =>
        Nodes(node)
            .SelectMany(n => (n["marks"] as JsonArray ?? []).OfType<JsonObject>())
            .Where(m => Text(m["type"]) == "link")
            .Select(m => Text(m["attrs"]?["href"]) ?? "");

    private static IEnumerable<JsonObject> Nodes(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            yield break;
        }
        yield return obj;
        foreach (var child in obj["content"] as JsonArray ?? [])
        {
            foreach (var descendant in Nodes(child))
            {
                yield return descendant;
            }
        }
    }

    private static void CheckChildren(JsonObject parent, string where, List<string> problems)
    {
        var index = 0;
        foreach (var child in parent["content"] as JsonArray ?? [])
        {
            var at = $"{where}.content[{index++}]";
            if (child is not JsonObject node || Text(node["type"]) is not { } type)
            {
                problems.Add($"{at}: a node needs a type");
                continue;
            }
            if (!NodeTypes.Contains(type) || type == "doc")
            {
                problems.Add($"{at}: '{type}' is not an ADF node type here");
                continue;
            }
            if (type == "text")
            {
                if (string.IsNullOrEmpty(Text(node["text"])))
                {
                    problems.Add($"{at}: a text node needs non-empty text");
                }
                CheckMarks(node, at, problems);
            }
            else if (node["content"] is { } content and not JsonArray)
            {
                problems.Add($"{at}: content must be an array");
            }
            CheckChildren(node, at, problems);
        }
    }

    private static void CheckMarks(JsonObject node, string at, List<string> problems)
    {
        foreach (var mark in node["marks"] as JsonArray ?? [])
        {
            var type = Text(mark?["type"]);
            if (type is null || !MarkTypes.Contains(type))
            {
                problems.Add($"{at}: '{type}' is not an ADF mark type");
            }
            else if (type == "link" && string.IsNullOrEmpty(Text(mark!["attrs"]?["href"])))
            {
                problems.Add($"{at}: a link mark needs attrs.href");
            }
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
