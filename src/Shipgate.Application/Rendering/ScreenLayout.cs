using Spectre.Console.Rendering;

namespace Shipgate.Rendering;

/// <summary>
/// How wide the screens are drawn. A terminal: its width, or COLUMNS when set. Not a terminal (a pipe,
/// a file, CI's log): no limit, so nothing is wrapped or cut and a script reads whole lines.
/// </summary>
internal static class ScreenLayout
{
    /// <summary>Wide enough that no line is ever wrapped: output that is not a terminal.</summary>
    public const int Unlimited = 100_000;

    public static int Width(bool isTerminal, string? columns, int terminalWidth)
    {
        if (!isTerminal) return Unlimited;
        if (int.TryParse(columns, out var fromColumns) && fromColumns >= 20) return fromColumns;
        return terminalWidth >= 20 ? terminalWidth : 80;
    }

    /// <summary>
    /// <paramref name="text"/> word-wrapped to <paramref name="width"/>, each continuation line indented by
    /// <paramref name="indent"/> spaces so a wrapped item still reads as one. A word longer than a line is left whole.
    /// </summary>
    public static IReadOnlyList<string> Hanging(string text, int width, int indent)
    {
        if (text.Length <= width) return [text];
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var room = width - (lines.Count == 0 ? 0 : indent);
            if (line.Length > 0 && line.Length + 1 + word.Length > room)
            {
                lines.Add(line);
                line = word;
            }
            else line = line.Length == 0 ? word : line + " " + word;
        }
        lines.Add(line);
        return lines.Select((l, i) => i == 0 ? l : new string(' ', indent) + l).ToList();
    }

    /// <summary>Writes a line as <see cref="Hanging"/> lines, in an optional style, without Spectre wrapping it again.</summary>
    public static void WriteHanging(IAnsiConsole console, string text, int indent, Style? style = null)
    {
        foreach (var line in Hanging(text, console.Profile.Width, indent))
            console.Write(new Text(line + "\n", style ?? Style.Plain) { Overflow = Overflow.Ellipsis });
    }

    /// <summary>A renderable without its whitespace-only lines: a Markdown table's empty top and bottom borders.</summary>
    public static IRenderable WithoutBlankLines(IRenderable inner) => new BlankLinesDropped(inner);

    private sealed class BlankLinesDropped(IRenderable inner) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
        {
            foreach (var line in Segment.SplitLines(inner.Render(options, maxWidth)))
            {
                if (line.All(s => string.IsNullOrWhiteSpace(s.Text))) continue;
                foreach (var segment in line) yield return segment;
                yield return Segment.LineBreak;
            }
        }
    }
}
