namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 3, last gate before anyone is asked: with <c>github.require_independent_review</c>, a PR not
/// approved by someone other than its author blocks the release (a dry run says so too).
/// Skipped: when the policy does not require independent review.
/// Fails: a <see cref="WouldBlock"/> naming the PRs (a release stops there, exit 3).
/// </summary>
internal static class ReviewGate
{
    /// <returns>The gate if it is closed; null when open.</returns>
    public static WouldBlock? Check(ReleaseContext context, Gathered gathered)
    {
        if (!context.Config.GitHub.RequireIndependentReview) return null;
        var unapproved = gathered.Plan.PullRequests.Where(p => p.IndependentlyApproved != true).Select(p => $"#{p.Number}").ToList();
        if (unapproved.Count == 0) return null;
        return new WouldBlock($"github.require_independent_review is set, and {string.Join(", ", unapproved)} " +
                (context.CodeHost.Missing is { } why
                    ? $"cannot be checked without GitHub ({why})"
                    : "lack an approval of their final head by someone other than the author"), null,
            context.CodeHost.Missing is { } missing
            ? $"BLOCKED: github.require_independent_review is set, and the reviews of {string.Join(", ", unapproved)} " +
              $"cannot be read without GitHub ({missing})."
            : $"BLOCKED: github.require_independent_review is set, and {string.Join(", ", unapproved)} {(unapproved.Count == 1 ? "was" : "were")} " +
              $"not approved by anyone other than the author.{Stale(gathered)}\n\nGet an independent approval on GitHub, then release again.");
    }

    /// <summary>The PRs whose only independent approvals came before later commits, which do not count; empty when none.</summary>
    private static string Stale(Gathered gathered) =>
        Gaps.Of(gathered.Gaps, GapKind.ApprovedBeforeLaterCommits).Select(g => g.Subject).ToList() is { Count: > 0 } stale
            ? $" An approval given before later commits does not count: {string.Join(", ", stale)} {(stale.Count == 1 ? "was" : "were")} " +
              "approved only before their last push."
            : "";
}
