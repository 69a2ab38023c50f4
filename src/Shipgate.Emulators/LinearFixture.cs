using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shipgate.Emulators;

/// <summary>
/// What the Linear emulator knows: API keys, teams, workflow states, issues and the comments
/// created through the API. Collections are mutable (change them through
/// <see cref="LinearEmulator.Update"/> while a client runs); items are immutable records.
/// </summary>
public sealed class LinearFixture
{
    /// <summary>
    /// Accepted credentials and the user each authenticates as. A personal key is sent bare
    /// (<c>Authorization: lin_api_...</c>); a key starting "lin_oauth_" is an OAuth token and must
    /// come as <c>Bearer</c>. Either sent the other way is refused, as Linear does.
    /// </summary>
    public Dictionary<string, LinearUserFixture> ApiKeys { get; init; } = [];

    /// <summary>The workspace's URL key: issues live at https://linear.app/{key}/issue/BOL-1/...</summary>
    public string UrlKey { get; init; } = "acme";

    public List<LinearTeamFixture> Teams { get; init; } = [];

    /// <summary>Workflow states, shared by every team here; Linear's default set unless replaced.</summary>
    public List<LinearStateFixture> States { get; init; } =
    [
        new("Triage", "triage"),
        new("Backlog", "backlog"),
        new("Todo", "unstarted"),
        new("In Progress", "started"),
        new("In Review", "started"),
        new("Done", "completed"),
        new("Canceled", "canceled"),
    ];

    public List<LinearIssueFixture> Issues { get; init; } = [];

    /// <summary>Comments, including those created through commentCreate, oldest first.</summary>
    public List<LinearCommentFixture> Comments { get; init; } = [];

    public static LinearFixture FromJson(string json) =>
        JsonSerializer.Deserialize<LinearFixture>(json, FixtureJson.Options) ?? throw new JsonException("empty Linear fixture");

    public static LinearFixture Load(string path) => FromJson(File.ReadAllText(path));

    public string ToJson() => JsonSerializer.Serialize(this, FixtureJson.Options);

    /// <summary>Refuses issues whose team or state the fixture does not define, so a typo fails at once.</summary>
    public void Validate()
    {
        foreach (var issue in Issues)
        {
            if (!Teams.Exists(t => t.Key == issue.TeamKey))
            {
                throw new InvalidOperationException($"issue {issue.Identifier}: no team {issue.TeamKey} in the fixture");
            }
            if (!States.Exists(s => s.Name == issue.State))
            {
                throw new InvalidOperationException($"issue {issue.Identifier}: no workflow state '{issue.State}' in the fixture");
            }
        }
    }
}

public sealed record LinearUserFixture(string Name, string Email)
{
    private readonly string? _id;

    public string Id { get => _id ?? Wire.StableUuid($"user/{Email}"); init => _id = value; }
}

public sealed record LinearTeamFixture(string Key, string Name)
{
    private readonly string? _id;

    public string Id { get => _id ?? Wire.StableUuid($"team/{Key}"); init => _id = value; }
}

/// <param name="Type">triage, backlog, unstarted, started, completed or canceled.</param>
public sealed record LinearStateFixture(string Name, string Type)
{
    private readonly string? _id;

    public string Id { get => _id ?? Wire.StableUuid($"state/{Name}"); init => _id = value; }
}

/// <param name="Identifier">Team key and number, such as BOL-407.</param>
/// <param name="State">The name of one of the fixture's workflow states.</param>
public sealed record LinearIssueFixture(string Identifier, string Title, string State = "Todo")
{
    private readonly string? _id;

    /// <summary>A UUID; derived from the identifier when not given.</summary>
    public string Id { get => _id ?? Wire.StableUuid($"issue/{Identifier}"); init => _id = value; }

    public string Description { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [JsonIgnore]
    public string TeamKey => Identifier[..Identifier.LastIndexOf('-')];

    [JsonIgnore]
    public int Number => int.Parse(Identifier[(Identifier.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);
}

/// <param name="IssueId">The UUID of the issue commented on.</param>
public sealed record LinearCommentFixture(string Id, string IssueId, string Body, DateTimeOffset CreatedAt, string? UserId = null);
