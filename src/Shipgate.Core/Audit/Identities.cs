namespace Shipgate.Audit;

/// <summary>
/// The one place names, emails, logins and principals are compared when a review is judged, so that a look-alike of the
/// releaser is the releaser. Pure.
/// </summary>
internal static class Identities
{
    /// <summary>
    /// True when both are known and the same to a reader: equal after NFKC and the UTS #39 confusable skeleton
    /// (<see cref="LookAlike"/>), so "rel@exаmple.com" with a Cyrillic "а" is "rel@example.com", and without case, since
    /// GitHub logins and email addresses are compared without it.
    /// </summary>
    public static bool SameAs(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b)
        && (LookAlike.Same(a, b) || LookAlike.Same(a.ToLowerInvariant(), b.ToLowerInvariant())
            || string.Equals(LookAlike.Skeleton(a.Trim()), LookAlike.Skeleton(b.Trim()), StringComparison.OrdinalIgnoreCase));
}
