using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Shipgate.Integrations;

namespace Shipgate.Linear;

/// <summary>
/// Linear through its GraphQL API: the workspace's team keys, the release's tickets in batches
/// (see <see cref="TicketBatches"/>, all sent at once), and one comment per released ticket.
/// </summary>
internal sealed class LinearClient : ITicketTracker
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
        var teams = await ReadAllAsync(LinearDocuments.TeamsOperation, LinearDocuments.Teams, new JsonObject(), LinearJson.Default.TeamsData, d => d.Teams, ct);
        return teams.Select(t => t.Key.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyDictionary<string, TicketDetails>> GetTicketsAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var wanted = ids.Select(id => id.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, TicketDetails>(StringComparer.Ordinal);
        // Every batch at once (pages within a batch follow each other); read in the order planned.
        var answers = await AtOnce.AllAsync(TicketBatches.Plan(wanted), (batch, token) => ReadAllAsync(
            LinearDocuments.TicketsOperation, LinearDocuments.Tickets,
            new JsonObject { ["team"] = batch.TeamKey, ["numbers"] = new JsonArray([.. batch.Numbers.Select(n => JsonValue.Create(n))]) },
            LinearJson.Default.IssuesData, d => d.Issues, token), ct);
        foreach (var issue in answers.SelectMany(a => a))
        {
            var id = issue.Identifier.ToUpperInvariant();
            if (wanted.Contains(id))
                found[id] = new TicketDetails(id, issue.Title, issue.Url, issue.State.Name, issue.State.Type);
        }
        return found;
    }

    /// <summary>
    /// Comments once, even across retries: the comment carries an id chosen here, so a retry after a
    /// lost answer cannot post it twice, and a failure is checked against what Linear actually holds.
    /// </summary>
    public async Task CommentAsync(string ticketId, string body, string key, CancellationToken ct)
    {
        var id = CommentId(key);
        CommentCreateData data;
        try
        {
            data = await _graphQL.SendAsync(LinearDocuments.CommentOperation, LinearDocuments.Comment,
                new JsonObject { ["id"] = id, ["issueId"] = ticketId, ["body"] = body }, LinearJson.Default.CommentCreateData, ct);
        }
        catch (ApiException e) when (e is not TrackerUnavailableException)
        {
            if (await CommentExistsAsync(id, ct)) return;
            throw;
        }
        if (!data.CommentCreate.Success)
            throw new ApiException(LinearGraphQL.Service, $"Linear did not create the comment on {ticketId} (success: false).");
    }

    /// <summary>A UUID (version 4 in form, as Linear asks) derived from the key, so the same key always names the same comment.</summary>
    internal static string CommentId(string key)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(key))[..16];
        bytes[6] = (byte)(bytes[6] & 0x0F | 0x40);
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    private async Task<bool> CommentExistsAsync(string id, CancellationToken ct)
    {
        try
        {
            await _graphQL.SendAsync(LinearDocuments.CommentExistsOperation, LinearDocuments.CommentExists,
                new JsonObject { ["id"] = id }, LinearJson.Default.CommentData, ct);
            return true;
        }
        catch (ApiException e) when (e is not TrackerUnavailableException)
        {
            return false;
        }
    }

    /// <summary>Every node of a connection, page after page, guarding against a cursor that does not move.</summary>
    private async Task<IReadOnlyList<TNode>> ReadAllAsync<TData, TNode>(string operation, string document, JsonObject variables,
        JsonTypeInfo<TData> type, Func<TData, Connection<TNode>> connection, CancellationToken ct) where TData : class
    {
        var nodes = new List<TNode>();
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            var page = (JsonObject)variables.DeepClone();
            page["after"] = after;
            var data = connection(await _graphQL.SendAsync(operation, document, page, type, ct));
            nodes.AddRange(data.Nodes);
            if (!data.PageInfo.HasNextPage) return nodes;
            after = data.PageInfo.EndCursor ?? throw Malformed(operation, "more pages follow but 'endCursor' is missing");
            if (!cursors.Add(after)) throw Malformed(operation, $"the page cursor {after} repeats");
        }
    }

    private static ApiException Malformed(string operation, string problem) =>
        new(LinearGraphQL.Service, $"Linear sent a malformed answer to {operation}: {problem}.");
}
