namespace Shipgate.Rendering;

/// <summary>
/// What every screen shares, drawn with Spectre.Console: the banner, the section rule, the markdown table, and the cut of a
/// long list at <see cref="RowsShown"/>. Screens are layout only: every value arrives ready from the phase that shows them,
/// and every external text passes through <see cref="SafeText"/>.
/// </summary>
internal static class Screens
{
    private const int Width = 80;

    /// <summary>
    /// How many rows a long table or list shows on the terminal, so a release of 20,000 commits still has a summary a
    /// person reads; the rest are counted in one line, and the record (and --json) keeps every one.
    /// </summary>
    public const int RowsShown = 50;
    public static readonly string Heavy = new('=', Width);
    public static readonly string Light = new('-', Width);

    public static void Banner(IAnsiConsole console, string title)
    {
        console.WriteLine(Heavy);
        console.WriteLine(new string(' ', Math.Max(0, (Width - title.Length) / 2)) + title);
        console.WriteLine(Heavy);
        console.WriteLine();
    }

    public static void Section(IAnsiConsole console, string title)
    {
        console.WriteLine(Light);
        console.WriteLine(title);
        console.WriteLine(Light);
        console.WriteLine();
    }

    public static Table MarkdownTable(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Markdown);
        foreach (var column in columns) table.AddColumn(new TableColumn(column));
        return table;
    }

    /// <summary>The line under a list cut at <see cref="RowsShown"/>: how many more there are, and where they all are.</summary>
    public static void More(IAnsiConsole console, int total)
    {
        if (total > RowsShown) console.WriteLine($"... and {total - RowsShown} more (all are in the record)");
    }

    /// <summary>Up to <see cref="RowsShown"/> names, then how many more: one line that stays readable whatever the count.</summary>
    public static string Names(IReadOnlyList<string> names) =>
        names.Count <= RowsShown ? string.Join(", ", names) : $"{string.Join(", ", names.Take(RowsShown))} and {names.Count - RowsShown} more";

    /// <summary>The emergency banner: before the word is typed, and after the release with its review deadline.</summary>
    public static void EmergencyBanner(IAnsiConsole console, string title, string text)
    {
        var bar = new string('!', Width);
        console.MarkupLine($"[red bold]{bar}[/]");
        ScreenLayout.WriteHanging(console, title, 2, new Style(Color.Red, decoration: Decoration.Bold));
        ScreenLayout.WriteHanging(console, text, 2);
        console.MarkupLine($"[red bold]{bar}[/]");
    }

    /// <summary>A review window as a person says it: whole days past two days, else whole hours, else minutes.</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays) && span.TotalHours % 24 == 0 && span.TotalDays > 2
            ? Plural.Of((int)span.TotalDays, "day")
            : span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? Plural.Of((int)span.TotalHours, "hour")
            : Plural.Of((int)span.TotalMinutes, "minute");
}
