using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Shipgate.Git;

/// <summary>
/// The git questions and plumbing a release needs, each one git process whatever the size of the
/// release. Nothing here touches the user's working tree, index, HEAD or local branches.
/// </summary>
internal sealed class GitRepository(GitCli git)
{
    /// <summary>How long the remote is given to say where its refs are after a push that failed or was interrupted.</summary>
    private static readonly TimeSpan AfterPushBound = TimeSpan.FromSeconds(60);

    public GitCli Cli => git;

    /// <summary>The top folder of the working tree that contains <paramref name="folder"/>.</summary>
    public static async Task<string> FindTopLevelAsync(string folder, Secrets secrets, CancellationToken ct)
    {
        if (!Directory.Exists(folder))
            throw new UsageException($"The folder {folder} does not exist.");
        var result = await new GitCli(folder, secrets).TryRunAsync(["rev-parse", "--show-toplevel"], ct: ct);
        if (result.ExitCode != 0)
            throw new UsageException($"{folder} is not inside a git repository. Run shipgate from a clone of the repository you release.");
        return result.Text.Trim();
    }

    /// <summary>The checked-out branch, or null on a detached HEAD.</summary>
    public async Task<string?> CurrentBranchAsync(CancellationToken ct)
    {
        var result = await git.TryRunAsync(["symbolic-ref", "--short", "-q", "HEAD"], ct: ct);
        return result.ExitCode == 0 ? result.Text.Trim() : null;
    }

    /// <summary>The repository's git folder shared by all its worktrees (<c>.git</c> of the main worktree), as a full path.</summary>
    public async Task<string> CommonGitFolderAsync(CancellationToken ct) =>
        Path.GetFullPath((await git.TextAsync(["rev-parse", "--git-common-dir"], ct)).Trim(), git.WorkingDirectory);

    public async Task<string?> RemoteUrlAsync(string remote, CancellationToken ct)
    {
        var result = await git.TryRunAsync(["remote", "get-url", remote], ct: ct);
        return result.ExitCode == 0 ? result.Text.Trim() : null;
    }

    public async Task<GitIdentity> IdentityAsync(CancellationToken ct)
    {
        var result = await git.TryRunAsync(["var", "GIT_COMMITTER_IDENT"], ct: ct);
        var ident = result.Text.Trim();
        var open = ident.LastIndexOf('<');
        var close = ident.LastIndexOf('>');
        if (result.ExitCode != 0 || open <= 0 || close < open)
            throw new UsageException("git does not know who you are: set git config user.name and user.email (the release record names its releaser).");
        return new GitIdentity(ident[..open].Trim(), ident[(open + 1)..close]);
    }

