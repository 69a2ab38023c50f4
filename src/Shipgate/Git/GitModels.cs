namespace Shipgate.Git;

/// <summary>One commit of the release range, with the files it touched (none listed for merges).</summary>
public sealed record Commit(
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
    public string ShortSha => Sha[..Math.Min(7, Sha.Length)];
}

/// <summary>What <c>git diff --shortstat</c> says of the release, plus the paths.</summary>
public sealed record DiffStat(int FilesChanged, int Insertions, int Deletions, IReadOnlyList<string> Paths);

/// <summary>The committer identity git will use (<c>user.name</c>, <c>user.email</c>).</summary>
public sealed record GitIdentity(string Name, string Email);

/// <summary>One ref to move in an atomic push, guarded by the value it must still have on the remote.</summary>
public sealed record RefUpdate(string Ref, string NewSha, string? ExpectedOldSha);

/// <summary>A file a commit added (A), modified (M) or deleted (D), against its first parent.</summary>
public sealed record FileChange(char Status, string Path);

/// <summary>A commit of a branch's history with the files it changed.</summary>
public sealed record HistoryCommit(string Sha, IReadOnlyList<string> Parents, string AuthorName, DateTimeOffset CommittedAt, string Subject, IReadOnlyList<FileChange> Changes);

/// <summary>
/// What a tag ref points at. For an annotated tag of a commit: the commit, the tag's own name and
/// its message; for anything else (a lightweight tag, a tag of a tree) <see cref="Target"/> is null.
/// </summary>
public sealed record TagObject(string Ref, string Sha, string? Target, string? Name, string Message)
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
