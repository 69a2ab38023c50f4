using Shipgate.Integrations;
using Shipgate.Release.After;
using Shipgate.Rendering;
using Shipgate.Slack;

namespace Shipgate.Release.Phases;

/// <summary>
/// After the push: the release announced to Slack's incoming webhook (SHIPGATE_SLACK_WEBHOOK_URL) as a Block Kit
/// message, once the deployment run has been looked for; under --wait a second message says how the run ended.
/// Skipped: without the variable, and for a message this clone already sent for the release (<see cref="SlackSent"/>: a webhook
/// cannot be asked what it got, so the clone remembers), which makes <c>--resume</c> send only what did not go out.
/// Never fails the release: a refusal is reported and the release stays made.
/// </summary>
internal static class SlackAnnouncement
{
    public static async Task<SlackSeen> AnnounceAsync(ReleaseContext context, Released released, ReleasePageSeen page,
        IReadOnlyList<WorkflowRun> runs, CancellationToken ct)
    {
        if (context.Slack is not { } slack) return new SlackSeen(false, "Slack: no message (SHIPGATE_SLACK_WEBHOOK_URL is not set).");
        var sent = SlackSent.In(await context.Git.CommonGitFolderAsync(ct));
        if (sent.Has(released.Record.ReleaseId, SlackSent.Announcement))
            return Seen(context, new SlackSeen(true, "Slack: the release was announced before, from this clone; not sent again."));
        var markdown = await ReleaseMarkdownFile.ReadAsync(context, released, ct);
        var payload = SlackMessage.Announcement(released.Record, ReleaseMarkdownFile.UntickedBoxes(markdown), Links(context, released, page, runs));
        return await PostAsync(context, slack, sent, released, SlackSent.Announcement, payload, "Slack: release announced.", ct);
    }

    /// <summary>--wait: the second message, with the deployment's outcome.</summary>
    public static async Task<SlackSeen> TellOutcomeAsync(ReleaseContext context, Released released, ReleasePageSeen page,
        DeploymentSeen deployment, DeploymentOutcome outcome, CancellationToken ct)
    {
        if (context.Slack is not { } slack) return new SlackSeen(false, null);
        var sent = SlackSent.In(await context.Git.CommonGitFolderAsync(ct));
        var word = DeploymentVerdict.Word(outcome);
        if (sent.Has(released.Record.ReleaseId, SlackSent.Outcome(word)))
            return Seen(context, new SlackSeen(true, $"Slack: the deployment outcome ({word}) was sent before, from this clone; not sent again."));
        var payload = SlackMessage.Outcome(released.Record, outcome, Links(context, released, page, deployment.Runs));
        return await PostAsync(context, slack, sent, released, SlackSent.Outcome(word), payload, $"Slack: deployment outcome sent ({word}).", ct);
    }

    private static SlackLinks Links(ReleaseContext context, Released released, ReleasePageSeen page, IReadOnlyList<WorkflowRun> runs) =>
        new(page.Url, context.RecordLocation(released.Record.ReleaseId), runs);

    private static async Task<SlackSeen> PostAsync(ReleaseContext context, SlackWebhook slack, SlackSent sent, Released released, string message,
        string payload, string done, CancellationToken ct)
    {
        SlackSeen seen;
        try
        {
            await slack.PostAsync(payload, ct);
            seen = sent.Remember(released.Record.ReleaseId, message)
                ? new SlackSeen(true, done)
                : new SlackSeen(true, $"{done} (This clone could not note it down, so --resume would send it again.)");
        }
        catch (ShipgateException e) when (!ct.IsCancellationRequested)
        {
            seen = new SlackSeen(false, $"WARNING: the Slack message was not sent ({context.Secrets.Redact(e.Message)}); the release is made.");
        }
        return Seen(context, seen);
    }

    private static SlackSeen Seen(ReleaseContext context, SlackSeen seen)
    {
        AfterReleaseScreen.Line(context.Console, seen.Note!, warning: !seen.Sent);
        return seen;
    }
}

/// <summary>Whether Slack took a message, and what the screen said about it.</summary>
internal sealed record SlackSeen(bool Sent, string? Note);
