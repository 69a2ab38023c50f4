using System.Text;

namespace Shipgate.Git;

/// <summary>
/// The git questions and plumbing a release needs, each one git process whatever the size of the
/// release. Nothing here touches the user's working tree, index, HEAD or local branches.
/// </summary>
public sealed class GitRepository(GitCli git)
{
    public GitCli Cli => git;

    /// <summary>The top folder of the working tree that contains <paramref name="folder"/>.</summary>
    public static async Task<string> FindTopLevelAsync(string folder, Secrets secrets)
    {
        if (!Directory.Exists(folder))
            throw new UsageException($"The folder {folder} does not exist.");
        var result = await new GitCli(folder, secrets).TryRunAsync(["rev-parse", "--show-toplevel"]);
        if (result.ExitCode != 0)
            throw new UsageException($"{folder} is not inside a git repository. Run shipgate from a clone of the repository you release.");
        return result.Text.Trim();
    }

    /// <summary>The checked-out branch, or null on a detached HEAD.</summary>
    public async Task<string?> CurrentBranchAsync()
    {
        var result = await git.TryRunAsync(["symbolic-ref", "--short", "-q", "HEAD"]);
        return result.ExitCode == 0 ? result.Text.Trim() : null;
    }

    public async Task<string?> RemoteUrlAsync(string remote)
    {
        var result = await git.TryRunAsync(["remote", "get-url", remote]);
        return result.ExitCode == 0 ? result.Text.Trim() : null;
    }

    public async Task<GitIdentity> IdentityAsync()
    {
        var result = await git.TryRunAsync(["var", "GIT_COMMITTER_IDENT"]);
        var ident = result.Text.Trim();
        var open = ident.LastIndexOf('<');
        var close = ident.LastIndexOf('>');
        if (result.ExitCode != 0 || open <= 0 || close < open)
            throw new UsageException("git does not know who you are: set git config user.name and user.email (the release record names its releaser).");
        return new GitIdentity(ident[..open].Trim(), ident[(open + 1)..close]);
    }

