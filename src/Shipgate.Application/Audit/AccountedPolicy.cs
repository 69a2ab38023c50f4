using System.Text.Json;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Audit;

/// <summary>
/// The release policy every command works under, decided here alone: <c>.shipgate.yml</c> at the production commit the
/// audit trail accounts for (<see cref="PolicyAccounting"/>: the last release's end, or the direct pushes after it that
/// reviews acknowledged), so a push around the gate cannot loosen the gate. Before the first release,
/// <see cref="PolicyReader"/>'s rule: production's tip, else staging's committed file. A different policy at production's tip
/// is described (<see cref="ReleasePolicy.Unaccounted"/>) for pre-flight to refuse. Cheap: the archive's listing, the last
/// release record and the reviews after it, and production's commits since that release (none, usually).
/// </summary>
internal static class AccountedPolicy
{
    public static async Task<ReleasePolicy> ReadAsync(GitRepository git, PolicyLocation location, CancellationToken ct)
    {
        var atTip = await PolicyReader.ReadAsync(git, location, ct);
        if (atTip.ProductionTip is not { } tip || await LastReleaseAsync(git, atTip.Config, ct) is not { } last) return atTip;
        // A release end production no longer holds is a rewritten history: audit verify names it; the tip's rule stays.
        if (last.ToSha != tip && !await git.IsAncestorAsync(last.ToSha, tip, ct)) return atTip;

        var since = last.ToSha == tip ? [] : await git.CommitsAsync(tip, last.ToSha, ct);
        // Whether a review that proves nothing acknowledges a push is the released policy's to say, never the pushed one's.
        var unprovenAllowed = since.Count > 0 && last.Reviews.Any(ReviewProofCheck.IsUnproven)
            && (await PolicyReader.ReadAtAsync(git, location, last.ToSha, atTip, ct)).Policy.Config.Audit.ReviewIdentity == ReviewIdentityRule.GitConfig;
        var accounted = PolicyAccounting.Find(last.ReleaseId, last.ToSha, since, last.Reviews, unprovenAllowed);
        var (policy, tipBlob) = await PolicyReader.ReadAtAsync(git, location, accounted.Sha, atTip, ct);
        policy = policy with { AccountedBy = accounted.By };
        if (tipBlob == policy.Source.BlobSha) return policy;

        var changedIn = (await git.LastCommitTouchingAsync($"{accounted.Sha}..{tip}", ConfigLoader.FileName, ct)) is { Length: > 0 } sha ? sha : tip;
        var commit = since.FirstOrDefault(c => c.Sha == changedIn) ?? since.First(c => c.Sha == tip);
        return policy with
        {
            Unaccounted = new UnaccountedPolicy(commit.Sha, SafeText.OneLine(commit.Subject), SafeText.OneLine(commit.AuthorName),
                SafeText.OneLine(commit.AuthorEmail), tipBlob, accounted.Unacknowledged.Select(c => c.Sha).ToList()),
        };
    }

    private sealed record LastRelease(string ReleaseId, string ToSha, IReadOnlyList<ReviewRecord> Reviews);

    /// <summary>
    /// The last release record on the remote's archive branch and the reviews chained after it; null before the first release,
    /// or when that record cannot be read (pre-flight's trail check and audit verify name a broken trail).
    /// </summary>
    private static async Task<LastRelease?> LastReleaseAsync(GitRepository git, ShipgateConfig config, CancellationToken ct)
    {
        var heads = await git.RemoteHeadsAsync(config.Remote, [config.ArchiveBranch], ct);
        if (heads.Count == 0) return null;
        if (!await git.BringObjectsAsync(config.Remote, heads, ct))
            throw new ShipgateException(ExitCode.Error, $"The remote '{config.Remote}' changed while it was being read. Run the command again.");
        var archive = heads[config.ArchiveBranch];
        var chain = RecordFiles.ChainIds(await git.ListFilesAsync(archive, ct));
        var releaseAt = chain.ToList().FindLastIndex(RecordFiles.IsReleaseId);
        if (releaseAt < 0) return null;
        var reviewIds = chain.Skip(releaseAt + 1).Where(id => id.StartsWith("review-", StringComparison.Ordinal)).ToList();
        var bytes = await git.ReadFilesAsync(archive, [.. new[] { chain[releaseAt] }.Concat(reviewIds).Select(RecordFiles.JsonPath)], ct);
        try
        {
            var release = RecordFiles.FromJsonBytes(bytes.GetValueOrDefault(RecordFiles.JsonPath(chain[releaseAt]), []));
            if (release?.ToSha is not { Length: 40 } toSha || !toSha.All(Uri.IsHexDigit)) return null;
            var reviews = reviewIds.Select(id => Review(bytes.GetValueOrDefault(RecordFiles.JsonPath(id), []))).OfType<ReviewRecord>().ToList();
            return new LastRelease(chain[releaseAt], toSha, reviews);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A review record, or null when it cannot be read (it then acknowledges nothing).</summary>
    private static ReviewRecord? Review(byte[] bytes)
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
