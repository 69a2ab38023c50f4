using System.Text;

namespace Shipgate.Audit;

/// <summary>
/// The one place names, emails, logins and principals are compared when a review is judged, so that a look-alike of the
/// releaser is the releaser. Pure.
/// </summary>
internal static class Identities
{
    /// <summary>
    /// True when both are known and the same after NFKC compatibility folding and without case.
    /// TODO(lead): take the UTS #39 confusable skeleton here (Shipgate.Audit.LookAlike.Same, on another branch), so that
    /// "rel@exаmple.com" with a Cyrillic "а" is the same as "rel@example.com"; every comparison of identities comes through here.
    /// </summary>
    public static bool SameAs(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b)
        && string.Equals(Fold(a), Fold(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// NFKC where the runtime has Unicode's data; Shipgate runs with invariant globalization, where it has none, so the
    /// compatibility forms look-alike identities are made of (fullwidth ASCII, mathematical letters and digits) are folded here
    /// as NFKC folds them.
    /// </summary>
    private static string Fold(string text)
    {
        var normalized = text.Trim();
        try
        {
            normalized = normalized.Normalize(NormalizationForm.FormKC);
        }
        catch (PlatformNotSupportedException)
        {
        }
        var folded = new StringBuilder(normalized.Length);
        foreach (var rune in normalized.EnumerateRunes())
            folded.Append(Compatible(rune.Value) is { } ascii ? ascii : rune.ToString());
        return folded.ToString();
    }

    /// <summary>The ASCII character NFKC makes of a fullwidth form or a mathematical letter or digit; null for anything else.</summary>
    private static char? Compatible(int codePoint) => codePoint switch
    {
        >= 0xFF01 and <= 0xFF5E => (char)(codePoint - 0xFEE0),
        0x3000 => ' ',
        >= 0x1D400 and <= 0x1D6A3 => (codePoint - 0x1D400) % 52 is var letter && letter < 26 ? (char)('A' + letter) : (char)('a' + letter - 26),
        >= 0x1D7CE and <= 0x1D7FF => (char)('0' + (codePoint - 0x1D7CE) % 10),
        _ => null,
    };
}
