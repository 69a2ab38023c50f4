using System.Text;
using Shipgate.Git;

namespace Shipgate.Config;

/// <summary>
/// Reads the release policy from git objects, never the working tree: <c>.shipgate.yml</c> as
/// committed at the remote's production tip (what was already released), else, before the first
/// release put one there, as committed at staging's tip. Objects are fetched without moving a ref.
/// Once a release is recorded, <c>Audit/AccountedPolicy</c> narrows this to the production commit the trail accounts for
/// (<see cref="ReadAtAsync"/>).
/// </summary>
internal static class PolicyReader
{
    public static async Task<ReleasePolicy> ReadAsync(GitRepository git, PolicyLocation location, CancellationToken ct)
    {
        var heads = await git.RemoteHeadsAsync(location.Remote, [location.ProductionBranch, location.StagingBranch], ct);
        var production = heads.GetValueOrDefault(location.ProductionBranch);
        var staging = heads.GetValueOrDefault(location.StagingBranch);

        var source = new PolicySource(location.Remote, location.ProductionBranch, production, ConfigLoader.FileName, null, StagingFallback: false);
        var file = production is null ? null : await ReadAtTipAsync(git, location.Remote, location.ProductionBranch, production, ct);
        if (file is null && staging is not null && await ReadAtTipAsync(git, location.Remote, location.StagingBranch, staging, ct) is { } fallback)
        {
            file = fallback;
            source = new PolicySource(location.Remote, location.StagingBranch, staging, ConfigLoader.FileName, null, StagingFallback: true);
        }
        return Parsed(file, source with { BlobSha = file?.BlobSha }, location, production, staging);
    }

    /// <summary>
    /// The policy as committed at <paramref name="commit"/>, a production commit the audit trail accounts for, with the tips
    /// <paramref name="atTip"/> was read at; and the policy file's blob at production's tip, to tell whether the tip carries another.
    /// </summary>
    public static async Task<(ReleasePolicy Policy, string? TipBlob)> ReadAtAsync(GitRepository git, PolicyLocation location, string commit,
        ReleasePolicy atTip, CancellationToken ct)
    {
        var files = await ReadFilesAsync(git, [$"{commit}:{ConfigLoader.FileName}", $"{atTip.ProductionTip}:{ConfigLoader.FileName}"], ct);
        var source = new PolicySource(location.Remote, location.ProductionBranch, commit, ConfigLoader.FileName, files[0]?.BlobSha, StagingFallback: false);
        return (Parsed(files[0], source, location, atTip.ProductionTip, atTip.StagingTip), files[1]?.BlobSha);
    }

    private static ReleasePolicy Parsed(PolicyFile? file, PolicySource source, PolicyLocation location, string? production, string? staging)
    {
        var defaults = new ShipgateConfig { Remote = location.Remote, ProductionBranch = location.ProductionBranch, StagingBranch = location.StagingBranch };
        var config = file is null ? defaults : ConfigLoader.Parse(file.Text, source.Display, defaults);
        ReleasePolicy.RequireSameLocation(config, location, source);
        return new ReleasePolicy(config, source, production, staging);
    }

    /// <summary>Production's and staging's versions of the policy file compared: what this release does to the policy.</summary>
    public static async Task<PolicyChange> ReadChangeAsync(GitRepository git, string productionTip, string stagingTip, CancellationToken ct)
    {
        var files = await ReadFilesAsync(git, [$"{productionTip}:{ConfigLoader.FileName}", $"{stagingTip}:{ConfigLoader.FileName}"], ct);
        return PolicyDiff.Compare(ConfigLoader.FileName, files[0], files[1]);
    }

    /// <summary>The policy file at a branch's tip, after bringing the branch's objects in without moving any ref.</summary>
    private static async Task<PolicyFile?> ReadAtTipAsync(GitRepository git, string remote, string branch, string tip, CancellationToken ct)
    {
        if (!await git.BringObjectsAsync(remote, new Dictionary<string, string> { [branch] = tip }, ct))
            throw new ShipgateException(ExitCode.Error, $"The remote '{remote}' changed while it was being read. Run the command again.");
        return (await ReadFilesAsync(git, [$"{tip}:{ConfigLoader.FileName}"], ct))[0];
    }

    /// <summary>The policy file by git's <c>commit:path</c> names, in one process; a name that is not a blob is null.</summary>
    private static async Task<IReadOnlyList<PolicyFile?>> ReadFilesAsync(GitRepository git, IReadOnlyList<string> names, CancellationToken ct) =>
        (await git.ReadObjectsAsync(names, ct))
            .Select(found => found is not { Type: "blob" } blob ? null : new PolicyFile(blob.Sha, Encoding.UTF8.GetString(blob.Bytes).TrimStart('\uFEFF')))
            .ToList();
}
