using System.Text;

namespace Shipgate.Unicode;

/// <summary>
/// Unicode's NFD and NFKD (Unicode 15.0, from UnicodeData.txt). Shipgate is built with invariant globalization, where
/// <see cref="string.Normalize()"/> leaves non-ASCII text as it is, so normalization is done here from the embedded table:
/// each character decomposed (compatibility mappings too, for NFKD) and combining marks put in canonical order.
/// </summary>
internal static class Decomposition
{
    private sealed record Table(Dictionary<int, (bool Compatibility, int[] Mapping)> Mappings, Dictionary<int, int> Classes);

    private static readonly Lazy<Table> Loaded = new(Load);

    /// <summary>Canonical decomposition, NFD.</summary>
    public static string Nfd(string text) => Decompose(text, compatibility: false);

    /// <summary>Compatibility decomposition, NFKD: also what NFD makes of NFKC.</summary>
    public static string Nfkd(string text) => Decompose(text, compatibility: true);

    private static string Decompose(string text, bool compatibility)
    {
        var table = Loaded.Value;
        var runes = new List<Rune>(text.Length);
        foreach (var rune in text.EnumerateRunes()) Append(table, rune.Value, compatibility, runes);
        // Canonical ordering: within each run of combining marks, a stable sort by combining class.
        for (var i = 1; i < runes.Count; i++)
        {
            var ccc = Class(table, runes[i]);
            if (ccc == 0) continue;
            for (var j = i; j > 0 && Class(table, runes[j - 1]) > ccc; j--)
                (runes[j - 1], runes[j]) = (runes[j], runes[j - 1]);
        }
        var result = new StringBuilder(runes.Count);
        foreach (var rune in runes) result.Append(rune.ToString());
        return result.ToString();
    }

    private static void Append(Table table, int value, bool compatibility, List<Rune> runes)
    {
        if (value is >= HangulFirst and <= HangulLast)
        {
            var index = value - HangulFirst;
            runes.Add(new Rune(0x1100 + index / (21 * 28)));
            runes.Add(new Rune(0x1161 + index % (21 * 28) / 28));
            if (index % 28 != 0) runes.Add(new Rune(0x11A7 + index % 28));
            return;
        }
        if (table.Mappings.TryGetValue(value, out var decomposed) && (compatibility || !decomposed.Compatibility))
        {
            foreach (var part in decomposed.Mapping) Append(table, part, compatibility, runes);
            return;
        }
        runes.Add(new Rune(value));
    }

    private static int Class(Table table, Rune rune) => table.Classes.GetValueOrDefault(rune.Value);

    private const int HangulFirst = 0xAC00, HangulLast = 0xD7A3;

    private static Table Load()
    {
        var table = new Table([], []);
        foreach (var line in UnicodeTables.Lines("normalization.txt.gz"))
        {
            var semicolon = line.IndexOf(';');
            if (line[0] == '%')
            {
                var (first, last) = UnicodeTables.Range(line[1..semicolon]);
                var ccc = int.Parse(line[(semicolon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                for (var code = first; code <= last; code++) table.Classes[code] = ccc;
                continue;
            }
            var mapping = line[(semicolon + 1)..];
            var compatibility = mapping.StartsWith('~');
            table.Mappings[UnicodeTables.Hex(line[..semicolon])] =
                (compatibility, mapping.TrimStart('~').Split(' ').Select(UnicodeTables.Hex).ToArray());
        }
        return table;
    }
}
