using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>
/// The Jira operations the emulator serves, each answering from the fixture as Jira Cloud does:
/// only what the account may browse, issues found by id, key (any case) or a key they moved from,
/// bulk fetches with errors per issue, comments, remote links by global id, versions and fix versions.
/// </summary>
internal sealed class JiraRest(JiraFixture state, EmulatorRequest request, JiraUserFixture user, List<string> violations)
{
    private const string Api = "/rest/api/3";
    private const int BulkFetchLimit = 100;
    private const string NoIssue = "Issue does not exist or you do not have permission to see it.";
    private static readonly string[] KnownFields = ["summary", "status", "project", "fixVersions", "issuetype"];

    private string Base => request.BaseUrl;

    /// <summary>Jira's error collection: messages, and errors by field.</summary>
    public static JsonObject Errors(params string[] messages) => Errors(messages, null);

    public static JsonObject Errors(IEnumerable<string> messages, IReadOnlyDictionary<string, string>? byField) => new()
    {
        ["errorMessages"] = new JsonArray([.. messages.Select(m => (JsonNode)m)]),
        ["errors"] = new JsonObject((byField ?? new Dictionary<string, string>()).Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))),
    };

    /// <summary>The answer for <paramref name="operation"/>, or null when the emulator does not serve it.</summary>
    public RestAnswer? Handle(RestOperation operation, IReadOnlyDictionary<string, string> path)
    {
        JsonNode? body = null;
        if (request.Method is "POST" or "PUT")
        {
            body = JsonNode.Parse(request.Body); // the host checked it against the description already
        }
        return (operation.Method, operation.PathTemplate[Api.Length..]) switch
        {
            ("GET", "/myself") => new RestAnswer(200, User(withEmail: true)),
            ("GET", "/serverInfo") => new RestAnswer(200, ServerInfo()),
            ("GET", "/project/search") => ProjectSearch(),
            ("POST", "/issue/bulkfetch") => BulkFetch(body!.AsObject()),
            ("GET", "/search/jql") => Search(
                request.QueryValue("jql"), request.QueryValue("nextPageToken"), IntQuery("maxResults"), request.QueryValues("fields")),
            ("POST", "/search/jql") => Search(
                Scalar(body!["jql"]),
                Scalar(body["nextPageToken"]),
                Scalar(body["maxResults"]) is { } max ? int.Parse(max, CultureInfo.InvariantCulture) : null,
                Strings(body["fields"])),
            ("GET", "/issue/{issueIdOrKey}") => WithIssue(path, issue => new RestAnswer(200, Issue(issue, Fields(request.QueryValues("fields"), "*all")))),
            ("PUT", "/issue/{issueIdOrKey}") => WithIssue(path, issue => EditIssue(issue, body!.AsObject())),
            ("GET", "/issue/{issueIdOrKey}/comment") => WithIssue(path, Comments),
            ("POST", "/issue/{issueIdOrKey}/comment") => WithIssue(path, issue => AddComment(issue, body!.AsObject())),
            ("GET", "/issue/{issueIdOrKey}/remotelink") => WithIssue(path, RemoteLinks),
            ("POST", "/issue/{issueIdOrKey}/remotelink") => WithIssue(path, issue => CreateOrUpdateRemoteLink(issue, body!.AsObject())),
            ("GET", "/project/{projectIdOrKey}/versions") => ProjectVersions(path["projectIdOrKey"]),
            ("POST", "/version") => CreateVersion(body!.AsObject()),
            ("GET", "/version/{id}") => WithVersion(path, version => new RestAnswer(200, Version(version))),
            ("PUT", "/version/{id}") => WithVersion(path, version => UpdateVersion(version, body!.AsObject())),
            _ => null,
        };
    }

    // ---- accounts, site, projects ----

    private JsonObject User(bool withEmail)
    {
        var node = new JsonObject
        {
            ["self"] = $"{Base}{Api}/user?accountId={user.AccountId}",
            ["accountId"] = user.AccountId,
            ["accountType"] = "atlassian",
            ["displayName"] = user.DisplayName,
            ["active"] = true,
            ["timeZone"] = "Etc/UTC",
        };
        if (withEmail)
        {
            node["emailAddress"] = user.Email;
            node["locale"] = "en_US";
        }
        return node;
    }

    private JsonObject ServerInfo() => new()
    {
        ["baseUrl"] = Base,
        ["displayUrl"] = Base,
        ["version"] = "1001.0.0-SNAPSHOT",
        ["versionNumbers"] = new JsonArray(1001, 0, 0),
        ["deploymentType"] = "Cloud",
        ["buildNumber"] = 100_283,
        ["buildDate"] = "2025-01-01T00:00:00.000+0000",
        ["serverTime"] = JiraTime(DateTimeOffset.UtcNow),
        ["scmInfo"] = "5330f7d9",
        ["serverTitle"] = "Jira",
    };

    private IEnumerable<JiraProjectFixture> VisibleProjects =>
        state.Projects.Where(p => p.IsVisibleTo(user.Email)).OrderBy(p => p.Key, StringComparer.Ordinal);

    private JiraProjectFixture? FindProject(string idOrKey) =>
        VisibleProjects.FirstOrDefault(p => p.Id == idOrKey || string.Equals(p.Key, idOrKey, StringComparison.OrdinalIgnoreCase));

    private JsonObject Project(JiraProjectFixture project) => new()
    {
        ["self"] = $"{Base}{Api}/project/{project.Id}",
        ["id"] = project.Id,
        ["key"] = project.Key,
        ["name"] = project.Name,
        ["projectTypeKey"] = "software",
        ["simplified"] = false,
        ["style"] = "classic",
        ["isPrivate"] = project.VisibleTo is not null,
        ["avatarUrls"] = new JsonObject
        {
            ["16x16"] = $"{Base}/secure/projectavatar?size=xsmall&pid={project.Id}",
            ["48x48"] = $"{Base}/secure/projectavatar?pid={project.Id}",
        },
    };

    private RestAnswer ProjectSearch()
    {
        var startAt = Math.Max(0, IntQuery("startAt") ?? 0);
        var maxResults = Math.Clamp(IntQuery("maxResults") ?? 50, 1, 100);
        var keys = request.QueryValues("keys").SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var query = request.QueryValue("query");
        var matching = VisibleProjects
            .Where(p => keys.Count == 0 || keys.Contains(p.Key, StringComparer.OrdinalIgnoreCase))
            .Where(p => query is null
                || p.Key.Contains(query, StringComparison.OrdinalIgnoreCase) || p.Name.Contains(query, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var page = matching.Skip(startAt).Take(maxResults).ToList();
        var isLast = startAt + page.Count >= matching.Count;
        var answer = new JsonObject
        {
            ["self"] = $"{Base}{Api}/project/search?startAt={startAt}&maxResults={maxResults}",
            ["maxResults"] = maxResults,
            ["startAt"] = startAt,
            ["total"] = matching.Count,
            ["isLast"] = isLast,
            ["values"] = new JsonArray([.. page.Select(p => (JsonNode)Project(p))]),
        };
        if (!isLast)
        {
            answer["nextPage"] = $"{Base}{Api}/project/search?startAt={startAt + maxResults}&maxResults={maxResults}";
        }
        return new RestAnswer(200, answer);
    }

    // ---- issues ----

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

    // ---- comments ----

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

    // ---- versions ----

    private RestAnswer? WithVersion(IReadOnlyDictionary<string, string> path, Func<JiraVersionFixture, RestAnswer> answer)
    {
        var version = state.Versions.Find(v => v.Id == path["id"]);
        var visible = version is not null && state.Projects.Exists(p => p.Id == version.ProjectId && p.IsVisibleTo(user.Email));
        return visible ? answer(version!) : new RestAnswer(404, Errors($"Could not find version for id '{path["id"]}'"));
    }

    private RestAnswer ProjectVersions(string projectIdOrKey) =>
        FindProject(projectIdOrKey) is { } project
            ? new RestAnswer(200, new JsonArray([.. state.Versions.Where(v => v.ProjectId == project.Id).Select(v => (JsonNode)Version(v))]))
            : new RestAnswer(404, Errors($"No project could be found with key '{projectIdOrKey}'."));

    /// <summary>A version needs a project (projectId or project key) and a name no other version of that project has, in any case.</summary>
    private RestAnswer CreateVersion(JsonObject body)
    {
        var projectRef = Scalar(body["projectId"]) ?? Scalar(body["project"]);
        if (projectRef is null)
        {
            return new RestAnswer(400, Errors([], new Dictionary<string, string> { ["project"] = "Project must be specified to create a version." }));
        }
        if (FindProject(projectRef) is not { } project || !user.CanManageVersions)
        {
            return new RestAnswer(404, Errors($"Project with id or key '{projectRef}' was not found or you do not have permission to see it."));
        }
        var name = Scalar(body["name"])?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return new RestAnswer(400, Errors([], new Dictionary<string, string> { ["name"] = "You must specify a valid version name" }));
        }
        var version = new JiraVersionFixture(NextId(state.Versions.Select(v => v.Id)), project.Id, name);
        if (Apply(version, body) is not { } applied)
        {
            return DateProblem();
        }
        if (NameTaken(applied))
        {
            return NameTakenAnswer();
        }
        state.Versions.Add(applied);
        return new RestAnswer(201, Version(applied));
    }

    private RestAnswer UpdateVersion(JiraVersionFixture version, JsonObject body)
    {
        if (!user.CanManageVersions)
        {
            return new RestAnswer(400, Errors("You do not have permission to edit this version."));
        }
        if (Apply(version, body) is not { } updated)
        {
            return DateProblem();
        }
        if (string.IsNullOrWhiteSpace(updated.Name))
        {
            return new RestAnswer(400, Errors([], new Dictionary<string, string> { ["name"] = "You must specify a valid version name" }));
        }
        if (NameTaken(updated))
        {
            return NameTakenAnswer();
        }
        state.Versions[state.Versions.IndexOf(version)] = updated;
        return new RestAnswer(200, Version(updated));
    }

    private bool NameTaken(JiraVersionFixture version) =>
        state.Versions.Exists(v =>
            v.Id != version.Id && v.ProjectId == version.ProjectId && string.Equals(v.Name, version.Name, StringComparison.OrdinalIgnoreCase));

    private static RestAnswer NameTakenAnswer() =>
        new(400, Errors([], new Dictionary<string, string> { ["name"] = "A version with this name already exists in this project." }));

    private static RestAnswer DateProblem() =>
        new(400, Errors([], new Dictionary<string, string> { ["releaseDate"] = "Please enter the date in the following format: yyyy-MM-dd" }));

    /// <summary>The version with the body's fields applied (those absent keep their value); null when a date is not yyyy-MM-dd.</summary>
    private static JiraVersionFixture? Apply(JiraVersionFixture version, JsonObject body)
    {
        var releaseDate = body.ContainsKey("releaseDate") ? Scalar(body["releaseDate"]) : version.ReleaseDate;
        var startDate = body.ContainsKey("startDate") ? Scalar(body["startDate"]) : version.StartDate;
        if (!IsDate(releaseDate) || !IsDate(startDate))
        {
            return null;
        }
        return version with
        {
            Name = Scalar(body["name"])?.Trim() ?? version.Name,
            Description = body.ContainsKey("description") ? Scalar(body["description"]) : version.Description,
            Released = Bool(body["released"]) ?? version.Released,
            Archived = Bool(body["archived"]) ?? version.Archived,
            ReleaseDate = releaseDate,
            StartDate = startDate,
        };
    }

    private static bool IsDate(string? value) =>
        value is null || DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private JsonObject Version(JiraVersionFixture version)
    {
        var node = new JsonObject
        {
            ["self"] = $"{Base}{Api}/version/{version.Id}",
            ["id"] = version.Id,
            ["name"] = version.Name,
            ["archived"] = version.Archived,
            ["released"] = version.Released,
            ["projectId"] = long.Parse(version.ProjectId, CultureInfo.InvariantCulture),
        };
        if (version.Description is not null)
        {
            node["description"] = version.Description;
        }
        if (version.StartDate is not null)
        {
            node["startDate"] = version.StartDate;
        }
        if (version.ReleaseDate is { } date)
        {
            node["releaseDate"] = date;
            var day = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            node["userReleaseDate"] = day.ToString("d/MMM/yyyy", CultureInfo.InvariantCulture);
            if (!version.Released)
            {
                node["overdue"] = day < DateOnly.FromDateTime(DateTime.UtcNow);
            }
        }
        return node;
    }

    // ---- small conversions ----

    private HashSet<string> Expand() =>
        [.. request.QueryValues("expand").SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private int? IntQuery(string name) =>
        int.TryParse(request.QueryValue(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static List<string> Strings(JsonNode? node) =>
        [.. (node as JsonArray ?? []).Select(Scalar).OfType<string>()];

    /// <summary>A string or number as text (Jira takes ids either way); null otherwise.</summary>
    private static string? Scalar(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;

    private static bool? Bool(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;

    /// <summary>Jira's ids count up from 10000.</summary>
    private static string NextId(IEnumerable<string> taken) =>
        NextNumber(taken.Select(t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0))
            .ToString(CultureInfo.InvariantCulture);

    private static long NextNumber(IEnumerable<long> taken) => Math.Max(10_000, taken.DefaultIfEmpty(0).Max() + 1);

    /// <summary>Jira's timestamps: milliseconds and an offset without a colon, "2024-01-01T00:00:00.000+0000".</summary>
    private static string JiraTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);
}
