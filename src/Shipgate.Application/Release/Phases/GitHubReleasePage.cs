using Shipgate.Release.After;
using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>
/// After the push: the GitHub Release of the release's tag, its body the release's Markdown with a link to the
/// record. Idempotent: an existing release of the tag is updated, never duplicated, so --resume runs it again safely.
/// Skipped: <c>github.release: false</c>, no GitHub, or a record that names no tag; the screen says which.
/// Never fails the release: a refusal is reported and the release stays made.
/// </summary>
internal static class GitHubReleasePage
{
    public static async Task<ReleasePageSeen> RunAsync(ReleaseContext context, Released released, CancellationToken ct)
    {
        var seen = await PublishAsync(context, released, ct);
        AfterReleaseScreen.Line(context.Console, seen.Url is { } url ? $"GitHub Release: {url}" : seen.Note!, warning: seen.Url is null && seen.Failed);
        return seen;
    }

    private static async Task<ReleasePageSeen> PublishAsync(ReleaseContext context, Released released, CancellationToken ct)
    {
        var record = released.Record;
        if (!context.Config.GitHub.PublishRelease)
            return new ReleasePageSeen(null, "GitHub Release: off (github.release: false).", Failed: false);
        if (!context.CodeHost.TryGet(out var host))
            return new ReleasePageSeen(null, $"GitHub Release not made: {context.CodeHost.Missing}.", Failed: false);
        var markdown = await ReleaseMarkdownFile.ReadAsync(context, released, ct);
        if (ReleasePageText.For(record, markdown, context.RecordLocation(record.ReleaseId)) is not { } notes)
            return new ReleasePageSeen(null, $"GitHub Release not made: {record.ReleaseId} was recorded before releases were tagged.", Failed: false);
        try
        {
            var page = await host.PublishReleaseAsync(notes, ct);
            return new ReleasePageSeen(page.Url, null, Failed: false);
        }
        catch (ShipgateException e) when (!ct.IsCancellationRequested)
        {
            return new ReleasePageSeen(null,
                $"WARNING: the GitHub Release was not made ({context.Secrets.Redact(e.Message)}); the release is made. " +
                $"Run shipgate release --resume {record.ReleaseId} to try again.", Failed: true);
        }
    }
}

/// <summary>The GitHub Release of a release: its page, or why there is none.</summary>
/// <param name="Failed">GitHub refused or did not answer (a warning), as against being turned off or not reachable.</param>
internal sealed record ReleasePageSeen(string? Url, string? Note, bool Failed);
