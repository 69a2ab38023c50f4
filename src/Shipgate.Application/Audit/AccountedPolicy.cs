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
    /// <summary>How many times an accounted policy may name another archive branch before the last one named is taken as it is.</summary>
    private const int MaxArchiveMoves = 3;

    public static async Task<ReleasePolicy> ReadAsync(GitRepository git, PolicyLocation location, CancellationToken ct)
    {
        var atTip = await PolicyReader.ReadAsync(git, location, ct);
        if (atTip.ProductionTip is not { } tip) return atTip;

        // The archive branch is the accounted policy's, never the tip's: a push around the gate that names another branch cannot
        // point the gate at other records. It starts at the default branch (the tip's only while the default holds no release
        // record: before the first release, or in a repository whose trail was always elsewhere) and follows the branch each
        // accounted policy names, for as long as that branch holds a release record.
        var branch = new ShipgateConfig().ArchiveBranch;
        var last = await LastReleaseAsync(git, location.Remote, branch, ct);
        if (last is null && atTip.Config.ArchiveBranch != branch)
            last = await LastReleaseAsync(git, location.Remote, branch = atTip.Config.ArchiveBranch, ct);
        (ReleasePolicy Policy, string? TipBlob, AccountedCommit Accounted, IReadOnlyList<Commit> Since)? found = null;
        for (var moves = 0; last is not null; moves++)
        {
            // A release end production no longer holds is a rewritten history: audit verify names it; the tip's rule stays.
            if (last.ToSha != tip && !await git.IsAncestorAsync(last.ToSha, tip, ct)) break;
            found = await AccountAsync(git, location, atTip, tip, last, ct);
            var named = found.Value.Policy.Config.ArchiveBranch;
            if (named == branch || moves == MaxArchiveMoves) break;
            last = await LastReleaseAsync(git, location.Remote, branch = named, ct);
        }
        if (found is not { } accounted) return atTip;

        var policy = accounted.Policy;
        if (accounted.TipBlob == policy.Source.BlobSha) return policy;
        var changedIn = (await git.LastCommitTouchingAsync($"{accounted.Accounted.Sha}..{tip}", ConfigLoader.FileName, ct)) is { Length: > 0 } sha
            ? sha : tip;
        var commit = accounted.Since.FirstOrDefault(c => c.Sha == changedIn) ?? accounted.Since.First(c => c.Sha == tip);
        return policy with
        {
            Unaccounted = new UnaccountedPolicy(commit.Sha, SafeText.OneLine(commit.Subject), SafeText.OneLine(commit.AuthorName),
                SafeText.OneLine(commit.AuthorEmail), accounted.TipBlob, accounted.Accounted.Unacknowledged.Select(c => c.Sha).ToList()),
        };
    }

    /// <summary>The policy at the production commit the trail accounts for after <paramref name="last"/>, and the tip's policy blob.</summary>
    private static async Task<(ReleasePolicy Policy, string? TipBlob, AccountedCommit Accounted, IReadOnlyList<Commit> Since)> AccountAsync(
        GitRepository git, PolicyLocation location, ReleasePolicy atTip, string tip, LastRelease last, CancellationToken ct)
    {
        var since = last.ToSha == tip ? [] : await git.CommitsAsync(tip, last.ToSha, ct);
        // Whether a review that proves nothing acknowledges a push is the released policy's to say, never the pushed one's.
        var unprovenAllowed = since.Count > 0 && last.Reviews.Any(ReviewProofCheck.IsUnproven)
            && (await PolicyReader.ReadAtAsync(git, location, last.ToSha, atTip, ct)).Policy.Config.Audit.ReviewIdentity == ReviewIdentityRule.GitConfig;
        var accounted = PolicyAccounting.Find(last.ReleaseId, last.ToSha, since, last.Reviews, unprovenAllowed);
        var (policy, tipBlob) = await PolicyReader.ReadAtAsync(git, location, accounted.Sha, atTip, ct);
        return (policy with { AccountedBy = accounted.By }, tipBlob, accounted, since);
    }

    private sealed record LastRelease(string ReleaseId, string ToSha, IReadOnlyList<ReviewRecord> Reviews);

    /// <summary>
    /// The last release record on the remote's archive branch and the reviews chained after it; null before the first release,
    /// or when that record cannot be read (pre-flight's trail check and audit verify name a broken trail).
    /// </summary>
    private static async Task<LastRelease?> LastReleaseAsync(GitRepository git, string remote, string archiveBranch, CancellationToken ct)
    {
        var heads = await git.RemoteHeadsAsync(remote, [archiveBranch], ct);
        if (heads.Count == 0) return null;
        if (!await git.BringObjectsAsync(remote, heads, ct))
            throw new ShipgateException(ExitCode.Error, $"The remote '{remote}' changed while it was being read. Run the command again.");
        var archive = heads[archiveBranch];
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
