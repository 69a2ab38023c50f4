using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>Jira's issues: found by id or key, fetched in bulk, searched, edited (fields, fix versions).</summary>
internal sealed partial class JiraRest
{
    /// <summary>By id, by key in any case, or by a key it moved from; only in a project the account may browse.</summary>
    private JiraIssueFixture? FindIssue(string idOrKey)
    {
        var key = state.MovedKeys.FirstOrDefault(m => string.Equals(m.Key, idOrKey, StringComparison.OrdinalIgnoreCase)).Value ?? idOrKey;
        var issue = state.Issues.Find(i => i.Id == idOrKey)
            ?? state.Issues.Find(i => string.Equals(i.Key, key, StringComparison.OrdinalIgnoreCase));
        return issue is not null && state.Projects.Exists(p => p.Key == issue.ProjectKey && p.IsVisibleTo(user.Email)) ? issue : null;
    }

    private RestAnswer? WithIssue(IReadOnlyDictionary<string, string> path, Func<JiraIssueFixture, RestAnswer?> answer) =>
        FindIssue(path["issueIdOrKey"]) is { } issue ? answer(issue) : new RestAnswer(404, Errors(NoIssue));

    private RestAnswer BulkFetch(JsonObject body)
    {
        var wanted = Strings(body["issueIdsOrKeys"]);
        if (wanted.Count == 0 || wanted.Count > BulkFetchLimit)
        {
            return new RestAnswer(400, Errors($"Between 1 and {BulkFetchLimit} issue IDs or keys must be requested; {wanted.Count} were."));
        }
        var fields = Fields(Strings(body["fields"]), "*navigable");
        var found = new List<JiraIssueFixture>();
        var errors = new JsonArray();
        foreach (var idOrKey in wanted.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (FindIssue(idOrKey) is { } issue)
            {
                if (!found.Contains(issue))
                {
                    found.Add(issue);
                }
            }
            else
            {
                errors.Add(new JsonObject { ["id"] = idOrKey, ["errorMessage"] = NoIssue });
            }
        }
        // Jira returns the issues in ascending id order, not in the order asked.
        var issues = found.OrderBy(i => long.Parse(i.Id, CultureInfo.InvariantCulture)).Select(i => (JsonNode)Issue(i, fields));
        return new RestAnswer(200, new JsonObject { ["issues"] = new JsonArray([.. issues]), ["issueErrors"] = errors });
    }

    /// <summary>
    /// Enhanced JQL search: the clauses of <see cref="Jql"/> joined by AND, pages of at most 100 with
    /// an opaque nextPageToken; fields default to the id alone, as Jira's /search/jql does.
    /// </summary>
    private RestAnswer Search(string? jql, string? pageToken, int? maxResults, IReadOnlyList<string> fields)
    {
        if (string.IsNullOrWhiteSpace(jql))
        {
            return new RestAnswer(400, Errors("Unbounded JQL queries are not allowed here. Please add a search restriction to your query."));
        }
        var visible = state.Issues.Where(i => FindIssue(i.Key) is not null);
        var (matching, problem) = Jql.Filter(jql, visible, state, FindIssue);
        if (problem is not null)
        {
            return new RestAnswer(400, Errors(problem));
        }
        var start = 0;
        var validToken = pageToken is null
            || (pageToken.StartsWith('p') && int.TryParse(pageToken[1..], NumberStyles.None, CultureInfo.InvariantCulture, out start));
        if (!validToken)
        {
            return new RestAnswer(400, Errors("The provided next page token is invalid or expired."));
        }
        var size = Math.Clamp(maxResults ?? 50, 1, 100);
        var ordered = matching!.OrderBy(i => long.Parse(i.Id, CultureInfo.InvariantCulture)).ToList();
        var page = ordered.Skip(start).Take(size).ToList();
        var wanted = Fields(fields, "id");
        var answer = new JsonObject
        {
            ["issues"] = new JsonArray([.. page.Select(i => (JsonNode)(wanted.Count == 0 ? new JsonObject { ["id"] = i.Id } : Issue(i, wanted)))]),
            ["isLast"] = start + page.Count >= ordered.Count,
        };
        if (start + page.Count < ordered.Count)
        {
            answer["nextPageToken"] = $"p{start + page.Count}";
        }
        return new RestAnswer(200, answer);
    }

