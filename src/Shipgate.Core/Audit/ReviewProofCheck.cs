using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Audit;

/// <summary>A review whose reviewer nothing proves: named by git config only, or recorded before proofs. Counted and flagged, not a break.</summary>
internal sealed record UnprovenReview(string ReviewId, string ReviewedBy, string Why);

/// <summary>
/// Re-checks what verify can of each review's proof of its reviewer: a claimed signature is there, good, by an allowed signer and
/// by the key named; no review's commit is signed with the key that signed the reviewed release's record, or with a key listed
/// for its releaser or for the author of a commit it acknowledges. A refuted review is a problem and counts for nothing. Reviews
/// that prove nothing are listed as unproven. Pure.
/// </summary>
internal static class ReviewProofCheck
{
    public static (IReadOnlySet<string> Refuted, IReadOnlyList<UnprovenReview> Unproven) Check(TrailFacts facts,
        IReadOnlyList<(TrailLink Link, ReleaseRecord Record)> releases, IReadOnlyList<(TrailLink Link, ReviewRecord Record)> reviews,
        List<TrailProblem> problems)
    {
        var refuted = new HashSet<string>();
        var unproven = new List<UnprovenReview>();
        foreach (var (link, review) in reviews)
        {
            var proof = review.ReviewerProof;
            if (IsUnproven(review))
            {
                if (!facts.UnprovenReviewsAllowed)
                {
                    problems.Add(new TrailProblem(TrailCheck.Independence, link.Id, $"{link.Id} is unproven: nothing proves its reviewer " +
                        $"{SafeText.OneLine(review.ReviewedBy)} ({(proof is null ? "recorded before reviewers were proven" : "named by git config only")}), " +
                        "and the release policy does not allow unproven reviews (audit.review_identity: git-config), so it does not count. " +
                        "Someone other than the releaser or pusher records the review again with their own GitHub token or an allowed signing key."));
                    refuted.Add(link.Id);
                    continue;
                }
                unproven.Add(new UnprovenReview(link.Id, SafeText.OneLine(review.ReviewedBy), proof is null
                    ? "recorded before reviewers were proven"
                    : "named by git config only (audit.review_identity: git-config)"));
            }
            var signer = facts.CommitSigners?.GetValueOrDefault(link.AddedIn);
            var why = proof?.Method switch
            {
                ProofMethod.SshSignature => Disproof(facts, link, proof, signer),
                ProofMethod.GitHubToken when !Identities.SameAs(proof.Login, review.ReviewedByLogin) =>
                    $"says its reviewer is proven as GitHub user @{SafeText.OneLine(proof.Login ?? "")}, " +
                    $"but names @{SafeText.OneLine(review.ReviewedByLogin ?? "(none)")} as reviewer",
                _ => null,
            } ?? Conflict(signer, Counterparts(facts, review, releases));
            if (why is null) continue;
            problems.Add(new TrailProblem(TrailCheck.Independence, link.Id, $"{link.Id} {why}, so it does not count."));
            refuted.Add(link.Id);
        }
        return (refuted, unproven);
    }

    /// <summary>True when nothing proves the review's reviewer: no proof recorded, or git config only.</summary>
    public static bool IsUnproven(ReviewRecord review) => review.ReviewerProof is null or { Method: ProofMethod.GitConfig };

    /// <summary>Why a claimed signature does not prove the reviewer, or null.</summary>
    private static string? Disproof(TrailFacts facts, TrailLink link, ReviewerProof proof, CommitSigner? signer)
    {
        var claim = $"says its reviewer is proven by a signature with key {SafeText.OneLine(proof.Key ?? "(none)")}";
        if (facts.CommitSigners is null) return $"{claim}, which cannot be checked: the release policy names no audit.allowed_signers";
        if (facts.Signatures?.GetValueOrDefault(link.AddedIn) is not { ByAllowedSigner: true })
            return $"{claim}, but commit {Sha.Short(link.AddedIn)} that added it is not signed by an allowed signer" +
                (facts.Signatures?.GetValueOrDefault(link.AddedIn)?.WhyNot is { } whyNot ? $" ({SafeText.OneLine(whyNot)})" : "");
        return signer?.Key != proof.Key ? $"{claim}, but commit {Sha.Short(link.AddedIn)} is signed with {signer?.Key ?? "no SSH key"}" : null;
    }

    /// <summary>The people a review must not be by, with the keys that signed their records where verify knows them.</summary>
    private static IEnumerable<Counterpart> Counterparts(TrailFacts facts, ReviewRecord review, IReadOnlyList<(TrailLink Link, ReleaseRecord Record)> releases)
    {
        foreach (var (link, release) in releases.Where(r => review.Kind == ReviewKind.Review && r.Record.ReleaseId == review.ReviewsRelease))
            yield return new Counterpart(release.ReleasedByEmail, release.ReleasedByLogin, facts.CommitSigners?.GetValueOrDefault(link.AddedIn)?.Key,
                $"released {release.ReleaseId}");
        foreach (var push in review.DirectPushes ?? [])
            yield return new Counterpart(push.AuthorEmail, null, null, $"wrote {Sha.Short(push.Sha)}");
    }

    private static string? Conflict(CommitSigner? signer, IEnumerable<Counterpart> others)
    {
        if (signer is null) return null;
        foreach (var other in others)
        {
            if (other.KeyFingerprint == signer.Key)
                return $"is signed with key {signer.Key}, the key that signed the record of {SafeText.OneLine(other.Email)}, who {other.Did}";
            if (signer.Principals.FirstOrDefault(p => Identities.SameAs(p, other.Email)) is { } principal)
                return $"is signed with key {signer.Key}, which audit.allowed_signers lists for {SafeText.OneLine(principal)}, who {other.Did}";
        }
        return null;
    }
}