    /// <summary>The remote's current tip of each branch; a branch the remote lacks is absent from the map.</summary>
    public async Task<IReadOnlyDictionary<string, string>> RemoteHeadsAsync(string remote, IEnumerable<string> branches, CancellationToken ct)
    {
        var args = new List<string> { "ls-remote", remote };
        args.AddRange(branches.Select(b => "refs/heads/" + b));
        var result = await git.TryRunAsync(args, ct: ct);
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
    /// Brings the objects of the given remote branches, with their whole history, into the local
    /// object store without moving any ref (no remote-tracking update, no FETCH_HEAD): a dry run
    /// changes no ref. In a shallow clone (CI's <c>--depth 1</c>) the branches are deepened to their
    /// full history, since a history cut short makes main look diverged and the commit range wrong
    /// (commits of an old branch merged since would look new); only these branches are fetched whole.
    /// </summary>
    public async Task FetchObjectsAsync(string remote, IEnumerable<string> branches, CancellationToken ct)
    {
        var args = new List<string> { "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--refmap=" };
        if (await IsShallowAsync(ct)) args.Add("--unshallow");
        args.Add(remote);
        args.AddRange(branches.Select(b => "refs/heads/" + b));
        await git.RunAsync(args, ct: ct);
    }

    /// <summary>
    /// Brings in the objects of the remote's <paramref name="heads"/> (branch name to the sha ls-remote gave) without moving
    /// any ref; false when they are still missing afterwards (the remote moved meanwhile). A repository that already holds
    /// every tip, and is not shallow, holds their history too: it is not fetched again (a second round trip to the remote).
    /// </summary>
    public async Task<bool> BringObjectsAsync(string remote, IReadOnlyDictionary<string, string> heads, CancellationToken ct)
    {
        if (!await IsShallowAsync(ct) && await HasObjectsAsync(heads.Values, ct))
            return true;
        await FetchObjectsAsync(remote, heads.Keys, ct);
        return await HasObjectsAsync(heads.Values, ct);
    }

    /// <summary>True in a shallow clone: one whose history is cut at some commits (<c>git clone --depth</c>).</summary>
    public async Task<bool> IsShallowAsync(CancellationToken ct) =>
        (await git.TextAsync(["rev-parse", "--is-shallow-repository"], ct)).Trim() == "true";
    /// <summary>
    /// An annotated tag object on <paramref name="commit"/>, written with <c>git mktag</c>: no ref
    /// points at it until a push creates one on the remote, so nothing local changes.
    /// </summary>
    public async Task<string> CreateTagObjectAsync(string commit, string name, GitIdentity tagger, DateTimeOffset at, string message, CancellationToken ct)
    {
        var text = $"object {commit}\ntype commit\ntag {name}\ntagger {tagger.Name} <{tagger.Email}> {at.ToUnixTimeSeconds()} +0000\n\n{message}";
        return (await git.RunAsync(["mktag"], Encoding.UTF8.GetBytes(text), ct: ct)).Text.Trim();
    }

    /// <summary>The remote's tags matching <paramref name="pattern"/> (e.g. <c>refs/tags/release-*</c>): full ref name to the sha it holds.</summary>
    public async Task<IReadOnlyDictionary<string, string>> RemoteTagsAsync(string remote, string pattern, CancellationToken ct)
    {
        string[] args = ["ls-remote", "--tags", remote, pattern];
        var result = await git.TryRunAsync(args, ct: ct);
        if (result.ExitCode != 0)
            throw new GitException(git.Failure(args, result).Message + $"\nCheck that the remote '{remote}' exists and that you can reach it.");
        return result.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 2 && !parts[1].EndsWith("^{}", StringComparison.Ordinal))
            .ToDictionary(parts => parts[1], parts => parts[0]);
    }

    /// <summary>
    /// Fetches the objects of the given remote tags (ref name to sha, as <see cref="RemoteTagsAsync"/>
    /// read them) without creating or moving any ref, and reads each: one fetch and one cat-file.
    /// </summary>
    public async Task<IReadOnlyList<TagObject>> FetchTagObjectsAsync(string remote, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        if (tags.Count == 0) return [];
        var refs = tags.ToList();
        var objects = await ReadObjectsAsync(refs.Select(t => t.Value).ToList(), ct);
        // Only the tags not yet here are fetched: a fetch naming a thousand refs costs seconds even when it brings nothing.
        var missing = refs.Where((_, i) => objects[i] is null).Select(t => t.Key).ToList();
        if (missing.Count > 0)
        {
            await git.RunAsync(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--refmap=", "--stdin", remote],
                Encoding.UTF8.GetBytes(string.Concat(missing.Select(name => name + "\n"))), ct: ct);
            objects = await ReadObjectsAsync(refs.Select(t => t.Value).ToList(), ct);
        }
        return refs.Select((tag, i) => objects[i] is { } found
                ? TagObject.Parse(tag.Key, tag.Value, found.Type, Encoding.UTF8.GetString(found.Bytes))
                : throw new GitException($"The object of {tag.Key} ({tag.Value}) could not be read after fetching it from '{remote}'."))
            .ToList();
    }

    /// <summary>True when every given object is in the local store.</summary>
    public async Task<bool> HasObjectsAsync(IEnumerable<string> shas, CancellationToken ct)
    {
        var input = Encoding.ASCII.GetBytes(string.Join("\n", shas) + "\n");
        var output = (await git.RunAsync(["cat-file", "--batch-check"], input, ct: ct)).Text;
        return !output.Contains(" missing", StringComparison.Ordinal);
    }