    /// <summary>The remote's current tip of each branch; a branch the remote lacks is absent from the map.</summary>
    public async Task<IReadOnlyDictionary<string, string>> RemoteHeadsAsync(string remote, IEnumerable<string> branches)
    {
        var args = new List<string> { "ls-remote", remote };
        args.AddRange(branches.Select(b => "refs/heads/" + b));
        var result = await git.TryRunAsync(args);
        if (result.ExitCode != 0)
            throw new GitException(git.Failure(args, result).Message + $"\nCheck that the remote '{remote}' exists and that you can reach it.");
        var heads = new Dictionary<string, string>();
        foreach (var line in result.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && parts[1].StartsWith("refs/heads/", StringComparison.Ordinal))
                heads[parts[1]["refs/heads/".Length..]] = parts[0];
        }
        return heads;
    }

    /// <summary>
    /// Brings the objects of the given remote branches into the local object store without
    /// moving any ref (no remote-tracking update, no FETCH_HEAD): a dry run changes no ref.
    /// </summary>
    public async Task FetchObjectsAsync(string remote, IEnumerable<string> branches)
    {
        var args = new List<string> { "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--refmap=", remote };
        args.AddRange(branches.Select(b => "refs/heads/" + b));
        await git.RunAsync(args);
    }

    /// <summary>True when every given object is in the local store.</summary>
    public async Task<bool> HasObjectsAsync(IEnumerable<string> shas)
    {
        var input = Encoding.ASCII.GetBytes(string.Join("\n", shas) + "\n");
        var output = (await git.RunAsync(["cat-file", "--batch-check"], input)).Text;
        return !output.Contains(" missing", StringComparison.Ordinal);
    }

    /// <summary>Commits only <paramref name="left"/> has, and commits only <paramref name="right"/> has.</summary>
    public async Task<(int LeftOnly, int RightOnly)> CountDivergenceAsync(string left, string right)
    {
        var parts = (await git.TextAsync("rev-list", "--left-right", "--count", $"{left}...{right}")).Trim().Split('\t');
        return (int.Parse(parts[0]), int.Parse(parts[1]));
    }

    private const char RecordStart = '\x1e';
    private const char Field = '\x1f';

    /// <summary>Every commit in <c>from..to</c>, newest first, with the files each non-merge commit touched.</summary>
    public async Task<IReadOnlyList<Commit>> LogAsync(string from, string to)
    {
        var text = (await git.RunAsync(["-c", "core.quotepath=off", "log", "-z", "--name-only", "--no-renames",
            "--format=%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f%s%x1f%b%x1f", $"{from}..{to}", "--"])).Text;
        var commits = new List<Commit>();
        foreach (var record in text.Split(RecordStart, StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = record.Split(Field);
            if (fields.Length < 9) continue;
            var files = string.Join(Field, fields[8..]).Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(f => f.TrimStart('\n')).Where(f => f.Length > 0).ToList();
            commits.Add(new Commit(
                fields[0],
                fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries),
                fields[2], fields[3],
                DateTimeOffset.Parse(fields[4], System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(fields[5], System.Globalization.CultureInfo.InvariantCulture),
                fields[6], fields[7].Trim(), files));
        }
        return commits;
    }

    /// <summary>A branch's first-parent history, oldest first, with what each commit added, modified or deleted.</summary>
    public async Task<IReadOnlyList<HistoryCommit>> HistoryAsync(string tip)
    {
        var text = (await git.RunAsync(["-c", "core.quotepath=off", "log", "--reverse", "--first-parent", "-z", "--name-status", "--no-renames",
            "--format=%x1e%H%x1f%P%x1f%an%x1f%cI%x1f%s%x1f", tip, "--"])).Text;
        var commits = new List<HistoryCommit>();
        foreach (var record in text.Split(RecordStart, StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = record.Split(Field);
            if (fields.Length < 6) continue;
            var tokens = string.Join(Field, fields[5..]).Split('\0').Select(t => t.TrimStart('\n')).Where(t => t.Length > 0).ToList();
            var changes = new List<FileChange>();
            for (var i = 0; i + 1 < tokens.Count; i += 2)
                changes.Add(new FileChange(tokens[i][0], tokens[i + 1]));
            commits.Add(new HistoryCommit(fields[0], fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries), fields[2],
                DateTimeOffset.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture), fields[4], changes));
        }
        return commits;
    }

    /// <summary>The exact bytes of many files at one commit, in one git process; a missing path is absent.</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> ReadFilesAsync(string commit, IReadOnlyList<string> paths)
    {
        var files = new Dictionary<string, byte[]>();
        if (paths.Count == 0) return files;
        var input = Encoding.UTF8.GetBytes(string.Concat(paths.Select(p => $"{commit}:{p}\n")));
        var output = (await git.RunAsync(["cat-file", "--batch"], input)).Output;
        var position = 0;
        foreach (var path in paths)
        {
            var lineEnd = Array.IndexOf(output, (byte)'\n', position);
            var header = Encoding.UTF8.GetString(output, position, lineEnd - position).Split(' ');
            position = lineEnd + 1;
            if (header.Length < 3 || header[1] == "missing") continue;
            var size = int.Parse(header[2], System.Globalization.CultureInfo.InvariantCulture);
            files[path] = output[position..(position + size)];
            position += size + 1;
        }
        return files;
    }

    /// <summary>Null when the commit carries a good signature by a key in the allowed-signers file, else git's reason.</summary>
    public async Task<string?> VerifySignatureAsync(string commit, string allowedSignersFile)
    {
        var result = await git.TryRunAsync(["-c", $"gpg.ssh.allowedSignersFile={allowedSignersFile}", "verify-commit", commit]);
        if (result.ExitCode == 0) return null;
        var reason = result.Error.Trim();
        return reason.Length == 0 ? "no signature" : reason.Split('\n')[^1];
    }

    /// <summary>Commits reachable from <paramref name="tip"/> but not from <paramref name="exclude"/>, newest first.</summary>
    public async Task<IReadOnlyList<Commit>> CommitsAsync(string tip, string? exclude)
    {
        var args = new List<string> { "log", "--format=%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f%s%x1f%x1f", tip };
        if (exclude is not null) args.Add("^" + exclude);
        args.Add("--");
        var text = (await git.RunAsync(args)).Text;
        return text.Split(RecordStart, StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split(Field))
            .Where(f => f.Length >= 8)
            .Select(f => new Commit(f[0], f[1].Split(' ', StringSplitOptions.RemoveEmptyEntries), f[2], f[3],
                DateTimeOffset.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture), f[6], "", []))
            .ToList();
    }

    public async Task<bool> IsAncestorAsync(string ancestor, string descendant) =>
        (await git.TryRunAsync(["merge-base", "--is-ancestor", ancestor, descendant])).ExitCode == 0;

    /// <summary>The same numbers as <c>git diff --shortstat from to</c>.</summary>
    public async Task<DiffStat> DiffStatAsync(string from, string to)
    {
        var text = (await git.RunAsync(["diff", "--numstat", "-z", "--find-renames", from, to, "--"])).Text;
        var tokens = text.Split('\0');
        int files = 0, insertions = 0, deletions = 0;
        var paths = new List<string>();
        for (var i = 0; i < tokens.Length; i++)
        {
            var head = tokens[i].TrimStart('\n');
            if (head.Length == 0) continue;
            var parts = head.Split('\t');
            if (parts.Length < 3) continue;
            files++;
            if (int.TryParse(parts[0], out var added)) insertions += added;
            if (int.TryParse(parts[1], out var removed)) deletions += removed;
            if (parts[2].Length > 0)
                paths.Add(parts[2]);
            else
            {
                // A rename: "added\tremoved\t\0old\0new\0".
                paths.Add(tokens[i + 2]);
                i += 2;
            }
        }
        return new DiffStat(files, insertions, deletions, paths);
    }

    /// <summary>Every file path in a commit's tree.</summary>
    public async Task<IReadOnlyList<string>> ListFilesAsync(string treeish)
    {
        var text = (await git.RunAsync(["ls-tree", "-r", "-z", "--name-only", "--full-tree", treeish])).Text;
        return text.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The exact bytes of a file at a commit (records are hashed byte for byte).</summary>
    public async Task<byte[]> ReadFileAsync(string commit, string path) =>
        (await git.RunAsync(["cat-file", "blob", $"{commit}:{path}"])).Output;

    public async Task<string> WriteBlobAsync(byte[] content) =>
        (await git.RunAsync(["hash-object", "-w", "--stdin"], content)).Text.Trim();

    /// <summary>
    /// A tree equal to <paramref name="baseCommit"/>'s (or empty) plus the given files, built in a
    /// private index file so the user's index is never read or written.
    /// </summary>
    public async Task<string> WriteTreeAsync(string? baseCommit, IReadOnlyDictionary<string, string> blobsByPath)
    {
        var indexFile = Path.Combine(Path.GetTempPath(), $"shipgate-index-{Guid.NewGuid():N}");
        var env = new Dictionary<string, string?> { ["GIT_INDEX_FILE"] = indexFile };
        try
        {
            await git.RunAsync(baseCommit is null ? ["read-tree", "--empty"] : ["read-tree", baseCommit], environment: env);
            var args = new List<string> { "update-index", "--add" };
            foreach (var (path, blob) in blobsByPath)
                args.AddRange(["--cacheinfo", $"100644,{blob},{path}"]);
            await git.RunAsync(args, environment: env);
            return (await git.RunAsync(["write-tree"], environment: env)).Text.Trim();
        }
        finally
        {
            File.Delete(indexFile);
        }
    }

    /// <summary>A commit object for <paramref name="tree"/>; no ref points at it until it is pushed.</summary>
    public async Task<string> CommitTreeAsync(string tree, string? parent, string message, bool sign = false)
    {
        var args = new List<string> { "commit-tree", tree };
        if (parent is not null) args.AddRange(["-p", parent]);
        if (sign) args.Add("-S");
        var result = await git.TryRunAsync(args, Encoding.UTF8.GetBytes(message));
        if (result.ExitCode != 0)
            throw sign
                ? new GitException(git.Failure(args, result).Message + "\nCheck your signing key (git config user.signingkey, gpg.format).")
                : git.Failure(args, result);
        return result.Text.Trim();
    }

    /// <summary>
    /// Moves all refs on the remote in ONE atomic push, each guarded by a lease on its expected old
    /// value: either every ref moves or none does, and a ref someone else moved is never overwritten.
    /// Returns null on success, or the remote's reason for refusing.
    /// </summary>
    public async Task<string?> PushAtomicAsync(string remote, IReadOnlyList<RefUpdate> updates)
    {
        var args = new List<string> { "push", "--atomic", "--porcelain", remote };
        foreach (var update in updates)
            args.Add($"--force-with-lease={update.Ref}:{update.ExpectedOldSha ?? ""}");
        foreach (var update in updates)
            args.Add($"{update.NewSha}:{update.Ref}");
        var result = await git.TryRunAsync(args);
        if (result.ExitCode == 0) return null;
        var rejected = result.Text.Split('\n')
            .Where(line => line.StartsWith('!'))
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length >= 3)
            .Select(parts => $"{parts[1].Split(':').Last()}: {parts[2]}")
            .ToList();
        var reason = rejected.Count > 0 ? string.Join("; ", rejected) : result.Error.Trim();
        return git.Failure(args, result with { Error = reason }).Message;
    }
}
