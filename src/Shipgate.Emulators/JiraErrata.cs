using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>
/// Where Atlassian's published description disagrees with Jira Cloud itself, corrected before the
/// emulator checks anything against it; each correction says what Jira does and where it is documented.
/// </summary>
internal static class JiraErrata
{
    /// <summary>Jira's timestamps: milliseconds and an offset without a colon, as in the description's own examples.</summary>
    public const string TimestampPattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$";

    public static void Apply(JsonObject document)
    {
        // Every "date-time" Jira writes is like "2021-01-17T12:34:00.000+0000" (the examples of the description
        // itself), which RFC 3339 refuses for its offset without a colon: checked by that pattern instead.
        foreach (var schema in Objects(document).Where(o => o["format"] is JsonValue f && f.ToJsonString() == "\"date-time\"").ToList())
        {
            schema.Remove("format");
            schema["pattern"] = TimestampPattern;
        }

        // getRemoteIssueLinks: "When a remote issue link global ID is provided the record with that global ID is
        // returned, otherwise all remote issue links are returned" (the operation's own text and example, a list);
        // the description declares a single RemoteIssueLink for both.
        if (document["paths"]?["/rest/api/3/issue/{issueIdOrKey}/remotelink"]?["get"]?["responses"]?["200"]?["content"]?["application/json"]
            is JsonObject remoteLinks)
        {
            remoteLinks["schema"] = new JsonObject
            {
                ["oneOf"] = new JsonArray(
                    new JsonObject { ["$ref"] = "#/components/schemas/RemoteIssueLink" },
                    new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = "#/components/schemas/RemoteIssueLink" } }),
            };
        }
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            yield return obj;
        }
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var descendant in Objects(child))
            {
                yield return descendant;
            }
        }
    }
}
