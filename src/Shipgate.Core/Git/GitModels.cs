using CommitId = Shipgate.Git.Sha;

namespace Shipgate.Git;

/// <summary>One commit of the release range, with the files it touched (none listed for merges).</summary>
internal sealed record Commit(
    string Sha,
    IReadOnlyList<string> Parents,
    string AuthorName,
    string AuthorEmail,
    DateTimeOffset AuthoredAt,
    DateTimeOffset CommittedAt,
    string Subject,
    string Body,
    IReadOnlyList<string> Files)
{
    public bool IsMerge => Parents.Count > 1;
    public string ShortSha => CommitId.Short(Sha);
}

/// <summary>What <c>git diff --shortstat</c> says of the release, plus the paths.</summary>
internal sealed record DiffStat(int FilesChanged, int Insertions, int Deletions, IReadOnlyList<string> Paths);

/// <summary>The committer identity git will use (<c>user.name</c>, <c>user.email</c>).</summary>
internal sealed record GitIdentity(string Name, string Email);

/// <summary>An object's exact bytes as git stores them, with its id and type (blob, tree, commit, tag).</summary>
internal sealed record GitObject(string Sha, string Type, byte[] Bytes);

/// <summary>One ref to move in an atomic push, guarded by the value it must still have on the remote.</summary>
internal sealed record RefUpdate(string Ref, string NewSha, string? ExpectedOldSha);

/// <summary>A file a commit added (A), modified (M) or deleted (D), against its first parent.</summary>
internal sealed record FileChange(char Status, string Path);

/// <summary>What <c>git verify-commit</c> said of a commit checked against the allowed-signers file.</summary>
/// <param name="WhyNot">When the commit is not signed by an allowed signer, git's reason (its last line, or "no signature").</param>
internal sealed record SignatureCheck(bool ByAllowedSigner, string? WhyNot);

/// <summary>A commit of a branch's history with the files it changed.</summary>
internal sealed record HistoryCommit(
    string Sha, IReadOnlyList<string> Parents, string AuthorName, DateTimeOffset CommittedAt, string Subject, IReadOnlyList<FileChange> Changes);

/// <summary>
/// What became of an atomic push, told from git's answer and from what the remote holds afterwards,
/// so that a refusal, a lost race and a split origin are each reported as what they are.
/// </summary>
internal abstract record PushOutcome
{
    private PushOutcome() { }

    /// <summary>Every ref is at its new value (also when the push's own answer was lost).</summary>
    public sealed record Landed : PushOutcome;

    /// <summary>
    /// Nothing moved and nobody else moved anything: the remote refused (<paramref name="ByRemote"/>,
    /// with its own words, e.g. GitHub's "GH006: Protected branch update failed"), or the push failed on the way.
    /// </summary>
    /// <param name="RemoteMessage">The remote's own lines (git's <c>remote:</c> lines), as it wrote them.</param>
    /// <param name="Reasons">Git's reason per ref, or its error when no ref was answered.</param>
    public sealed record Refused(IReadOnlyList<string> RemoteMessage, IReadOnlyList<string> Reasons, bool ByRemote) : PushOutcome;

    /// <summary>Nothing of this push landed: someone else moved a ref first (another release, a direct push).</summary>
    public sealed record LostRace(IReadOnlyList<RefPosition> Refs) : PushOutcome;

    /// <summary>Some refs are at this push's values and others are not: origin is split and needs repair.</summary>
    public sealed record Split(IReadOnlyList<RefPosition> Refs, IReadOnlyList<string> Reasons) : PushOutcome;

    /// <summary>The push did not complete and the remote could not be read afterwards: whether it landed is not known.</summary>
    public sealed record Unknown(IReadOnlyList<string> Reasons) : PushOutcome;

    /// <summary>Ctrl-C stopped the push, and the remote, asked afterwards, held none of it.</summary>
    public sealed record Interrupted(IReadOnlyList<RefPosition> Refs) : PushOutcome;
}

/// <summary>Where a ref of a push was found on the remote afterwards (null: absent), beside what the push expected and wanted.</summary>
internal sealed record RefPosition(RefUpdate Update, string? Now)
{
    /// <summary>The ref holds this push's new value.</summary>
    public bool AtNew => Now == Update.NewSha;

    /// <summary>The ref is still where the push's lease expected it.</summary>
    public bool AsBefore => Now == Update.ExpectedOldSha;
}

/// <summary>
/// What a tag ref points at. For an annotated tag of a commit: the commit, the tag's own name and
/// its message; for anything else (a lightweight tag, a tag of a tree) <see cref="Target"/> is null.
/// </summary>
internal sealed record TagObject(string Ref, string Sha, string? Target, string? Name, string Message)
{
    /// <summary>Reads a tag object's text (<c>object</c>, <c>type</c>, <c>tag</c>, <c>tagger</c> headers, a blank line, the message).</summary>
    public static TagObject Parse(string refName, string sha, string type, string body)
    {
        if (type != "tag") return new TagObject(refName, sha, null, null, "");
        var split = body.IndexOf("\n\n", StringComparison.Ordinal);
        var headers = (split < 0 ? body : body[..split]).Split('\n')
            .Select(line => line.Split(' ', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        var target = headers.GetValueOrDefault("type") == "commit" ? headers.GetValueOrDefault("object") : null;
        return new TagObject(refName, sha, target, headers.GetValueOrDefault("tag"), split < 0 ? "" : body[(split + 2)..]);
    }
}
