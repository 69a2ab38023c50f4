using Shipgate.Record;

namespace Shipgate.Audit;

/// <summary>
/// The rule of separation of duties for reviews: nobody reviews their own release, and nobody
/// acknowledges their own direct push. The same person is the same email (case-insensitive) or
/// the same GitHub login (case-insensitive, as GitHub treats logins). Pure: review and verify both ask it.
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

    /// <summary>True when the reviewer wrote the commit they would acknowledge.</summary>
    public static bool IsAuthor(Reviewer reviewer, string authorEmail) => Same(reviewer.Email, authorEmail);

    /// <summary>Emails and logins both compare without case; an unknown one matches nothing.</summary>
    private static bool Same(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b) && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
