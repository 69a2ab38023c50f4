using System.Globalization;
using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>Jira's project versions: listed, created, updated.</summary>
internal sealed partial class JiraRest
{
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
}
