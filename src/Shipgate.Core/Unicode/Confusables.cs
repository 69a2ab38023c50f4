using System.Text;

namespace Shipgate.Unicode;

/// <summary>
/// Unicode's confusables (UTS #39 <c>confusables.txt</c>): for each character that looks like another, the prototype it
/// is taken for; and the default-ignorable code points (invisible: zero-width spaces and joiners, variation selectors),
/// which a skeleton leaves out. See <c>Unicode/README.md</c> for the data's version and source.
/// </summary>
internal static class Confusables
{
    private sealed record Table(Dictionary<int, string> Prototypes, List<(int First, int Last)> Ignorable);

    private static readonly Lazy<Table> Loaded = new(Load);

    /// <summary>The prototype <paramref name="rune"/> is confusable with, or null when it is its own.</summary>
    public static string? Prototype(Rune rune) => Loaded.Value.Prototypes.GetValueOrDefault(rune.Value);

    /// <summary>Default_Ignorable_Code_Point: shown as nothing at all.</summary>
    public static bool IsDefaultIgnorable(Rune rune)
    {
        foreach (var (first, last) in Loaded.Value.Ignorable)
            if (rune.Value >= first && rune.Value <= last) return true;
        return false;
    }

    private static Table Load()
    {
        var table = new Table(new Dictionary<int, string>(6_400), []);
        foreach (var line in UnicodeTables.Lines("confusables.txt.gz"))
        {
            if (line[0] == '!')
            {
                table.Ignorable.Add(UnicodeTables.Range(line[1..]));
                continue;
            }
            var semicolon = line.IndexOf(';');
            var prototype = new StringBuilder();
            foreach (var code in line[(semicolon + 1)..].Split(' '))
                prototype.Append(char.ConvertFromUtf32(UnicodeTables.Hex(code)));
            table.Prototypes[UnicodeTables.Hex(line[..semicolon])] = prototype.ToString();
        }
        return table;
    }
}
