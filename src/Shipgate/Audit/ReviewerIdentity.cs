using System.Text;

namespace Shipgate.Audit;

/// <summary>
/// The one place names, emails, logins and principals are compared when a review is judged, so that a look-alike of the
/// releaser is the releaser. Pure.
/// </summary>
internal static class ReviewerIdentity
{
    /// <summary>
    /// True when both are known and the same after Unicode NFKC (fullwidth and compatibility forms folded) and without case.
    /// TODO(lead): take the UTS #39 confusable skeleton here (Shipgate.Audit.LookAlike.Same, on another branch), so that
    /// "rel@exаmple.com" with a Cyrillic "а" is the same as "rel@example.com"; every comparison of identities comes through here.
    /// </summary>
    public static bool SameAs(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b)
        && string.Equals(Fold(a), Fold(b), StringComparison.OrdinalIgnoreCase);

    private static string Fold(string text)
    {
        var trimmed = text.Trim();
        return trimmed.IsNormalized(NormalizationForm.FormKC) ? trimmed : trimmed.Normalize(NormalizationForm.FormKC);
    }
}
