using System.Text;
using Shipgate.Audit;
using Shipgate.Rendering;
using Shipgate.Unicode;

namespace Shipgate.Release;

/// <summary>
/// Says why a typed confirmation word is not the word shown when the difference cannot be seen: a space, an invisible
/// character, or a letter that only looks like the word's (a Cyrillic А for a Latin A). Quoting such a word back
/// (<c>you typed "PUBLISH", not PUBLISH</c>) would tell the person nothing, so each differing character is named by its
/// code point and Unicode name. Pure.
/// </summary>
internal static class WordMismatch
{
    /// <summary>At most this many differences are listed; the rest are counted.</summary>
    private const int Listed = 8;

    /// <summary>The reason for the terminal's abort message: what was typed, and each difference it hides.</summary>
    public static string Explain(string typed, string word)
    {
        var changes = Changes(typed, word);
        var hidden = LooksLike(typed, word) || changes.Any(c => c.Typed is { } t && !PlainlyVisible(t));
        if (!hidden) return $"you typed \"{SafeText.OneLine(typed)}\", not {word}";
        var lines = changes.Take(Listed).Select(c => "\n  " + Line(c, word)).ToList();
        if (changes.Count > Listed) lines.Add($"\n  and {changes.Count - Listed} more differences");
        var opening = LooksLike(typed, word)
            ? $"what you typed looks like {word} but is not it"
            : $"you typed \"{SafeText.OneLine(typed)}\", not {word}, and it holds characters that cannot be seen or look like others";
        return opening + ":" + string.Concat(lines) + $"\nType {word} in plain letters, with no spaces";
    }

    /// <summary>One difference, with 1-based positions counted in characters (code points).</summary>
    internal sealed record Change(int Position, Rune? Typed, Rune? Expected);

    private static string Line(Change change, string word) => change switch
    {
        { Typed: { } typed, Expected: { } expected } =>
            $"character {change.Position}: you typed {CharacterNames.Describe(typed)} where {word} has {CharacterNames.Describe(expected)}",
        { Typed: { } typed } => $"character {change.Position}: you typed {CharacterNames.Describe(typed)}, which {word} does not have",
        { Expected: { } expected } => $"character {change.Position} of {word}, {CharacterNames.Describe(expected)}, is missing",
        _ => "",
    };

    /// <summary>Printable ASCII other than space: what a terminal shows as itself.</summary>
    private static bool PlainlyVisible(Rune rune) => rune.Value is > 0x20 and < 0x7F;

    /// <summary>The same word to the eye: equal skeletons once spaces and invisible characters are left out.</summary>
    private static bool LooksLike(string typed, string word)
    {
        var visible = new StringBuilder();
        foreach (var rune in typed.EnumerateRunes())
            if (!Rune.IsWhiteSpace(rune) && !Rune.IsControl(rune) && Rune.GetUnicodeCategory(rune) != System.Globalization.UnicodeCategory.Format)
                visible.Append(rune.ToString());
        return LookAlike.Skeleton(visible.ToString()) == LookAlike.Skeleton(word);
    }

    /// <summary>
    /// The fewest changes (characters typed in place of the word's, typed in addition, or left out) that make the word
    /// from what was typed, in order: an edit distance over code points, its path read back.
    /// </summary>
    internal static IReadOnlyList<Change> Changes(string typed, string word)
    {
        var a = typed.EnumerateRunes().ToArray();
        var b = word.EnumerateRunes().ToArray();
        var cost = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) cost[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) cost[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                cost[i, j] = Math.Min(Math.Min(cost[i - 1, j] + 1, cost[i, j - 1] + 1), cost[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        var changes = new List<Change>();
        int x = a.Length, y = b.Length;
        while (x > 0 || y > 0)
        {
            if (x > 0 && y > 0 && a[x - 1] == b[y - 1] && cost[x, y] == cost[x - 1, y - 1]) { x--; y--; }
            else if (x > 0 && y > 0 && cost[x, y] == cost[x - 1, y - 1] + 1) { changes.Add(new Change(x, a[x - 1], b[y - 1])); x--; y--; }
            else if (x > 0 && cost[x, y] == cost[x - 1, y] + 1) { changes.Add(new Change(x, a[x - 1], null)); x--; }
            else { changes.Add(new Change(y, null, b[y - 1])); y--; }
        }
        changes.Reverse();
        return changes;
    }
}
