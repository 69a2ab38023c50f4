using Shipgate.Git;

namespace Shipgate.Record;

/// <summary>The hash chain as the archive branch holds it: the link a new record must point to, read from git.</summary>
internal static class ArchiveChain
{
    /// <summary>
    /// The last link of the hash chain at an archive commit, the one a new record must point to,
    /// with its bytes; null when the branch holds no record yet.
    /// </summary>
    public static async Task<(PreviousRelease Link, byte[] Bytes)?> TipAsync(GitRepository git, string archiveCommit,
        IEnumerable<string> archiveBranchFiles, CancellationToken ct)
    {
        var chain = RecordFiles.ChainIds(archiveBranchFiles);
        if (chain.Count == 0) return null;
        var bytes = await git.ReadFileAsync(archiveCommit, RecordFiles.JsonPath(chain[^1]), ct);
        return (new PreviousRelease(chain[^1], RecordFiles.Sha256Hex(bytes)), bytes);
    }
}
