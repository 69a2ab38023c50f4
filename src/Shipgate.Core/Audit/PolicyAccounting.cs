using Shipgate.Git;
using Shipgate.Record;

namespace Shipgate.Audit;

/// <summary>
/// The production commit the audit trail accounts for (<see cref="Sha"/>, accounted for by the record <see cref="By"/>), and
/// the commits after the last release that no review acknowledges (oldest first).
/// </summary>
internal sealed record AccountedCommit(string Sha, string By, IReadOnlyList<Commit> Unacknowledged);

/// <summary>
/// Which production commit the trail accounts for: the last release's end, or a later commit when every commit after that
/// release up to it is a direct push acknowledged by a review of someone other than its author (a hotfix). The release
/// policy is read there, so a push around the gate cannot loosen it. Pure.
/// </summary>
internal static class PolicyAccounting
{
    /// <param name="releaseId">The last release record's id.</param>
    /// <param name="released">Its <c>to_sha</c>.</param>
    /// <param name="sinceRelease">Production's commits after it (<c>git rev-list released..tip</c>), in any order.</param>
    /// <param name="reviews">The review records chained after the last release.</param>
    /// <param name="unprovenAllowed">
    /// Whether the policy at the release's end says audit.review_identity: git-config; otherwise a review that proves nothing of its
    /// reviewer (<see cref="ReviewProofCheck.IsUnproven"/>) acknowledges nothing.
    /// </param>
    public static AccountedCommit Find(string releaseId, string released, IReadOnlyList<Commit> sinceRelease, IReadOnlyList<ReviewRecord> reviews,
        bool unprovenAllowed = false)
    {
        var bySha = sinceRelease.ToDictionary(c => c.Sha, StringComparer.Ordinal);
        var acknowledgedIn = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var review in reviews.Where(r => r.Kind == ReviewKind.DirectPushReview && (unprovenAllowed || !ReviewProofCheck.IsUnproven(r))))
        {
            var reviewer = SeparationOfDuties.ReviewerOf(review);
            foreach (var claimed in review.DirectPushes ?? [])
                if (bySha.TryGetValue(claimed.Sha, out var commit) && !SeparationOfDuties.IsAuthor(reviewer, commit.AuthorEmail))
                    acknowledgedIn.TryAdd(commit.Sha, review.ReviewId);
        }

        // A commit is accounted for when it is acknowledged and so is every parent after the release (the others are the
        // release's own history); its depth orders the accounted ones, the deepest is where production is accounted up to.
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<(string Sha, bool ParentsDone)>();
        foreach (var start in sinceRelease)
        {
            stack.Push((start.Sha, false));
            while (stack.TryPop(out var next))
            {
                if (depth.ContainsKey(next.Sha)) continue;
                var parents = bySha[next.Sha].Parents.Where(bySha.ContainsKey).ToList();
                if (next.ParentsDone)
                {
                    depth[next.Sha] = acknowledgedIn.ContainsKey(next.Sha) && parents.All(p => depth[p] > 0)
                        ? 1 + parents.Select(p => depth[p]).DefaultIfEmpty(0).Max()
                        : 0;
                    continue;
                }
                stack.Push((next.Sha, true));
                foreach (var parent in parents.Where(p => !depth.ContainsKey(p))) stack.Push((parent, false));
            }
        }

        var unacknowledged = sinceRelease.Where(c => !acknowledgedIn.ContainsKey(c.Sha)).Reverse().ToList();
        var deepest = depth.Where(d => d.Value > 0).OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).FirstOrDefault();
        return deepest.Key is { } sha
            ? new AccountedCommit(sha, acknowledgedIn[sha], unacknowledged)
            : new AccountedCommit(released, releaseId, unacknowledged);
    }
}
