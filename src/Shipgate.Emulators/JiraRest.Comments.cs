using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>Jira's comments and remote links of an issue.</summary>
internal sealed partial class JiraRest
{
    private RestAnswer Comments(JiraIssueFixture issue)
    {
        var startAt = Math.Max(0, IntQuery("startAt") ?? 0);
        var maxResults = Math.Clamp(IntQuery("maxResults") ?? 100, 0, 100);
        var expand = Expand();
        var all = state.Comments.Where(c => c.IssueId == issue.Id).ToList();
        if (request.QueryValue("orderBy") == "-created")
        {
            all.Reverse();
        }
        var page = all.Skip(startAt).Take(maxResults).Select(c => (JsonNode)Comment(c, expand));
        return new RestAnswer(200, new JsonObject
        {
            ["startAt"] = startAt,
            ["maxResults"] = maxResults,
            ["total"] = all.Count,
            ["comments"] = new JsonArray([.. page]),
        });
    }

    private RestAnswer AddComment(JiraIssueFixture issue, JsonObject body)
    {
        if (body["body"] is null)
        {
            return new RestAnswer(400, Errors([], new Dictionary<string, string> { ["comment"] = "Comment body can not be empty!" }));
        }
        if (Adf.Problems(body["body"]) is { Count: > 0 } problems)
        {
            violations.AddRange(problems);
            return new RestAnswer(400, Errors(["INVALID_INPUT"], new Dictionary<string, string> { ["comment"] = "Comment body is not valid!" }));
        }
        var properties = (body["properties"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(p => Scalar(p["key"]) is not null)
            .ToDictionary(p => Scalar(p["key"])!, p => p["value"]?.ToJsonString() ?? "null");
        var comment = new JiraCommentFixture(
            NextId(state.Comments.Select(c => c.Id)),
            issue.Id,
            body["body"]!.ToJsonString(),
            user.AccountId,
            DateTimeOffset.UtcNow,
            properties.Count > 0 ? properties : null);
        state.Comments.Add(comment);
        return new RestAnswer(201, Comment(comment, Expand()));
    }

    private JsonObject Comment(JiraCommentFixture comment, IReadOnlySet<string> expand)
    {
        var author = state.Users.Find(u => u.AccountId == comment.AuthorAccountId);
        var node = new JsonObject
        {
            ["self"] = $"{Base}{Api}/issue/{comment.IssueId}/comment/{comment.Id}",
            ["id"] = comment.Id,
            ["author"] = Author(comment.AuthorAccountId, author),
            ["body"] = JsonNode.Parse(comment.Body),
            ["updateAuthor"] = Author(comment.AuthorAccountId, author),
            ["created"] = JiraTime(comment.Created),
            ["updated"] = JiraTime(comment.Created),
            ["jsdPublic"] = true,
        };
        if (expand.Contains("renderedBody"))
        {
            node["renderedBody"] = "<p>" + System.Net.WebUtility.HtmlEncode(comment.Text) + "</p>";
        }
        if (expand.Contains("properties"))
        {
            node["properties"] = new JsonArray([.. (comment.Properties ?? new Dictionary<string, string>())
                .Select(p => (JsonNode)new JsonObject { ["key"] = p.Key, ["value"] = JsonNode.Parse(p.Value) })]);
        }
        return node;
    }

    private JsonObject Author(string accountId, JiraUserFixture? author) => new()
    {
        ["self"] = $"{Base}{Api}/user?accountId={accountId}",
        ["accountId"] = accountId,
        ["displayName"] = author?.DisplayName ?? "Former user",
        ["active"] = author is not null,
        ["accountType"] = "atlassian",
        ["timeZone"] = "Etc/UTC",
    };

    // ---- remote links ----

    private RestAnswer RemoteLinks(JiraIssueFixture issue)
    {
        var links = state.RemoteLinks.Where(l => l.IssueId == issue.Id).ToList();
        if (request.QueryValue("globalId") is { } globalId)
        {
            return links.Find(l => l.GlobalId == globalId) is { } link
                ? new RestAnswer(200, RemoteLink(issue, link))
                : new RestAnswer(404, Errors($"No remote link with global id '{globalId}' on issue {issue.Key}."));
        }
        return new RestAnswer(200, new JsonArray([.. links.Select(l => (JsonNode)RemoteLink(issue, l))]));
    }

    /// <summary>Posting a global id the issue already has replaces that link (fields left out become empty); otherwise a new link.</summary>
    private RestAnswer CreateOrUpdateRemoteLink(JiraIssueFixture issue, JsonObject body)
    {
        var globalId = Scalar(body["globalId"]);
        var existing = globalId is null ? null : state.RemoteLinks.Find(l => l.IssueId == issue.Id && l.GlobalId == globalId);
        var link = new JiraRemoteLinkFixture(
            existing?.Id ?? NextNumber(state.RemoteLinks.Select(l => l.Id)),
            issue.Id,
            globalId,
            body["object"]!.ToJsonString())
        {
            Relationship = Scalar(body["relationship"]),
            Application = body["application"]?.ToJsonString(),
        };
        if (existing is null)
        {
            state.RemoteLinks.Add(link);
        }
        else
        {
            state.RemoteLinks[state.RemoteLinks.IndexOf(existing)] = link;
        }
        return new RestAnswer(existing is null ? 201 : 200, new JsonObject
        {
            ["id"] = link.Id,
            ["self"] = $"{Base}/rest/api/issue/{issue.Key}/remotelink/{link.Id}",
        });
    }

    private JsonObject RemoteLink(JiraIssueFixture issue, JiraRemoteLinkFixture link)
    {
        var node = new JsonObject
        {
            ["id"] = link.Id,
            ["self"] = $"{Base}/rest/api/issue/{issue.Key}/remotelink/{link.Id}",
            ["object"] = JsonNode.Parse(link.Object),
        };
        if (link.GlobalId is not null)
        {
            node["globalId"] = link.GlobalId;
        }
        if (link.Application is not null)
        {
            node["application"] = JsonNode.Parse(link.Application);
        }
        if (link.Relationship is not null)
        {
            node["relationship"] = link.Relationship;
        }
        return node;
    }
}
