using Shipgate.Release;

namespace Shipgate.Rendering;

/// <summary>The warnings for missing compliance archives and tickets not found, once per kind rather than once per PR.</summary>
internal static class GapWarningsScreen
{
    public static void Show(IAnsiConsole console, IReadOnlyList<Gap> gaps)
    {
        var missing = Gaps.Of(gaps, GapKind.MissingArchive).Select(g => g.Subject).ToList();
        if (missing.Count > 0)
        {
            console.MarkupLine($"[yellow]WARNING: PR {Screens.Names(missing)} {(missing.Count == 1 ? "has" : "have")} no compliance archive.[/]");
            console.WriteLine();
            console.WriteLine($"{(missing.Count == 1 ? "This PR" : "These PRs")} may have been merged before compliance archiving was enabled,");
            console.WriteLine("or the archive workflow failed.");
            console.WriteLine();
            console.WriteLine("The release will note this gap in the audit trail.");
            console.WriteLine();
        }
        foreach (var notFound in Gaps.Of(gaps, GapKind.TicketNotFound).GroupBy(g => g.Detail ?? "Linear"))
        {
            console.MarkupLine($"[yellow]WARNING: Ticket {SafeText.Markup(Screens.Names(notFound.Select(g => g.Subject).ToList()))} not found in {notFound.Key}.[/]");
            console.WriteLine();
            console.WriteLine("This may be a typo in commit messages or a deleted ticket.");
            console.WriteLine("The release will proceed but note this in the audit trail.");
            console.WriteLine();
        }
    }
}
