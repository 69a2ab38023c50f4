using System.Text;
using Shipgate.Unicode;

namespace Shipgate.Audit;

/// <summary>
/// Whether two names or emails would be taken for each other on a screen: compared after Unicode NFKC and the UTS #39
/// confusable skeleton, so <c>rel@exаmple.com</c> (with a Cyrillic а) is <c>rel@example.com</c>. A look-alike of the
/// releaser is the releaser. Pure.
/// </summary>
internal static class LookAlike
{
    /// <summary>
    /// UTS #39's skeleton of the text's NFKC form: NFD (of NFKC, which is NFKD), default-ignorable code points left out,
    /// each character replaced by its confusable prototype, NFD again. Text that is not valid UTF-16 has its stray halves
    /// read as U+FFFD. (<see cref="string.Normalize()"/> does nothing to non-ASCII text under invariant globalization,
    /// so <see cref="Decomposition"/> normalizes.)
    /// </summary>
    public static string Skeleton(string text)
    {
        var decomposed = Decomposition.Nfkd(text);
        var skeleton = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (Confusables.IsDefaultIgnorable(rune)) continue;
            if (Confusables.Prototype(rune) is { } prototype) skeleton.Append(prototype);
            else skeleton.Append(rune.ToString());
        }
        return Decomposition.Nfd(skeleton.ToString());
    }

    /// <summary>
    /// The same identity to a reader: equal skeletons, with runs of spaces as one and none at either end; two emails
    /// (each with an @) also when they differ only in case.
    /// </summary>
    public static bool Same(string a, string b)
    {
        if (Spaced(Skeleton(a)) == Spaced(Skeleton(b))) return true;
        if (!a.Contains('@') || !b.Contains('@')) return false;
        return Spaced(Skeleton(a.ToLowerInvariant())) == Spaced(Skeleton(b.ToLowerInvariant()))
            || Spaced(Skeleton(a)).ToLowerInvariant() == Spaced(Skeleton(b)).ToLowerInvariant();
    }

    private static string Spaced(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
