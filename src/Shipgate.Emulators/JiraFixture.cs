using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Shipgate.Emulators;

/// <summary>
/// What the Jira Cloud emulator knows: the API tokens, projects, issues, and what the API made of
/// them (comments, remote links, versions, fix versions). Collections are mutable (change them
/// through <see cref="JiraEmulator.Update"/> while a client runs); items are immutable records.
/// </summary>
public sealed class JiraFixture
{
    /// <summary>Accounts that may call the API, each with its API token (HTTP Basic of email:token).</summary>
    public List<JiraUserFixture> Users { get; init; } = [];

    public List<JiraProjectFixture> Projects { get; init; } = [];

    public List<JiraIssueFixture> Issues { get; init; } = [];

    /// <summary>Keys an issue had before it moved, to its key now: Jira still finds it by the old one.</summary>
    public Dictionary<string, string> MovedKeys { get; init; } = [];

    /// <summary>Comments, including those added through the API, oldest first.</summary>
    public List<JiraCommentFixture> Comments { get; init; } = [];

    /// <summary>Remote links, including those made or updated through the API.</summary>
    public List<JiraRemoteLinkFixture> RemoteLinks { get; init; } = [];

    /// <summary>Project versions (Jira's releases), including those made or changed through the API.</summary>
    public List<JiraVersionFixture> Versions { get; init; } = [];

    public static JiraFixture FromJson(string json) =>
        JsonSerializer.Deserialize<JiraFixture>(json, FixtureJson.Options) ?? throw new JsonException("empty Jira fixture");

    public static JiraFixture Load(string path) => FromJson(File.ReadAllText(path));

    public string ToJson() => JsonSerializer.Serialize(this, FixtureJson.Options);

    /// <summary>The issue with this key (exact), or an exception naming it.</summary>
    public JiraIssueFixture Issue(string key) =>
        Issues.Find(i => i.Key == key) ?? throw new KeyNotFoundException($"no Jira issue {key} in the fixture");

    public JiraProjectFixture Project(string key) =>
        Projects.Find(p => p.Key == key) ?? throw new KeyNotFoundException($"no Jira project {key} in the fixture");

    /// <summary>The comments on an issue, oldest first.</summary>
    public IReadOnlyList<JiraCommentFixture> CommentsOn(string issueKey) => [.. Comments.Where(c => c.IssueId == Issue(issueKey).Id)];

    /// <summary>The remote links of an issue, oldest first.</summary>
    public IReadOnlyList<JiraRemoteLinkFixture> RemoteLinksOn(string issueKey) => [.. RemoteLinks.Where(l => l.IssueId == Issue(issueKey).Id)];

    /// <summary>The versions of a project, oldest first.</summary>
    public IReadOnlyList<JiraVersionFixture> VersionsOf(string projectKey) => [.. Versions.Where(v => v.ProjectId == Project(projectKey).Id)];

    /// <summary>The names of the versions an issue is fixed in, in the order they were added.</summary>
    public IReadOnlyList<string> FixVersionsOf(string issueKey) =>
        [.. Issue(issueKey).FixVersionIds.Select(id => Versions.Find(v => v.Id == id)?.Name ?? $"(unknown version {id})")];

    /// <summary>Refuses what Jira could not hold (an issue of no project, an unknown status category, a dangling version), so a typo fails at once.</summary>
    public void Validate()
    {
        foreach (var issue in Issues)
        {
            if (!Projects.Exists(p => p.Key == issue.ProjectKey))
            {
                throw new InvalidOperationException($"issue {issue.Key}: no project {issue.ProjectKey} in the fixture");
            }
            if (!JiraStatusCategory.Keys.Contains(issue.StatusCategory))
            {
                throw new InvalidOperationException(
                    $"issue {issue.Key}: status category '{issue.StatusCategory}' is not one of {string.Join(", ", JiraStatusCategory.Keys)}");
            }
            if (issue.FixVersionIds.FirstOrDefault(id => !Versions.Exists(v => v.Id == id)) is { } missing)
            {
                throw new InvalidOperationException($"issue {issue.Key}: no version {missing} in the fixture");
            }
        }
        if (Issues.GroupBy(i => i.Key).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"issue {twice.Key} is in the fixture twice");
        }
        if (Versions.FirstOrDefault(v => !Projects.Exists(p => p.Id == v.ProjectId)) is { } orphan)
        {
            throw new InvalidOperationException($"version {orphan.Name}: no project with id {orphan.ProjectId} in the fixture");
        }
    }
}

/// <summary>An Atlassian account and its API token.</summary>
public sealed record JiraUserFixture(string Email, string ApiToken, string DisplayName = "Release Bot")
{
    private readonly string? _accountId;

    /// <summary>Atlassian's opaque account id; derived from the email when not given.</summary>
    public string AccountId
    {
        get => _accountId ?? Wire.StableUuid($"jira-account/{Email}").Replace("-", "", StringComparison.Ordinal)[..24];
        init => _accountId = value;
    }

