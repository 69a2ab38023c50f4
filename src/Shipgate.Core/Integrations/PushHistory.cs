using System.Text.Json.Serialization;

namespace Shipgate.Integrations;

/// <summary>
/// The code host's own record of who moved a branch, and how: what <c>audit verify</c> checks the trail against (the
/// witness). GitHub keeps it as the repository activity API.
/// </summary>
internal interface IPushHistory
{
    /// <summary>Every update of <paramref name="branch"/> the host still lists, oldest first.</summary>
    Task<IReadOnlyList<RefActivity>> GetBranchActivityAsync(string branch, CancellationToken ct);
}

/// <summary>How a branch was moved, by GitHub's activity names.</summary>
internal enum RefActivityType
{
    [JsonStringEnumMemberName("push")] Push,
    [JsonStringEnumMemberName("force_push")] ForcePush,
    [JsonStringEnumMemberName("branch_creation")] BranchCreation,
    [JsonStringEnumMemberName("branch_deletion")] BranchDeletion,
    [JsonStringEnumMemberName("pr_merge")] PullRequestMerge,
    [JsonStringEnumMemberName("merge_queue_merge")] MergeQueueMerge,
}

/// <summary>One update of a branch as the code host saw it: from <see cref="Before"/> to <see cref="After"/>, by whom, when.</summary>
/// <param name="Actor">The login that did it; null when the host does not say (then nothing is witnessed by it).</param>
internal sealed record RefActivity(long Id, string Before, string After, string Ref, DateTimeOffset Timestamp, RefActivityType Type, string? Actor)
{
    public string TypeName => JsonNames.Of(Type);
}
