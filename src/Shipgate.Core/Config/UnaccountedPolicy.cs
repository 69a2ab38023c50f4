namespace Shipgate.Config;

/// <summary>
/// A release policy on production's tip that differs from the one the audit trail accounts for: pushed around the gate,
/// it does not govern until a review acknowledges the direct pushes (or a release ships them).
/// </summary>
/// <param name="Commit">The newest commit that changed the policy file since the accounted commit.</param>
/// <param name="Subject">That commit's subject, cleaned for one line.</param>
/// <param name="Author">Its author's name, as git says it (shown, never trusted).</param>
/// <param name="TipBlob">The policy file's blob at production's tip; null when the push deleted it.</param>
/// <param name="ToAcknowledge">Every commit after the accounted one that no review acknowledges, oldest first.</param>
internal sealed record UnaccountedPolicy(string Commit, string Subject, string Author, string AuthorEmail, string? TipBlob,
    IReadOnlyList<string> ToAcknowledge)
{
    /// <summary>What acknowledges them, for messages: shipgate audit review --direct-push &lt;sha&gt;….</summary>
    public string ReviewCommand =>
        $"shipgate audit review --direct-push {string.Join(' ', ToAcknowledge.Select(sha => sha[..Math.Min(12, sha.Length)]))} --note <text>";
}
