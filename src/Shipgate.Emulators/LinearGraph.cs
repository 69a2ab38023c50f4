using System.Globalization;
using System.Text.RegularExpressions;
using GraphQL;

namespace Shipgate.Emulators;

/// <summary>
/// The fixture as Linear's GraphQL object graph (queries and mutations share the root), with
/// Linear's connection defaults (first 50, at most 250) and errors.
/// </summary>
internal sealed partial class LinearGraph(LinearFixture state, LinearUserFixture viewer)
{
    private const int DefaultFirst = 50;
    private const int MaxFirst = 250;

    public Dictionary<string, object?> Root() => new()
    {
        ["__typename"] = "Query",
        ["viewer"] = User(viewer),
        ["teams"] = (GraphResolver)(ctx => RelayPaging.Page(ctx, Filtered(state.Teams, ctx, TeamFields, Team), DefaultFirst, MaxFirst)),
        ["team"] = (GraphResolver)(ctx =>
        {
            var id = ctx.GetArgument<string>("id");
            return Team(state.Teams.Find(t => t.Id == id || t.Key == id) ?? throw NotFound("Team"));
        }),
        ["workflowStates"] = (GraphResolver)(ctx =>
            RelayPaging.Page(ctx, Filtered(state.States, ctx, StateFields, WorkflowState), DefaultFirst, MaxFirst)),
        ["issues"] = (GraphResolver)(ctx => RelayPaging.Page(ctx, Filtered(state.Issues, ctx, IssueFields, Issue), DefaultFirst, MaxFirst)),
        ["issue"] = (GraphResolver)(ctx => Issue(FindIssue(ctx.GetArgument<string>("id")) ?? throw NotFound("Issue"))),
        ["comment"] = (GraphResolver)(ctx =>
        {
            var id = ctx.GetArgument<string?>("id");
            var comment = state.Comments.Find(c => c.Id == id) ?? throw NotFound("Comment");
            return Comment(comment, state.Issues.Single(i => i.Id == comment.IssueId));
        }),
        ["commentCreate"] = (GraphResolver)(ctx => CommentCreate(ctx.GetArgument<Dictionary<string, object?>>("input"))),
    };

    /// <summary>Linear's answer for an id or identifier that names nothing.</summary>
    public static ServiceError NotFound(string type) => new(
        $"Entity not found: {type}",
        "INPUT_ERROR",
        new Dictionary<string, object?>
        {
            ["type"] = "invalid input",
            ["userError"] = true,
            ["userPresentableMessage"] = $"Could not find referenced {type}.",
        });

    private static ServiceError InvalidInput(string message) => new(
        message,
        "INPUT_ERROR",
        new Dictionary<string, object?> { ["type"] = "invalid input", ["userError"] = true, ["userPresentableMessage"] = message });

    /// <summary>A UUID or an identifier such as BOL-407 (any case), as issue(id:) accepts.</summary>
    private LinearIssueFixture? FindIssue(string? id) =>
        id is null ? null : state.Issues.Find(i => i.Id == id || string.Equals(i.Identifier, id, StringComparison.OrdinalIgnoreCase));

    private Dictionary<string, object?> CommentCreate(Dictionary<string, object?> input)
    {
        var issue = FindIssue(input.GetValueOrDefault("issueId") as string)
            ?? (input.ContainsKey("issueId") ? throw NotFound("Issue") : throw InvalidInput("issueId is required."));
        if (input.GetValueOrDefault("body") is not string body || body.Length == 0)
        {
            throw InvalidInput("body is required.");
        }
        var id = input.GetValueOrDefault("id") as string;
        if (id is not null && state.Comments.Any(c => c.Id == id))
            throw InvalidInput($"A comment with id {id} already exists.");
        var comment = new LinearCommentFixture(id ?? Guid.NewGuid().ToString(), issue.Id, body, DateTimeOffset.UtcNow, viewer.Id);
        state.Comments.Add(comment);
        return new Dictionary<string, object?>
        {
            ["__typename"] = "CommentPayload",
            ["success"] = true,
            ["lastSyncId"] = (double)state.Comments.Count,
            ["comment"] = Comment(comment, issue),
        };
    }

    private List<object?> Filtered<T>(
        IEnumerable<T> items, IResolveFieldContext ctx, Func<T, Dictionary<string, object?>> fields, Func<T, Dictionary<string, object?>> node)
    {
        var filter = ctx.GetArgument<Dictionary<string, object?>?>("filter");
        return [.. items.Where(i => filter is null || Matches(filter, fields(i), ctx.FieldDefinition.Name)).Select(node)];
    }