    /// <summary>Commits only <paramref name="left"/> has, and commits only <paramref name="right"/> has.</summary>
    public async Task<(int LeftOnly, int RightOnly)> CountDivergenceAsync(string left, string right, CancellationToken ct)
    {
        var parts = (await git.TextAsync(["rev-list", "--left-right", "--count", $"{left}...{right}"], ct)).Trim().Split('\t');
        return (int.Parse(parts[0]), int.Parse(parts[1]));
    }

    private static readonly IReadOnlyDictionary<string, string?> LogEnvironment = new Dictionary<string, string?> { ["GIT_FLUSH"] = "0" };

    /// <summary>
    /// Runs <c>git log</c> printing the given placeholders, and makes each commit's record of its fields and what follows
    /// them (the file list of --name-only / --name-status) while git still writes. Records and fields are delimited
    /// by a marker drawn at random for this run, so no commit message or author name can imitate a
    /// delimiter and forge or shift a record.
    /// </summary>
    private async Task<List<T>> LogRecordsAsync<T>(IReadOnlyList<string> options, string[] placeholders,
        IReadOnlyList<string> revisions, Func<string[], string, T> read, CancellationToken ct, IReadOnlyList<string>? config = null,
        byte[]? input = null)
    {
        var marker = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var args = new List<string> { "-c", "core.quotepath=off" };
        foreach (var setting in config ?? []) args.AddRange(["-c", setting]);
        args.Add("log");
        args.AddRange(options);
        args.Add($"--format=%x1e{marker}%x1f{string.Join($"%x1f{marker}%x1f", placeholders)}%x1f{marker}%x1f");
        args.AddRange(revisions);
        args.Add("--");
        var log = new LogRecords<T>(marker, placeholders.Length, read);
        // Into a pipe git flushes after every commit (GIT_FLUSH, git(1)): 20,000 writes for 20,000 commits, each waking the
        // reader. Fully buffered, it writes a few kilobytes at a time, and nothing here waits for any one commit.
        await git.RunAsync(args, input, LogEnvironment, ct, log.ReadAsync);
        return log.Records;
    }

    /// <summary>git's strict ISO 8601 (<c>%aI</c>, <c>%cI</c>): 2026-02-04T15:30:45+01:00, read by hand (a long log has
    /// tens of thousands); anything else by the parser.</summary>
    internal static DateTimeOffset Instant(string iso)
    {
        static bool Number(ReadOnlySpan<char> digits, out int value) =>
            int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);

