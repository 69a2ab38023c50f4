using System.IO.Compression;

namespace Shipgate.Unicode;

/// <summary>
/// Reads the Unicode tables embedded in Shipgate (gzip-compressed text made by <c>Unicode/generate.py</c>; where they
/// come from is in <c>Unicode/README.md</c>). Read once, when first needed: a release that never has to explain a
/// character never reads them.
/// </summary>
internal static class UnicodeTables
{
    /// <summary>The lines of an embedded table, comments (#) skipped.</summary>
    public static IEnumerable<string> Lines(string name)
    {
        using var resource = typeof(UnicodeTables).Assembly.GetManifestResourceStream("unicode/" + name)
            ?? throw new InvalidOperationException($"The Unicode table {name} is missing from this build of Shipgate.");
        using var text = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        while (text.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#')
                yield return line;
    }

    /// <summary>A hex code point, or FIRST..LAST: the range it names.</summary>
    public static (int First, int Last) Range(string text)
    {
        var dots = text.IndexOf("..", StringComparison.Ordinal);
        return dots < 0
            ? (Hex(text), Hex(text))
            : (Hex(text[..dots]), Hex(text[(dots + 2)..]));
    }

    public static int Hex(string text) => int.Parse(text, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
}