    /// <summary>
    /// The fields an answer carries: a list of names (each may be comma-separated), "*all" or
    /// "*navigable" for every field, "-name" to leave one out; unknown names are ignored, as Jira does.
    /// </summary>
    private static HashSet<string> Fields(IReadOnlyList<string> asked, string byDefault)
    {
        var names = asked.SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (names.Count == 0)
        {
            names.Add(byDefault);
        }
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names.Where(n => !n.StartsWith('-')))
        {
            if (name is "*all" or "*navigable")
            {
                fields.UnionWith(KnownFields);
            }
            else if (KnownFields.Contains(name))
            {
                fields.Add(name);
            }
        }
        fields.ExceptWith(names.Where(n => n.StartsWith('-')).Select(n => n[1..]));
        return fields;
    }

    private JsonObject Issue(JiraIssueFixture issue, IReadOnlySet<string> fields)
    {
        var all = new Dictionary<string, Func<JsonNode>>
        {
            ["summary"] = () => issue.Summary,
            ["status"] = () => Status(issue),
            ["project"] = () => Project(state.Project(issue.ProjectKey)),
            ["fixVersions"] = () => new JsonArray([.. issue.FixVersionIds.Select(id => (JsonNode)Version(state.Versions.Find(v => v.Id == id)!))]),
            ["issuetype"] = () => new JsonObject
            {
                ["self"] = $"{Base}{Api}/issuetype/10001",
                ["id"] = "10001",
                ["name"] = "Task",
                ["subtask"] = false,
                ["hierarchyLevel"] = 0,
            },
        };
        return new JsonObject
        {
            ["expand"] = "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
            ["id"] = issue.Id,
            ["self"] = $"{Base}{Api}/issue/{issue.Id}",
            ["key"] = issue.Key,
            ["fields"] = new JsonObject(all.Where(f => fields.Contains(f.Key)).Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value()))),
        };
    }

    private JsonObject Status(JiraIssueFixture issue)
    {
        var id = Wire.StableId($"jira-status/{issue.Status}").ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["self"] = $"{Base}{Api}/status/{id}",
            ["description"] = "",
            ["iconUrl"] = $"{Base}/images/icons/statuses/generic.png",
            ["name"] = issue.Status,
            ["id"] = id,
            ["statusCategory"] = JiraStatusCategory.Json(issue.StatusCategory, Base),
        };
    }

    /// <summary>
    /// Edits an issue: fixVersions through <c>update</c> (add, remove, set; each by id or name) or
    /// <c>fields</c> (the whole list), and summary. Any other field is refused, as Jira refuses a
    /// field that is not on the edit screen.
    /// </summary>
    private RestAnswer EditIssue(JiraIssueFixture issue, JsonObject body)
    {
        var fixVersions = issue.FixVersionIds.ToList();
        var summary = issue.Summary;
        var problems = new Dictionary<string, string>();
        if (!user.CanEditIssues)
        {
            var fields = (body["update"] as JsonObject ?? []).Concat(body["fields"] as JsonObject ?? []).Select(f => f.Key).Distinct();
            return new RestAnswer(400, Errors([], fields.ToDictionary(f => f, NotOnScreen)));
        }
        foreach (var (field, operations) in body["update"] as JsonObject ?? [])
        {
            if (field != "fixVersions")
            {
                problems[field] = NotOnScreen(field);
                continue;
            }
            foreach (var operation in operations as JsonArray ?? [])
            {
                foreach (var (verb, value) in operation as JsonObject ?? [])
                {
                    switch (verb)
                    {
                        case "add" when ResolveVersion(issue, value, problems) is { } added:
                            if (!fixVersions.Contains(added.Id))
                            {
                                fixVersions.Add(added.Id);
                            }
                            break;
                        case "remove" when ResolveVersion(issue, value, problems) is { } removed:
                            fixVersions.Remove(removed.Id);
                            break;
                        case "set":
                            fixVersions = [.. (value as JsonArray ?? []).Select(v => ResolveVersion(issue, v, problems)?.Id).OfType<string>().Distinct()];
                            break;
                        case "add" or "remove":
                            break;
                        default:
                            problems["fixVersions"] = $"Operation '{verb}' is not supported for fixVersions.";
                            break;
                    }
                }
            }
        }
        foreach (var (field, value) in body["fields"] as JsonObject ?? [])
        {
            switch (field)
            {
                case "fixVersions":
                    fixVersions = [.. (value as JsonArray ?? []).Select(v => ResolveVersion(issue, v, problems)?.Id).OfType<string>().Distinct()];
                    break;
                case "summary" when value is JsonValue text && text.GetValueKind() == JsonValueKind.String && text.GetValue<string>().Length > 0:
                    summary = text.GetValue<string>();
                    break;
                case "summary":
                    problems["summary"] = "You must specify a summary of the issue.";
                    break;
                default:
                    problems[field] = NotOnScreen(field);
                    break;
            }
        }
        if (problems.Count > 0)
        {
            return new RestAnswer(400, Errors([], problems));
        }
        var edited = issue with { FixVersionIds = fixVersions, Summary = summary };
        state.Issues[state.Issues.IndexOf(issue)] = edited;
        return request.QueryValue("returnIssue") == "true"
            ? new RestAnswer(200, Issue(edited, Fields([], "*all")))
            : new RestAnswer(204, new JsonObject());
    }

    private static string NotOnScreen(string field) => $"Field '{field}' cannot be set. It is not on the appropriate screen, or unknown.";

    /// <summary>A version of the issue's project named by {"id": ...} or {"name": ...}; a problem recorded when there is none.</summary>
    private JiraVersionFixture? ResolveVersion(JiraIssueFixture issue, JsonNode? reference, Dictionary<string, string> problems)
    {
        var project = state.Project(issue.ProjectKey);
        var id = Scalar(reference?["id"]);
        var name = Scalar(reference?["name"]);
        var version = id is not null
            ? state.Versions.Find(v => v.Id == id && v.ProjectId == project.Id)
            : name is not null
                ? state.Versions.Find(v => v.ProjectId == project.Id && string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase))
                : null;
        if (version is null)
        {
            problems["fixVersions"] = id is not null ? $"Version id '{id}' is not valid"
                : name is not null ? $"Version name '{name}' is not valid"
                : "A version must be given by id or name.";
        }
        return version;
    }
}
