using System.Text.Json;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Audit;

/// <summary>
/// Where the policy that governed a release was read: <c>.shipgate.yml</c> at <paramref name="Commit"/>, the production commit the
/// trail accounted for when the release was made; for the first release, staging's file (<paramref name="StagingFallback"/>, the
/// release's <c>to_sha</c>) when production had none.
/// </summary>
internal sealed record PolicyCommit(string Commit, string? StagingFallback);

/// <summary>The policy file as git has it at a commit: its text, absent from the commit's tree, or in the tree but not in the local store.</summary>
internal sealed record PolicyFileAt(string? Text, bool InTree);

/// <summary>The required checks of the policy that governed a release, read at <paramref name="Commit"/>; null when git could not give the file.</summary>
internal sealed record GoverningChecks(string Commit, IReadOnlyList<string>? RequiredChecks);

/// <summary>
/// The policy a release was made under, found from the trail rather than from the record: the record's own
/// <c>policy.required_checks</c> is the record's claim, and a forged record listing none would have its CI judged by nothing.
/// The trail accounted, when a release was made, for the previous release's end or the direct pushes after it that reviews
/// acknowledged (<see cref="PolicyAccounting"/>, as pre-flight decided); before the first release, production's tip (the
/// record's <c>from_sha</c>), else staging's file. Pure.
/// </summary>
internal static class GoverningPolicy
{
    /// <param name="previous">The release before it (id and <c>to_sha</c>); null for the first.</param>
    /// <param name="reviews">The review records chained between that release and this one.</param>
    /// <param name="unprovenAllowed">Whether a review that proves nothing of its reviewer counts (audit.review_identity: git-config).</param>
    public static PolicyCommit At(ReleaseRecord record, (string Id, string ToSha)? previous, IReadOnlyList<ReviewRecord> reviews,
        CommitGraph graph, IReadOnlyDictionary<string, Commit> bySha, bool unprovenAllowed = false)
    {
        if (previous is not { } last) return new PolicyCommit(record.FromSha, record.ToSha);
        if (record.FromSha == last.ToSha) return new PolicyCommit(record.FromSha, null);
        var since = graph.Range(last.ToSha, record.FromSha).Where(bySha.ContainsKey).Select(sha => bySha[sha]).ToList();
        return new PolicyCommit(PolicyAccounting.Find(last.Id, last.ToSha, since, reviews, unprovenAllowed).Sha, null);
    }

    /// <summary>
    /// The required checks git's files give: a missing file means the defaults (none); a file git cannot give, or that cannot be
    /// read, means not known.
    /// </summary>
    public static GoverningChecks Checks(PolicyCommit at, PolicyFileAt atCommit, PolicyFileAt? atFallback)
    {
        var (commit, file) = atCommit.InTree || at.StagingFallback is null || atFallback is null
            ? (at.Commit, atCommit)
            : (at.StagingFallback, atFallback);
        if (!file.InTree) return new GoverningChecks(commit, []);
        if (file.Text is null) return new GoverningChecks(commit, null);
        try
        {
            return new GoverningChecks(commit, ConfigLoader.Parse(file.Text, $"{Sha.Short(commit)}:{ConfigLoader.FileName}").GitHub.RequiredChecks);
        }
        catch (ShipgateException)
        {
            return new GoverningChecks(commit, null);
        }
    }

    /// <summary>Whether the record states other required checks than the policy that governed it; the order does not matter.</summary>
    public static string? Mismatch(string id, ReleaseRecord record, GoverningChecks governing)
    {
        if (governing.RequiredChecks is not { } required) return null;
        var stated = record.Policy?.RequiredChecks ?? [];
        if (stated.ToHashSet(StringComparer.Ordinal).SetEquals(required)) return null;
        return $"{id} states its required checks as {Named(stated)}, but the policy that governed it " +
            $"({ConfigLoader.FileName} at {Sha.Short(governing.Commit)}, where the trail stood when it was made) requires {Named(required)}.";
    }

    private static string Named(IReadOnlyList<string> checks) =>
        checks.Count == 0 ? "none" : string.Join(", ", checks.Distinct(StringComparer.Ordinal).Select(c => $"\"{SafeText.OneLine(c)}\""));

    /// <summary>A review record, or null when it cannot be read (it then acknowledges nothing, as in pre-flight).</summary>
    public static ReviewRecord? Review(byte[] bytes)
    {
        try
        {
            return RecordFiles.ReviewFromJsonBytes(bytes);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }
}
