using System.Text;
using System.Text.Json.Nodes;

namespace Shipgate.Jira;

/// <summary>
/// Plain text as Atlassian Document Format, which Jira's v3 comments take: one paragraph per line, and each
/// http(s) address a link mark, so the record and the deployment run are one click away. Pure.
/// </summary>
internal static class AdfDocument
{
    public static JsonObject FromText(string text)
    {
        var paragraphs = new JsonArray();
        foreach (var line in text.Split('\n').Where(l => l.Trim().Length > 0))
            paragraphs.Add((JsonNode)new JsonObject { ["type"] = "paragraph", ["content"] = Inline(line.TrimEnd()) });
        return new JsonObject { ["type"] = "doc", ["version"] = 1, ["content"] = paragraphs };
    }

    /// <summary>The line's text nodes: words as they are, each URL (up to the next space) marked as a link to itself.</summary>
    private static JsonArray Inline(string line)
    {
        var nodes = new JsonArray();
        var plain = new StringBuilder();
        var words = line.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var space = i < words.Length - 1 ? " " : "";
            if (!IsLink(words[i]))
            {
                plain.Append(words[i]).Append(space);
                continue;
            }
            if (plain.Length > 0) nodes.Add(Text(plain.ToString()));
            plain.Clear().Append(space);
            nodes.Add((JsonNode)new JsonObject
            {
                ["type"] = "text",
                ["text"] = words[i],
                ["marks"] = new JsonArray((JsonNode)new JsonObject { ["type"] = "link", ["attrs"] = new JsonObject { ["href"] = words[i] } }),
            });
        }
        if (plain.ToString().Trim().Length > 0) nodes.Add(Text(plain.ToString()));
        return nodes;
    }

    private static bool IsLink(string word) =>
        Uri.TryCreate(word, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";

    private static JsonNode Text(string text) => new JsonObject { ["type"] = "text", ["text"] = text };
}
