using System.Text;

namespace Shipgate.Rendering;

/// <summary>
/// Makes text from PRs, tickets and commits safe for each output. That text is written by anyone
/// who can open a PR, so it may carry terminal escape sequences, bidi overrides, Markdown table
/// breakers or HTML; none of it may change how a screen or a record reads.
/// </summary>
internal static class SafeText
{
    /// <summary>One line of plain text: control and bidi-override characters removed, whitespace runs folded.</summary>
    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var result = new StringBuilder(text.Length);
        var lastWasSpace = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            var isSpace = value is '\t' or '\n' or '\r' or ' ' || Rune.IsWhiteSpace(rune);
            if (isSpace)
            {
                if (!lastWasSpace && result.Length > 0) result.Append(' ');
                lastWasSpace = true;
                continue;
            }
            if (Rune.IsControl(rune) || IsBidiControl(value) || value is 0x200B or 0xFEFF) continue;
            result.Append(rune.ToString());
            lastWasSpace = false;
        }
        return result.ToString().TrimEnd();
    }

    /// <summary>
    /// One line of a file as it is written, every space and tab kept (a diff must show the committed text byte for byte); only
    /// what could steer the terminal or hide text (other control characters, bidi controls, zero-width space) is left out.
    /// </summary>
    public static string Verbatim(string? line)
    {
        if (string.IsNullOrEmpty(line)) return "";
        var result = new StringBuilder(line.Length);
        foreach (var rune in line.EnumerateRunes())
        {
            var value = rune.Value;
            if (value != '\t' && (Rune.IsControl(rune) || IsBidiControl(value) || value is 0x200B or 0xFEFF)) continue;
            result.Append(rune.ToString());
        }
        return result.ToString();
    }

    /// <summary>Several lines of plain text (a message), each cleaned like <see cref="OneLine"/>.</summary>
    public static string Lines(string? text) =>
        string.Join('\n', (text ?? "").Split('\n').Select(OneLine));

    /// <summary>Plain text shortened to <paramref name="max"/> characters with "..." (the seed's table style).</summary>
    public static string Shorten(string? text, int max)
    {
        var line = OneLine(text);
        return line.Length <= max ? line : line[..(max - 3)].TrimEnd() + "...";
    }

    /// <summary>Text for Spectre.Console markup: cleaned, then its [ and ] escaped.</summary>
    public static string Markup(string? text) => OneLine(text).Replace("[", "[[").Replace("]", "]]");

    /// <summary>Text for Markdown, inline or in a table cell: one line, HTML and Markdown syntax neutralised.</summary>
    public static string Markdown(string? text)
    {
        var line = OneLine(text);
        var result = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            switch (c)
            {
                case '&': result.Append("&amp;"); break;
                case '<': result.Append("&lt;"); break;
                case '>': result.Append("&gt;"); break;
                case '|': result.Append("\\|"); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '~' or '!' or '(' or ')':
                    result.Append('\\').Append(c); break;
                default: result.Append(c); break;
            }
        }
        return result.ToString();
    }

    /// <summary>A URL for a Markdown link target: only http(s), with characters that end a link target encoded.</summary>
    public static string? MarkdownUrl(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return null;
        return uri.AbsoluteUri.Replace("(", "%28").Replace(")", "%29").Replace(" ", "%20").Replace("<", "%3C").Replace(">", "%3E");
    }

    private static bool IsBidiControl(int c) => c is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) or 0x200E or 0x200F or 0x061C;
}
