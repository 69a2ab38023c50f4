using Shipgate.Record;

namespace Shipgate.Audit;

/// <summary>How a review's proof is worded for people: after <c>audit review</c>, and by verify for an unproven review. Pure.</summary>
internal static class ReviewProofText
{
    public static string Describe(ReviewerProof? proof) => proof?.Method switch
    {
        ProofMethod.GitHubToken => $"Reviewer proven by a GitHub token: @{proof.Login}.",
        ProofMethod.SshSignature => $"Reviewer proven by the review's signature: key {proof.Key}, listed for {proof.Principal}.",
        ProofMethod.GitConfig => "Reviewer NOT proven: named by git config only (audit.review_identity: git-config); verify flags this review as unproven.",
        _ => "Reviewer NOT proven: the review was recorded before reviewers were proven.",
    };
}
