using Shipgate.Git;
using Shipgate.Record;

namespace Shipgate.Audit;

/// <summary>A reviewer with what proves them, and the SSH key their review's commit is signed with (when it is).</summary>
internal sealed record ProvenReviewer(Reviewer Reviewer, ReviewerProof Proof, byte[]? Key)
{
    public string? KeyFingerprint => Key is null ? null : SigningKey.Fingerprint(Key);
}

/// <summary>Someone a review must not be by: the releaser of the release, or the author of a direct push, and the key they signed with.</summary>
/// <param name="Did">What they did, for messages: "released it", "wrote d34db33".</param>
internal sealed record Counterpart(string Email, string? Login, string? KeyFingerprint, string Did);