    /// <summary>"Administer Projects": without it Jira refuses to create (404) or change (400) a version.</summary>
    public bool CanManageVersions { get; init; } = true;

    /// <summary>"Edit Issues": without it every field of an edit is refused as not on the screen (400).</summary>
    public bool CanEditIssues { get; init; } = true;
}

/// <summary>A project; <see cref="VisibleTo"/> (emails) restricts who may browse it, everyone when null.</summary>
public sealed record JiraProjectFixture(string Key, string Name)
{
    private readonly string? _id;

    /// <summary>Jira's numeric id, as a string as Jira writes it; derived from the key when not given.</summary>
    public string Id { get => _id ?? Wire.StableId($"jira-project/{Key}").ToString(CultureInfo.InvariantCulture); init => _id = value; }

    public IReadOnlyList<string>? VisibleTo { get; init; }

    public bool IsVisibleTo(string email) => VisibleTo is null || VisibleTo.Contains(email, StringComparer.OrdinalIgnoreCase);
}

/// <param name="Key">Project key and number, such as OPS-12.</param>
/// <param name="Status">The status's name, such as "In Review".</param>
/// <param name="StatusCategory">new, indeterminate or done: what Jira's boards and Shipgate judge by.</param>
public sealed record JiraIssueFixture(string Key, string Summary, string Status = "To Do", string StatusCategory = "new")
{
    private readonly string? _id;

    /// <summary>Jira's numeric id, as a string; derived from the key when not given.</summary>
    public string Id { get => _id ?? Wire.StableId($"jira-issue/{Key}").ToString(CultureInfo.InvariantCulture); init => _id = value; }

    /// <summary>The ids of the versions the issue is fixed in.</summary>
    public IReadOnlyList<string> FixVersionIds { get; init; } = [];

    [JsonIgnore]
    public string ProjectKey => Key[..Key.LastIndexOf('-')];
}

/// <summary>A comment; <see cref="Body"/> is its Atlassian Document Format JSON.</summary>
/// <param name="IssueId">The numeric id of the issue commented on.</param>
/// <param name="Properties">Comment properties set with it, each key to its JSON value.</param>
public sealed record JiraCommentFixture(
    string Id, string IssueId, string Body, string AuthorAccountId, DateTimeOffset Created, IReadOnlyDictionary<string, string>? Properties = null)
{
    /// <summary>Every text node of the document, in order, joined: what a reader sees, links aside.</summary>
    [JsonIgnore]
    public string Text => string.Concat(Adf.Texts(JsonNode.Parse(Body)));

    /// <summary>Each paragraph's text, in order: the comment's lines as Jira shows them.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Lines => [.. Adf.Lines(JsonNode.Parse(Body))];

    /// <summary>Every link target (marks of type link) in the document, in order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Links => [.. Adf.LinkTargets(JsonNode.Parse(Body))];
}

/// <summary>A remote link from an issue; <see cref="Object"/> is its "object" JSON (url, title, ...).</summary>
public sealed record JiraRemoteLinkFixture(long Id, string IssueId, string? GlobalId, string Object)
{
    public string? Relationship { get; init; }

    /// <summary>Its "application" JSON, when given.</summary>
    public string? Application { get; init; }

    [JsonIgnore]
    public string Url => JsonNode.Parse(Object)?["url"]?.GetValue<string>() ?? "";

    [JsonIgnore]
    public string Title => JsonNode.Parse(Object)?["title"]?.GetValue<string>() ?? "";
}

/// <summary>A project version, Jira's "release".</summary>
/// <param name="Id">Jira's numeric id, as a string.</param>
/// <param name="ProjectId">The numeric id of its project, as a string.</param>
public sealed record JiraVersionFixture(string Id, string ProjectId, string Name)
{
    public string? Description { get; init; }
    public bool Released { get; init; }
    public bool Archived { get; init; }

    /// <summary>yyyy-MM-dd, as Jira takes and gives it.</summary>
    public string? ReleaseDate { get; init; }

    public string? StartDate { get; init; }
}

/// <summary>Jira's three status categories (and "undefined"), with the ids and colours Jira gives them.</summary>
internal static class JiraStatusCategory
{
    public static readonly IReadOnlyList<string> Keys = ["new", "indeterminate", "done", "undefined"];

    public static JsonObject Json(string key, string baseUrl)
    {
        var (id, name, color) = key switch
        {
            "new" => (2, "To Do", "blue-gray"),
            "indeterminate" => (4, "In Progress", "yellow"),
            "done" => (3, "Done", "green"),
            _ => (1, "No Category", "medium-gray"),
        };
        return new JsonObject
        {
            ["self"] = $"{baseUrl}/rest/api/3/statuscategory/{id}",
            ["id"] = id,
            ["key"] = key,
            ["colorName"] = color,
            ["name"] = name,
        };
    }
}
