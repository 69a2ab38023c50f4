using System.Text.Json;
using System.Text.Json.Nodes;
using Shipgate.Integrations;

namespace Shipgate.Linear;

/// <summary>
/// Linear through its GraphQL API: the workspace's team keys, the release's tickets in batches
/// (see <see cref="TicketBatches"/>), and one comment per released ticket.
/// </summary>
public sealed class LinearClient : ITicketTracker
{
    private readonly LinearGraphQL _graphQL;

    /// <param name="waits">Where retries and slow answers are told (the status line); null tells no one.</param>
    public LinearClient(LinearSettings settings, Secrets secrets, IProgress<ApiWait>? waits = null)
    {
        secrets.Add(settings.ApiKey);
        _graphQL = new LinearGraphQL(settings, secrets, waits);
    }

    public async Task<IReadOnlyList<string>> GetTeamKeysAsync(CancellationToken ct)
    {
        var teams = await ReadAllAsync(LinearDocuments.TeamsOperation, LinearDocuments.Teams, new JsonObject(), "teams", ct);
        return teams.Select(t => Text(t, LinearDocuments.TeamsOperation, "key").ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyDictionary<string, TicketDetails>> GetTicketsAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var wanted = ids.Select(id => id.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, TicketDetails>(StringComparer.Ordinal);
        foreach (var batch in TicketBatches.Plan(wanted))
        {
            var variables = new JsonObject { ["team"] = batch.TeamKey, ["numbers"] = new JsonArray([.. batch.Numbers.Select(n => JsonValue.Create(n))]) };
            foreach (var issue in await ReadAllAsync(LinearDocuments.TicketsOperation, LinearDocuments.Tickets, variables, "issues", ct))
            {
                var op = LinearDocuments.TicketsOperation;
                var id = Text(issue, op, "identifier").ToUpperInvariant();
                if (!wanted.Contains(id)) continue;
                var state = Field(issue, op, "state");
                found[id] = new TicketDetails(id, Text(issue, op, "title"), Text(issue, op, "url"), Text(state, op, "name"), Text(state, op, "type"));
            }
        }
        return found;
    }

    /// <summary>
    /// Comments once, even across retries: the comment carries an id chosen here, so a retry after a
    /// lost answer cannot post it twice, and a failure is checked against what Linear actually holds.
    /// </summary>
    public async Task CommentAsync(string ticketId, string body, CancellationToken ct)
    {
        var op = LinearDocuments.CommentOperation;
        var id = Guid.NewGuid().ToString();
        JsonElement data;
        try
        {
            data = await _graphQL.SendAsync(op, LinearDocuments.Comment, new JsonObject { ["id"] = id, ["issueId"] = ticketId, ["body"] = body }, ct);
        }
        catch (ApiException e) when (e is not TrackerUnavailableException)
        {
            if (await CommentExistsAsync(id, ct)) return;
            throw;
        }
        var result = Field(data, op, "commentCreate");
        if (Field(result, op, "success").ValueKind != JsonValueKind.True)
            throw new ApiException(LinearGraphQL.Service, $"Linear did not create the comment on {ticketId} (success: false).");
    }

    private async Task<bool> CommentExistsAsync(string id, CancellationToken ct)
    {
        try
        {
            await _graphQL.SendAsync(LinearDocuments.CommentExistsOperation, LinearDocuments.CommentExists, new JsonObject { ["id"] = id }, ct);
            return true;
        }
        catch (ApiException e) when (e is not TrackerUnavailableException)
        {
            return false;
        }
    }

    /// <summary>Every node of a connection, page after page, guarding against a cursor that does not move.</summary>
    private async Task<IReadOnlyList<JsonElement>> ReadAllAsync(string operation, string document, JsonObject variables, string connection, CancellationToken ct)
    {
        var nodes = new List<JsonElement>();
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            var page = (JsonObject)variables.DeepClone();
            page["after"] = after;
            var data = Field(await _graphQL.SendAsync(operation, document, page, ct), operation, connection);
            var list = Field(data, operation, "nodes");
            if (list.ValueKind != JsonValueKind.Array) throw Malformed(operation, $"{connection}.nodes is not a list");
            nodes.AddRange(list.EnumerateArray());
            var info = Field(data, operation, "pageInfo");
            if (Field(info, operation, "hasNextPage").ValueKind != JsonValueKind.True) return nodes;
            after = Text(info, operation, "endCursor");
            if (!cursors.Add(after)) throw Malformed(operation, $"{connection} repeats the page cursor {after}");
        }
    }

    private static JsonElement Field(JsonElement element, string operation, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw Malformed(operation, $"'{name}' is missing");

    private static string Text(JsonElement element, string operation, string name)
    {
        var value = Field(element, operation, name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Malformed(operation, $"'{name}' is not text");
    }

    private static ApiException Malformed(string operation, string problem) =>
        new(LinearGraphQL.Service, $"Linear sent a malformed answer to {operation}: {problem}.");
}
