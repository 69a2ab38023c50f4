using Shipgate.Git;

namespace Shipgate.Record;

/// <summary>The release tag as a git object: written before the push that creates it (<see cref="ReleaseTag"/> says what it carries).</summary>
internal static class ReleaseTagObject
{
    /// <summary>
    /// Writes the release's tag object (tagged by the releaser, at the record's time) and returns the
    /// ref update that creates it in the release's atomic push; an empty lease: it must not exist yet. Signed, with the key
    /// the record commit is signed with, when <paramref name="sign"/> (audit.sign).
    /// </summary>
    public static async Task<RefUpdate> CreateAsync(GitRepository git, ReleaseRecord record, byte[] recordJson, string archiveBranch, bool sign,
        CancellationToken ct)
    {
        var tagger = new GitIdentity(record.ReleasedBy, record.ReleasedByEmail);
        var message = ReleaseTag.Message(record, recordJson, archiveBranch);
        var tag = sign
            ? await SignedTags.CreateAsync(git.Cli, record.ToSha, record.ReleaseId, tagger, record.Timestamp, message, ct)
            : await git.CreateTagObjectAsync(record.ToSha, record.ReleaseId, tagger, record.Timestamp, message, ct);
        return new RefUpdate(ReleaseTag.RefName(record.ReleaseId), tag, null);
    }
}
