using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>
/// The Jira operations the emulator serves, each answering from the fixture as Jira Cloud does:
/// only what the account may browse, issues found by id, key (any case) or a key they moved from,
/// bulk fetches with errors per issue, comments, remote links by global id, versions and fix versions.
/// </summary>
internal sealed partial class JiraRest(JiraFixture state, EmulatorRequest request, JiraUserFixture user, List<string> violations)
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