    /// <summary>
    /// Evaluates a Linear filter (and/or, nested entity filters, comparators) over the plain
    /// values in <paramref name="fields"/>; a filter on a field the emulator does not model is
    /// an error rather than a silent match.
    /// </summary>
    private static bool Matches(Dictionary<string, object?> filter, Dictionary<string, object?> fields, string where)
    {
        foreach (var (key, condition) in filter)
        {
            if (condition is null)
            {
                continue;
            }
            bool ok;
            if (key is "and" or "or")
            {
                var parts = ((IEnumerable<object?>)condition).Cast<Dictionary<string, object?>>();
                ok = key == "and" ? parts.All(f => Matches(f, fields, where)) : parts.Any(f => Matches(f, fields, where));
            }
            else if (!fields.TryGetValue(key, out var value))
            {
                throw InvalidInput($"The emulator cannot filter {where} by '{key}'.");
            }
            else
            {
                ok = value is Dictionary<string, object?> nested
                    ? Matches((Dictionary<string, object?>)condition, nested, where)
                    : Compare((Dictionary<string, object?>)condition, value, $"{where}.{key}");
            }
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    private static bool Compare(Dictionary<string, object?> comparator, object? value, string where)
    {
        foreach (var (op, operand) in comparator)
        {
            if (operand is null && op != "null")
            {
                continue;
            }
            var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            var ok = op switch
            {
                "eq" => Same(value, operand),
                "neq" => !Same(value, operand),
                "in" => ((IEnumerable<object?>)operand!).Any(o => Same(value, o)),
                "nin" => !((IEnumerable<object?>)operand!).Any(o => Same(value, o)),
                "eqIgnoreCase" => string.Equals(text, (string)operand!, StringComparison.OrdinalIgnoreCase),
                "contains" => text.Contains((string)operand!, StringComparison.Ordinal),
                "containsIgnoreCase" => text.Contains((string)operand!, StringComparison.OrdinalIgnoreCase),
                "startsWith" => text.StartsWith((string)operand!, StringComparison.Ordinal),
                "endsWith" => text.EndsWith((string)operand!, StringComparison.Ordinal),
                "gt" => Number(value) > Number(operand),
                "gte" => Number(value) >= Number(operand),
                "lt" => Number(value) < Number(operand),
                "lte" => Number(value) <= Number(operand),
                "null" => (value is null) == (bool)operand!,
                _ => throw InvalidInput($"The emulator cannot compare {where} with '{op}'."),
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    private static bool Same(object? value, object? operand) =>
        value is double or int ? operand is not null && Number(value) == Number(operand) : Equals(value, operand);

    private static double Number(object? value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> TeamFields(LinearTeamFixture team) =>
        new() { ["id"] = team.Id, ["key"] = team.Key, ["name"] = team.Name };

    private static Dictionary<string, object?> StateFields(LinearStateFixture s) =>
        new() { ["id"] = s.Id, ["name"] = s.Name, ["type"] = s.Type };

    private Dictionary<string, object?> IssueFields(LinearIssueFixture issue) => new()
    {
        ["id"] = issue.Id,
        ["number"] = (double)issue.Number,
        ["title"] = issue.Title,
        ["description"] = issue.Description,
        ["team"] = TeamFields(TeamOf(issue)),
        ["state"] = StateFields(StateOf(issue)),
    };

    private LinearTeamFixture TeamOf(LinearIssueFixture issue) => state.Teams.Find(t => t.Key == issue.TeamKey)!;

    private LinearStateFixture StateOf(LinearIssueFixture issue) => state.States.Find(s => s.Name == issue.State)!;

    private Dictionary<string, object?> Issue(LinearIssueFixture issue) => new()
    {
        ["__typename"] = "Issue",
        ["id"] = issue.Id,
        ["identifier"] = issue.Identifier,
        ["number"] = (double)issue.Number,
        ["title"] = issue.Title,
        ["description"] = issue.Description,
        ["url"] = IssueUrl(issue),
        ["branchName"] = $"{issue.Identifier.ToLowerInvariant()}-{Slug(issue.Title)}",
        ["priority"] = 0d,
        ["priorityLabel"] = "No priority",
        ["createdAt"] = Wire.Time(issue.CreatedAt),
        ["updatedAt"] = Wire.Time(issue.CreatedAt),
        ["team"] = Team(TeamOf(issue)),
        ["state"] = WorkflowState(StateOf(issue)),
        ["comments"] = (GraphResolver)(ctx => RelayPaging.Page(
            ctx, [.. state.Comments.Where(c => c.IssueId == issue.Id).Select(c => (object?)Comment(c, issue))], DefaultFirst, MaxFirst)),
    };

    private Dictionary<string, object?> Team(LinearTeamFixture team) => new()
    {
        ["__typename"] = "Team",
        ["id"] = team.Id,
        ["key"] = team.Key,
        ["name"] = team.Name,
        ["displayName"] = team.Name,
        ["issues"] = (GraphResolver)(ctx => RelayPaging.Page(
            ctx, Filtered(state.Issues.Where(i => i.TeamKey == team.Key), ctx, IssueFields, Issue), DefaultFirst, MaxFirst)),
    };

    private static Dictionary<string, object?> WorkflowState(LinearStateFixture s) => new()
    {
        ["__typename"] = "WorkflowState",
        ["id"] = s.Id,
        ["name"] = s.Name,
        ["type"] = s.Type,
        ["color"] = "#95a2b3",
        ["position"] = 0d,
    };

    private Dictionary<string, object?> Comment(LinearCommentFixture comment, LinearIssueFixture issue) => new()
    {
        ["__typename"] = "Comment",
        ["id"] = comment.Id,
        ["body"] = comment.Body,
        ["url"] = $"{IssueUrl(issue)}#comment-{comment.Id[..8]}",
        ["createdAt"] = Wire.Time(comment.CreatedAt),
        ["updatedAt"] = Wire.Time(comment.CreatedAt),
        ["issue"] = (GraphResolver)(_ => Issue(issue)),
        ["user"] = state.ApiKeys.Values.FirstOrDefault(u => u.Id == comment.UserId) is { } author ? User(author) : null,
    };

    private Dictionary<string, object?> User(LinearUserFixture user) => new()
    {
        ["__typename"] = "User",
        ["id"] = user.Id,
        ["name"] = user.Name,
        ["displayName"] = user.Name,
        ["email"] = user.Email,
        ["active"] = true,
        ["admin"] = false,
        ["url"] = $"https://linear.app/{state.UrlKey}/profiles/{user.Email.Split('@')[0]}",
    };

    private string IssueUrl(LinearIssueFixture issue) =>
        $"https://linear.app/{state.UrlKey}/issue/{issue.Identifier}/{Slug(issue.Title)}";

    private static string Slug(string title) => NonWord().Replace(title.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}
