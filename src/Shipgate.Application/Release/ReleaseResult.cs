using System.Text.Json.Nodes;
using Shipgate.Record;

namespace Shipgate.Release;

/// <summary>
/// What a confirmed release did, as JSON for <c>release --json</c> and the MCP release tool: the release id, where its
/// record is, the shas, the deployment run and the ticket comments. Written only after the word was typed.
/// </summary>
internal static class ReleaseResult
{
    public static JsonObject Build(ReleaseContext context, ReleaseOutcome outcome)
    {
        if (outcome.Released is not { } released)
            return new JsonObject { ["released"] = false, ["reason"] = "Nothing to release: staging is not ahead of production." };
        var record = released.Record;
        return new JsonObject
        {
            ["released"] = true,
            ["release_id"] = record.ReleaseId,
            ["record_path"] = RecordFiles.JsonPath(record.ReleaseId),
            ["record_location"] = context.RecordLocation(record.ReleaseId),
            ["record_commit"] = released.RecordCommit,
            ["tag"] = record.Tag,
            ["from_ref"] = record.FromRef,
            ["from_sha"] = record.FromSha,
            ["to_ref"] = record.ToRef,
            ["to_sha"] = record.ToSha,
            ["pull_requests"] = new JsonArray([.. record.PullRequests.Select(p => JsonValue.Create(p.Number))]),
            ["linear_tickets"] = new JsonArray([.. record.LinearTickets.Select(t => JsonValue.Create(t.Id))]),
            ["jira_tickets"] = new JsonArray([.. record.JiraTickets.Select(t => JsonValue.Create(t.Id))]),
            ["warnings"] = new JsonArray([.. record.Warnings.Select(w => JsonValue.Create(w))]),
            ["confirmation_channel"] = record.Confirmation.Channel == ConfirmationChannel.Terminal ? "terminal" : "mcp-elicitation",
            ["deployment"] = outcome.Deployment is { } seen
                ? new JsonObject
                {
                    ["runs"] = new JsonArray([.. seen.Runs.Select(r => new JsonObject
                        { ["id"] = r.Id, ["name"] = r.Name, ["state"] = r.State, ["url"] = r.Url })]),
                    ["note"] = seen.Note,
                }
                : null,
            ["ticket_comments"] = outcome.Comments is { } comments
                ? new JsonObject
                {
                    ["commented"] = new JsonArray([.. comments.Commented.Select(c => JsonValue.Create(c))]),
                    ["not_commented"] = new JsonArray([.. comments.NotCommented.Select(c => JsonValue.Create(c))]),
                    ["note"] = comments.Note,
                }
                : null,
        };
    }
}
