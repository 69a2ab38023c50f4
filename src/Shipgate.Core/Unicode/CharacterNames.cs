using System.Text;

namespace Shipgate.Unicode;

/// <summary>
/// Unicode's name of a character (Unicode 15.0, from UnicodeData.txt), so that a message can say which character it
/// means when it cannot be seen or looks like another: <c>U+0430 CYRILLIC SMALL LETTER A</c>. .NET has no such table.
/// </summary>
internal static class CharacterNames
{
    private sealed record Table(Dictionary<int, string> Names, List<(int First, int Last, string Prefix)> Ranges);

    private static readonly Lazy<Table> Loaded = new(Load);

    /// <summary>The code point and its name, as Unicode writes them: <c>U+200B ZERO WIDTH SPACE</c>.</summary>
    public static string Describe(Rune rune) => $"U+{rune.Value:X4} {Of(rune)}";

    /// <summary>
    /// The character's name; a control by its alias (<c>CHARACTER TABULATION</c>); a character without a name by
    /// Unicode's label for it (<c>&lt;private-use-E000&gt;</c>, <c>&lt;reserved-0378&gt;</c>: not assigned in Unicode 15.0).
    /// </summary>
    public static string Of(Rune rune)
    {
        var value = rune.Value;
        var table = Loaded.Value;
        if (table.Names.TryGetValue(value, out var name)) return name;
        foreach (var (first, last, prefix) in table.Ranges)
            if (value >= first && value <= last) return $"{prefix}-{value:X4}";
        if (value is >= HangulFirst and <= HangulLast) return Hangul(value);
        if (value is >= 0xE000 and <= 0xF8FF or >= 0xF0000 and <= 0xFFFFD or >= 0x100000 and <= 0x10FFFD) return $"<private-use-{value:X4}>";
        if (value is >= 0xFDD0 and <= 0xFDEF || (value & 0xFFFE) == 0xFFFE) return $"<noncharacter-{value:X4}>";
        return $"<reserved-{value:X4}>";
    }

    private static Table Load()
    {
        var table = new Table(new Dictionary<int, string>(40_000), []);
        foreach (var line in UnicodeTables.Lines("character-names.txt.gz"))
        {
            var semicolon = line.IndexOf(';');
            var (first, last) = UnicodeTables.Range(line[..semicolon]);
            if (first == last) table.Names[first] = line[(semicolon + 1)..];
            else table.Ranges.Add((first, last, line[(semicolon + 1)..]));
        }
        return table;
    }

    private const int HangulFirst = 0xAC00, HangulLast = 0xD7A3;

    private static readonly string[] Leading = ["G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"];
    private static readonly string[] Vowel =
        ["A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"];
    private static readonly string[] Trailing =
        ["", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"];

    /// <summary>A Hangul syllable's name, made from its jamo by the rule of Unicode's chapter 3.12.</summary>
    private static string Hangul(int value)
    {
        var index = value - HangulFirst;
        return "HANGUL SYLLABLE " + Leading[index / (21 * 28)] + Vowel[index % (21 * 28) / 28] + Trailing[index % 28];
    }
}
