using Shipgate.Audit;
using Shipgate.Freeze;

namespace Shipgate.Release.Phases;

/// <summary>
/// Pre-flight's refusal of a release while production is frozen: a freeze record in force on the archive branch
/// (<c>shipgate freeze start</c>: who and why) or a freeze window of the release policy (its name and when it ends). A
/// release stops (exit 3) before any word is drawn; a dry run names it as a gate; an emergency goes ahead, its record's
/// warnings name the freeze, and like any emergency it needs a review (<c>shipgate audit review</c>).
/// </summary>
internal static class FreezeGate
{
    /// <summary>What the record's warning of a release made in a freeze says, which the report looks for.</summary>
    public const string WarningMark = "as an emergency during a freeze";

    /// <returns>The trail's health (with the emergency's warning when there is one) and the gate if it is closed.</returns>
    public static async Task<(TrailHealth Trail, WouldBlock? Blocked)> CheckAsync(ReleaseContext context, TrailHealth trail, string? archive,
        CancellationToken ct)
    {
        var manual = archive is null ? null : await FreezeTrail.InForceAsync(context.Git, archive, await context.Git.ListFilesAsync(archive, ct), ct);
        var window = FreezeCalendar.ActiveAt(context.Config.Freeze, context.Clock.GetUtcNow());
        if (manual is null && window is null) return (trail, null);
        var what = string.Join("; and ", new[] { manual is null ? null : FreezeText.Manual(manual), window is null ? null : FreezeText.Window(window) }
            .OfType<string>());
        if (context.Options.Emergency is not null)
        {
            context.Console.MarkupLine($"[red bold]EMERGENCY RELEASE:[/] [yellow]{Markup.Escape(what)}. Proceeding as an emergency; the record says so.[/]");
            context.Console.WriteLine();
            return (trail with { Warnings = [.. trail.Warnings, $"The release went out {WarningMark}: {what}."] }, null);
        }
        var message = $"BLOCKED: {what}.\n\n" +
            "No release goes out during a freeze. If production cannot wait: shipgate release --emergency \"<reason>\" releases anyway, " +
            "its record names the freeze, and it needs a review by someone else (shipgate audit review).";
        return (trail, new WouldBlock($"{what}; wait for it to end", "--emergency \"<reason>\"", message, GateNotice.GoesOn(message)));
    }
}
