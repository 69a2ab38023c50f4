using System.Text.Json;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Release.After;

namespace Shipgate.Slack;

/// <summary>Where a Slack message points: the GitHub Release (else null), the record, the deployment runs.</summary>
internal sealed record SlackLinks(string? ReleasePage, string Record, IReadOnlyList<WorkflowRun> Runs);

/// <summary>
/// The two Block Kit messages of a release (Slack's incoming-webhook payload: fallback <c>text</c> and <c>blocks</c>).
/// Pure. Outside text is escaped for mrkdwn (&amp;, &lt;, &gt;), so a PR title cannot make a link or a mention.
/// </summary>
internal static class SlackMessage
{
    /// <summary>Slack's limits: a header's plain text, a section's text.</summary>
    private const int HeaderLimit = 150;
    private const int SectionLimit = 3000;

    /// <summary>The release: id, who, from → to, PR and ticket counts, unticked boxes, links. An emergency says so first.</summary>
    public static string Announcement(ReleaseRecord record, IReadOnlyList<string> untickedBoxes, SlackLinks links)
    {
        var emergency = record.Emergency is not null;
        var title = emergency ? $"🚨 EMERGENCY release {record.ReleaseId}" : $"🚀 Released {record.ReleaseId}";
        var blocks = new List<SlackBlock> { Header(title) };
        if (record.Emergency is { } e)
            blocks.Add(Section($"*Emergency release*: {Escape(e.Reason)}\nIt needs a review by a second person (`shipgate audit review`)."));
        blocks.Add(new SlackBlock("section")
        {
            Fields =
            [
                Mrkdwn($"*Released by*\n{Escape(record.ReleasedByLogin ?? record.ReleasedBy)}"),
                Mrkdwn($"*{Escape(record.FromRef)} → {Escape(record.ToRef)}*\n`{Sha.Short(record.FromSha)}` → `{Sha.Short(record.ToSha)}`"),
                Mrkdwn($"*Pull requests*\n{record.PullRequests.Count}"),
                Mrkdwn($"*Tickets*\n{record.Tickets.Count()}"),
            ],
        });
        blocks.Add(Section(untickedBoxes.Count == 0
            ? "✅ Every compliance checklist box is ticked."
            : "*Unticked checklist boxes*\n" + string.Join("\n", untickedBoxes.Select(b => $"• {Escape(b)}"))));
        blocks.Add(new SlackBlock("divider"));
        blocks.Add(LinksBlock(links));
        var text = $"{(emergency ? "EMERGENCY release" : "Released")} {record.ReleaseId} to {record.ToRef} by {record.ReleasedBy}";
        return Payload(text, blocks);
    }

    /// <summary>The second message under --wait: how the deployment run ended.</summary>
    public static string Outcome(ReleaseRecord record, DeploymentOutcome outcome, SlackLinks links)
    {
        var said = outcome switch
        {
            DeploymentOutcome.Succeeded => $"✅ Deployment succeeded: {record.ReleaseId}",
            DeploymentOutcome.Failed => $"❌ Deployment FAILED: {record.ReleaseId}",
            DeploymentOutcome.TimedOut => $"⏳ Deployment did not finish while followed: {record.ReleaseId}",
            _ => $"Deployment not followed: {record.ReleaseId}",
        };
        if (record.Emergency is not null) said += " (EMERGENCY)";
        var runs = links.Runs.Count == 0
            ? "No deployment run was seen."
            : string.Join("\n", links.Runs.Select(r => $"• {Link(r.Url, r.Name)}: {Escape(r.State)}"));
        SlackBlock[] blocks = [Header(said), Section(runs), LinksBlock(links)];
        return Payload(said, blocks);
    }

    /// <summary>Slack's mrkdwn escapes: only &amp;, &lt; and &gt; have meaning.</summary>
    public static string Escape(string? text) =>
        (text ?? "").Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    private static SlackBlock LinksBlock(SlackLinks links)
    {
        var parts = new List<string>();
        if (links.ReleasePage is { } page) parts.Add(Link(page, "GitHub Release"));
        parts.Add(IsWeb(links.Record) ? Link(links.Record, "Release record") : $"Release record: `{Escape(links.Record)}`");
        parts.AddRange(links.Runs.Select(r => Link(r.Url, $"Deployment run ({r.Name})")));
        return new SlackBlock("context") { Elements = [Mrkdwn(string.Join(" · ", parts))] };
    }

    private static string Link(string url, string label) =>
        IsWeb(url) ? $"<{url.Replace("|", "%7C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal)}|{Escape(label)}>"
            : $"{Escape(label)}: {Escape(url)}";

    private static bool IsWeb(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);

    private static SlackBlock Header(string text) => new("header") { Text = new SlackText("plain_text", Cut(text, HeaderLimit)) { Emoji = true } };

    private static SlackBlock Section(string text) => new("section") { Text = Mrkdwn(Cut(text, SectionLimit)) };

    private static SlackText Mrkdwn(string text) => new("mrkdwn", text);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Payload(string text, IReadOnlyList<SlackBlock> blocks) =>
        JsonSerializer.Serialize(new SlackPayload(text, blocks), SlackJson.Default.SlackPayload);
}
