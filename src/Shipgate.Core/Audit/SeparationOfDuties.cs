using Shipgate.Record;

namespace Shipgate.Audit;

/// <summary>
/// The rule of separation of duties for reviews: nobody reviews their own release, and nobody
/// acknowledges their own direct push. The same person is the same email or the same GitHub login, compared by
/// <see cref="Identities.SameAs"/> (without case, look-alikes folded). Pure: review and verify both ask it.
/// </summary>
internal static class SeparationOfDuties
{
    /// <summary>
    /// The reviewer a record names. A review recorded before reviewers were identified named them in
    /// free text; the only identity it proves is whoever recorded it, so that is who reviewed.
    /// </summary>
    public static Reviewer ReviewerOf(ReviewRecord review) =>
        new(review.ReviewedBy, review.ReviewedByEmail ?? review.RecordedByEmail, review.ReviewedByLogin);

    /// <summary>Why <paramref name="reviewer"/> may not review <paramref name="release"/> (they released it), or null.</summary>
    public static string? ReleaserConflict(Reviewer reviewer, ReleaseRecord release) =>
        Same(reviewer.Email, release.ReleasedByEmail) ? $"{release.ReleasedByEmail} released it"
        : Same(reviewer.Login, release.ReleasedByLogin) ? $"GitHub user @{release.ReleasedByLogin} released it"
        : null;

    /// <summary>
    /// Why a proven reviewer is <paramref name="other"/> after all, or null: the same GitHub login, the same signing key, or a
    /// key that audit.allowed_signers lists for their email.
    /// </summary>
    public static string? ProofConflict(ProvenReviewer proven, Counterpart other) =>
        Same(proven.Proof.Login, other.Login) ? $"GitHub user @{other.Login} {other.Did}"
        : proven.KeyFingerprint is { } key && key == other.KeyFingerprint ? $"{other.Email} {other.Did}, signed with your signing key {key}"
        : (proven.Proof.Principal ?? "").Split(',').FirstOrDefault(p => Same(p, other.Email)) is { } principal
            ? $"{other.Email} {other.Did}, and audit.allowed_signers lists your signing key for {principal}"
        : null;

    /// <summary>True when the reviewer wrote the commit they would acknowledge.</summary>
    public static bool IsAuthor(Reviewer reviewer, string authorEmail) => Same(reviewer.Email, authorEmail);

    /// <summary>Emails and logins both compare as <see cref="Identities.SameAs"/> does; an unknown one matches nothing.</summary>
    private static bool Same(string? a, string? b) => Identities.SameAs(a, b);
}
