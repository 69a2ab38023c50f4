using System.Text.Json.Serialization;
using Shipgate.Integrations;

namespace Shipgate.Release;

/// <summary>CI's state on staging's head, as the record words it: GitHub's combined state, or unverified when it could not be asked.</summary>
internal enum CiState
{
    [JsonStringEnumMemberName("success")] Success,
    [JsonStringEnumMemberName("failure")] Failure,
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("unverified")] Unverified,
}

/// <summary>
/// What the release knows of CI on staging's head: a verdict from the code host, or the reason it
/// could not be verified (recorded, and shown as an unticked box).
/// </summary>
internal sealed record CiResult(string Sha, CiState Status, IReadOnlyList<CiCheck> Checks, string? UnverifiedReason, IReadOnlyList<string>? Failures = null)
{
    public bool Verified => UnverifiedReason is null;

    /// <summary>Verified and green. A failing result only gets this far in an emergency release.</summary>
    public bool Passed => Verified && (Failures is null || Failures.Count == 0);

    public static CiResult From(CiVerdict verdict) => new(verdict.Sha, verdict.Status, verdict.Checks, null, verdict.Problems);

    public static CiResult Unverified(string sha, string reason) => new(sha, CiState.Unverified, [], reason);
}
