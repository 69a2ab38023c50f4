using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Release;

/// <summary>
/// What a confirmed release did, as JSON for <c>release --json</c> and the MCP release tool: the release id, where its
/// record is, the shas, the deployment run and the ticket comments. Written only after the word was typed.
/// </summary>
internal static class ReleaseResult
{
    /// <summary>The result document's text (schemas/release-result.v1.json).</summary>
    public static string Text(ReleaseContext context, ReleaseOutcome outcome) =>
        outcome.Released is { } released
            ? DocumentJson.Text(Build(context, outcome, released), DocumentJson.Default.ReleasedJson)
            : DocumentJson.Text(new NothingReleasedJson(false, "Nothing to release: staging is not ahead of production."),
                DocumentJson.Default.NothingReleasedJson);

    private static ReleasedJson Build(ReleaseContext context, ReleaseOutcome outcome, Released released)
    {
        var record = released.Record;
        return new ReleasedJson(
            true, record.ReleaseId, RecordFiles.JsonPath(record.ReleaseId), context.RecordLocation(record.ReleaseId), released.RecordCommit,
            record.Tag, record.FromRef, record.FromSha, record.ToRef, record.ToSha,
            [.. record.PullRequests.Select(p => p.Number)], [.. record.LinearTickets.Select(t => t.Id)], [.. record.JiraTickets.Select(t => t.Id)],
            record.Warnings,
            record.Confirmation.Channel ?? ConfirmationChannel.Terminal,
            outcome.Deployment is { } seen ? new DeploymentJson([.. seen.Runs.Select(r => new DeploymentRunJson(r.Id, r.Name, r.State, r.Url))], seen.Note) : null,
            outcome.Comments is { } comments ? new TicketCommentsJson(comments.Commented, comments.NotCommented, comments.Note) : null);
    }
}
