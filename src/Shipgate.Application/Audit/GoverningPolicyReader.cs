using System.Text;
using Shipgate.Config;
using Shipgate.Git;

namespace Shipgate.Audit;

/// <summary>
/// Reads, in one git process, the policy file that governed each release (<see cref="GoverningPolicy"/>) and sets each claim's
/// <see cref="ReleaseClaims.Governing"/>. A file git does not give is told apart from one the commit does not have by the commit's
/// tree (a second process, only then): a partial clone may hold the tree and not the file, and that is "not known", never "none";
/// so is everything when git cannot give the files at all.
/// </summary>
internal static class GoverningPolicyReader
{
    public static async Task<IReadOnlyList<ReleaseClaims>> ReadAsync(GitRepository git, IReadOnlyList<ReleaseClaims> claims, CancellationToken ct)
    {
        var commits = claims.SelectMany(c => new[] { c.PolicyAt.Commit, c.PolicyAt.StagingFallback }).OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (commits.Count == 0) return claims;
        IReadOnlyList<GitObject?> files, trees;
        List<string> unread;
        try
        {
            files = await git.ReadObjectsAsync([.. commits.Select(c => $"{c}:{ConfigLoader.FileName}")], ct);
            unread = commits.Where((_, i) => files[i] is not { Type: "blob" }).ToList();
            trees = unread.Count == 0 ? [] : await git.ReadObjectsAsync([.. unread.Select(c => c + "^{tree}")], ct);
        }
        catch (GitException)
        {
            // A partial clone (the organisation's cache) asks its source for what it lacks, and git gives up when the source
            // cannot be reached without the fetch's credentials: nothing is known, so the records' own lists stand.
            return claims;
        }

        var byCommit = new Dictionary<string, PolicyFileAt>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < commits.Count; i++)
            if (files[i] is { Type: "blob" } blob)
                byCommit[commits[i]] = new PolicyFileAt(Encoding.UTF8.GetString(blob.Bytes).TrimStart('\uFEFF'), InTree: true);
        for (var i = 0; i < unread.Count; i++)
            byCommit[unread[i]] = new PolicyFileAt(null, InTree: trees[i] is not { Type: "tree" } tree || HasEntry(tree, ConfigLoader.FileName));

        return [.. claims.Select(c => c with
        {
            Governing = GoverningPolicy.Checks(c.PolicyAt, byCommit[c.PolicyAt.Commit],
                c.PolicyAt.StagingFallback is { } staging ? byCommit[staging] : null),
        })];
    }

    /// <summary>Whether a tree object (git's binary form: "mode name\0" then the entry's raw object id) names <paramref name="name"/>.</summary>
    private static bool HasEntry(GitObject tree, string name)
    {
        var idLength = tree.Sha.Length / 2;
        var bytes = tree.Bytes;
        var position = 0;
        while (position < bytes.Length)
        {
            var space = Array.IndexOf(bytes, (byte)' ', position);
            var end = space < 0 ? -1 : Array.IndexOf(bytes, (byte)0, space);
            if (end < 0) return false;
            if (Encoding.UTF8.GetString(bytes, space + 1, end - space - 1) == name) return true;
            position = end + 1 + idLength;
        }
        return false;
    }
}
