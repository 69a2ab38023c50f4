using System.Text.Json.Serialization;

namespace Shipgate.Record;

/// <summary>How a review's reviewer was proven to be who the record names.</summary>
internal enum ProofMethod
{
    /// <summary>The login GitHub gave for the reviewer's own token (<c>GET /user</c>).</summary>
    [JsonStringEnumMemberName("github-token")] GitHubToken,
    /// <summary>The review's commit is signed by a key in audit.allowed_signers that is neither the releaser's nor the pusher's.</summary>
    [JsonStringEnumMemberName("ssh-signature")] SshSignature,
    /// <summary>Nothing proven: git config alone, accepted only where the policy says audit.review_identity: git-config.</summary>
    [JsonStringEnumMemberName("git-config")] GitConfig,
}

/// <summary>
/// The proof of a review's reviewer, recorded so that verify can re-check what it can (a signature) and count what it cannot
/// (git config) as unproven. Reviews recorded before proofs have none and count as unproven.
/// </summary>
internal sealed record ReviewerProof
{
    public required ProofMethod Method { get; init; }
    /// <summary>The GitHub login proven by the token (github-token).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Login { get; init; }
    /// <summary>The signing key's fingerprint, SHA256:… as ssh-keygen shows it (ssh-signature).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }
    /// <summary>Who audit.allowed_signers says the key is (ssh-signature).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Principal { get; init; }
}