        var s = iso.AsSpan();
        if (s.Length == 25 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] is '+' or '-' && s[22] == ':'
            && Number(s[..4], out var year) && Number(s[5..7], out var month) && Number(s[8..10], out var day)
            && Number(s[11..13], out var hour) && Number(s[14..16], out var minute) && Number(s[17..19], out var second)
            && Number(s[20..22], out var offsetHours) && Number(s[23..25], out var offsetMinutes)
            && year is > 1 and < 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && hour < 24 && minute < 60 && second < 60 && offsetMinutes < 60 && offsetHours * 60 + offsetMinutes <= 14 * 60)
        {
            var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            return new DateTimeOffset(year, month, day, hour, minute, second, s[19] == '-' ? -offset : offset);
        }
        return DateTimeOffset.TryParseExact(iso, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at
            : DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
    }

    private static string[] Shas(string list) => list.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The NUL-separated paths git printed after a record (each but the first after a newline).</summary>
    private static List<string> Paths(string tail)
    {
        var paths = new List<string>();
        foreach (var part in tail.Split('\0'))
        {
            var path = part.TrimStart('\n');
            if (path.Length > 0) paths.Add(path);
        }
        return paths;
    }

    /// <summary>Every commit in <c>from..to</c>, newest first, with the files each non-merge commit touched.</summary>
    public async Task<IReadOnlyList<Commit>> LogAsync(string from, string to, CancellationToken ct) =>
        await LogRecordsAsync(["-z", "--name-only", "--no-renames"], ["%H", "%P", "%an", "%ae", "%aI", "%cI", "%s", "%b"], [$"{from}..{to}"],
            (f, tail) => new Commit(f[0], Shas(f[1]), f[2], f[3], Instant(f[4]), Instant(f[5]), f[6], f[7].Trim(), Paths(tail)), ct);

    /// <summary>A branch's first-parent history, oldest first, with what each commit added, modified or deleted.</summary>
    public async Task<IReadOnlyList<HistoryCommit>> HistoryAsync(string tip, CancellationToken ct)
    {
        return await LogRecordsAsync(["--reverse", "--first-parent", "-z", "--name-status", "--no-renames"],
            ["%H", "%P", "%an", "%cI", "%s"], [tip], (f, tail) =>
            {
                var tokens = Paths(tail);
                var changes = new List<FileChange>();
                for (var i = 0; i + 1 < tokens.Count; i += 2)
                    changes.Add(new FileChange(tokens[i][0], tokens[i + 1]));
                return new HistoryCommit(f[0], Shas(f[1]), f[2], Instant(f[3]), f[4], changes);
            }, ct);
    }

    /// <summary>The exact bytes of many files at one commit, in one git process; a missing path is absent.</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> ReadFilesAsync(string commit, IReadOnlyList<string> paths, CancellationToken ct)
    {
        var objects = await ReadObjectsAsync(paths.Select(p => $"{commit}:{p}").ToList(), ct);
        var files = new Dictionary<string, byte[]>();
        for (var i = 0; i < paths.Count; i++)
            if (objects[i] is { Type: "blob" } blob) files[paths[i]] = blob.Bytes;
        return files;
    }

    /// <summary>
    /// Objects by git's names (<c>commit:path</c>, a sha), in one process, in the order asked; a name that
    /// is missing is null.
    /// </summary>
    public async Task<IReadOnlyList<GitObject?>> ReadObjectsAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        if (names.Count == 0) return [];
        var input = Encoding.UTF8.GetBytes(string.Concat(names.Select(n => n + "\n")));
        var output = (await git.RunAsync(["cat-file", "--batch"], input, ct: ct)).Output;
        var objects = new List<GitObject?>();
        var position = 0;
        foreach (var _ in names)
        {
            var lineEnd = Array.IndexOf(output, (byte)'\n', position);
            var header = Encoding.UTF8.GetString(output, position, lineEnd - position).Split(' ');
            position = lineEnd + 1;
            if (header.Length != 3)
            {
                objects.Add(null);
                continue;
            }
            var size = int.Parse(header[2], CultureInfo.InvariantCulture);
            objects.Add(new GitObject(header[0], header[1], output[position..(position + size)]));
            position += size + 1;
        }
        return objects;
    }

    /// <summary>How many git processes check signatures side by side: git starts ssh-keygen twice per signature, which dominates.</summary>
    private const int SignatureProcesses = 2;

    /// <summary>
    /// Whether each commit carries a good signature by a key in the allowed-signers file, and if not, git's reason. The commits
    /// are read in one <c>git cat-file --batch</c> and SSH signatures judged in process (<see cref="SshCommitSignature"/>, only
    /// ever "good"); every other commit (unsigned, a bad or unknown key, a GPG signature, anything not understood here) is
    /// checked by git itself, as before. Git's own check is used for all when gpg.ssh.program or gpg.ssh.revocationFile is set.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, SignatureCheck>> VerifySignaturesAsync(IReadOnlyList<string> commits, string allowedSignersFile,
        CancellationToken ct)
    {
        var checks = new Dictionary<string, SignatureCheck>();
        if (commits.Count == 0) return checks;
        var settings = git.TryRunAsync(["config", "--get-regexp", @"^gpg\.ssh\.(program|revocationfile)$"], ct: ct);
        var objects = await ReadObjectsAsync(commits, ct);
        // git config exits 1 when neither is set; set (0) or unreadable settings leave every signature to git.
        var signers = (await settings).ExitCode != 1 ? null : AllowedSignerList.Parse(await File.ReadAllBytesAsync(allowedSignersFile, ct));
        for (var i = 0; i < commits.Count; i++)
            if (signers is not null && objects[i] is { Type: "commit" } commit
                && SshCommitSignature.WhyNotGood(commit.Bytes, signers, TimeZoneInfo.Local) is null)
                checks[commits[i]] = new SignatureCheck(true, null);
        var rest = commits.Where(c => !checks.ContainsKey(c)).ToList();
        foreach (var (commit, check) in await VerifySignaturesWithGitAsync(rest, allowedSignersFile, ct))
            checks[commit] = check;
        return checks;
    }

    /// <summary>
    /// The signatures checked by git: all of them in <see cref="SignatureProcesses"/> git processes side by side, however many (git
    /// log reads the commits from its input and checks each signature, as <c>git verify-commit</c> does: only a good signature,
    /// "G", by an allowed signer passes).
    /// </summary>
    private async Task<Dictionary<string, SignatureCheck>> VerifySignaturesWithGitAsync(IReadOnlyList<string> commits, string allowedSignersFile,
        CancellationToken ct)
    {
        var checks = new Dictionary<string, SignatureCheck>();
        if (commits.Count == 0) return checks;
        var share = (commits.Count + SignatureProcesses - 1) / SignatureProcesses;
        var batches = await Task.WhenAll(commits.Chunk(share).Select(batch =>
            LogRecordsAsync(["--no-walk=unsorted", "--stdin"], ["%H", "%G?", "%GG"], [], (f, _) => f, ct,
                [$"gpg.ssh.allowedSignersFile={allowedSignersFile}"], Encoding.ASCII.GetBytes(string.Concat(batch.Select(c => c + "\n"))))));
        foreach (var fields in batches.SelectMany(b => b))
        {
            var said = fields[2].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            checks[fields[0]] = fields[1] == "G" ? new SignatureCheck(true, null)
                : new SignatureCheck(false, fields[1] == "N" || said.Length == 0 ? "no signature" : said[^1]);
        }
        foreach (var commit in commits.Where(c => !checks.ContainsKey(c)))
            checks[commit] = new SignatureCheck(false, "git did not check this commit");
        return checks;
    }

    /// <summary>Commits reachable from <paramref name="tip"/> but not from <paramref name="exclude"/>, newest first (no bodies, no files).</summary>
    public async Task<IReadOnlyList<Commit>> CommitsAsync(string tip, string? exclude, CancellationToken ct)
    {
        return await LogRecordsAsync([], ["%H", "%P", "%an", "%ae", "%aI", "%cI", "%s"], exclude is null ? [tip] : [tip, "^" + exclude],
            (f, _) => new Commit(f[0], Shas(f[1]), f[2], f[3], Instant(f[4]), Instant(f[5]), f[6], "", []), ct);
    }

    /// <summary>The newest commit reachable from <paramref name="tip"/> that changed <paramref name="path"/>.</summary>
    public async Task<string> LastCommitTouchingAsync(string tip, string path, CancellationToken ct) =>
        (await git.TextAsync(["log", "-1", "--format=%H", tip, "--", path], ct)).Trim();

    public async Task<bool> IsAncestorAsync(string ancestor, string descendant, CancellationToken ct) =>
        (await git.TryRunAsync(["merge-base", "--is-ancestor", ancestor, descendant], ct: ct)).ExitCode == 0;

    /// <summary>The same numbers as <c>git diff --shortstat from to</c>.</summary>
    public async Task<DiffStat> DiffStatAsync(string from, string to, CancellationToken ct)
    {
        var text = (await git.RunAsync(["diff", "--numstat", "-z", "--find-renames", from, to, "--"], ct: ct)).Text;
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
    public async Task<IReadOnlyList<string>> ListFilesAsync(string treeish, CancellationToken ct)
    {
        var text = (await git.RunAsync(["ls-tree", "-r", "-z", "--name-only", "--full-tree", treeish], ct: ct)).Text;
        return text.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The exact bytes of a file at a commit (records are hashed byte for byte).</summary>
    public async Task<byte[]> ReadFileAsync(string commit, string path, CancellationToken ct) =>
        (await git.RunAsync(["cat-file", "blob", $"{commit}:{path}"], ct: ct)).Output;

    /// <summary>
    /// A commit that adds <paramref name="files"/> (path to bytes) to <paramref name="parent"/>'s tree
    /// (or to an empty tree), made with plumbing in a private index file: the user's index, working
    /// tree and HEAD are never read or written, and no ref points at the commit until it is pushed.
    /// </summary>
    public async Task<string> CommitFilesAsync(string? parent, IReadOnlyDictionary<string, byte[]> files, string message, bool sign, CancellationToken ct)
    {
        var blobs = new Dictionary<string, string>();
        foreach (var (path, content) in files)
            blobs[path] = (await git.RunAsync(["hash-object", "-w", "--stdin"], content, ct: ct)).Text.Trim();

        string tree;
        using (var scratch = ScratchIndex.Create(Path.GetTempPath()))
        {
            var env = new Dictionary<string, string?> { ["GIT_INDEX_FILE"] = scratch.IndexFile };
            await git.RunAsync(parent is null ? ["read-tree", "--empty"] : ["read-tree", parent], environment: env, ct: ct);
            var update = new List<string> { "update-index", "--add" };
            foreach (var (path, blob) in blobs)
                update.AddRange(["--cacheinfo", $"100644,{blob},{path}"]);
            await git.RunAsync(update, environment: env, ct: ct);
            tree = (await git.RunAsync(["write-tree"], environment: env, ct: ct)).Text.Trim();
        }

        var args = new List<string> { "commit-tree", tree };
        if (parent is not null) args.AddRange(["-p", parent]);
        if (sign) args.Add("-S");
        var result = await git.TryRunAsync(args, Encoding.UTF8.GetBytes(message), ct: ct);
        if (result.ExitCode != 0)
            throw sign
                ? new GitException(git.Failure(args, result).Message + "\nCheck your signing key (git config user.signingkey, gpg.format).")
                : git.Failure(args, result);
        return result.Text.Trim();
    }

    /// <summary>
    /// Moves all refs on the remote in ONE atomic push, each guarded by a lease on its expected old
    /// value: either every ref moves or none does, and a ref someone else moved is never overwritten.
    /// A push that did not answer "done" (refused, interrupted by Ctrl-C, a dropped connection) may
    /// still have landed, or lost a race: the remote is asked afterwards, and the outcome says which.
    /// </summary>
    public async Task<PushOutcome> PushAtomicAsync(string remote, IReadOnlyList<RefUpdate> updates, CancellationToken ct)
    {
        var args = new List<string> { "push", "--atomic", "--porcelain", remote };
        foreach (var update in updates)
            args.Add($"--force-with-lease={update.Ref}:{update.ExpectedOldSha ?? ""}");
        foreach (var update in updates)
            args.Add($"{update.NewSha}:{update.Ref}");
        PushAnswer? answer;
        try
        {
            var result = await git.TryRunAsync(args, ct: ct);
            if (result.ExitCode == 0) return new PushOutcome.Landed();
            // At a terminal, Ctrl-C reaches git itself, which then dies of SIGINT (128 + 2) before it answers.
            answer = result.ExitCode == 130 ? null : PushAnswer.Read(git.Redact(result.Text), git.Redact(result.Error));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            answer = null;
        }

        var lsRemote = await AskAfterPushAsync(["ls-remote", remote, .. updates.Select(u => u.Ref)]);
        if (ct.IsCancellationRequested && answer is { Rejected.Count: 0 })
            answer = null; // git failed because Ctrl-C stopped it, not because the remote said no

        if (lsRemote is not { ExitCode: 0 })
            return PushJudgement.Judge(updates, answer, null, lsRemote is null ? "no answer" : git.Failure(["ls-remote"], lsRemote).Message);
        var now = lsRemote.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t'))
            .Where(p => p.Length == 2).ToDictionary(p => p[1], p => p[0]);
        return PushJudgement.Judge(updates, answer, now);
    }

    /// <summary>
    /// What the remote holds after a push is asked even after Ctrl-C (the push may have landed), within a
    /// bound of its own; null when no answer came within it.
    /// </summary>
    private async Task<GitResult?> AskAfterPushAsync(IReadOnlyList<string> args)
    {
        using var bound = new CancellationTokenSource(AfterPushBound);
        try
        {
            return await git.TryRunAsync(args, ct: bound.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
