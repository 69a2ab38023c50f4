using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Shipgate.Git;

/// <summary>Objects: files and trees read in one process, and the plumbing that writes commits and tags without touching the working tree.</summary>
internal sealed partial class GitRepository
{
    /// <summary>True when every given object is in the local store.</summary>
    public async Task<bool> HasObjectsAsync(IEnumerable<string> shas, CancellationToken ct)
    {
        var input = Encoding.ASCII.GetBytes(string.Join("\n", shas) + "\n");
        var output = (await git.RunAsync(["cat-file", "--batch-check"], input, ct: ct)).Text;
        return !output.Contains(" missing", StringComparison.Ordinal);
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

    /// <summary>Listings already read, by commit sha: a commit's tree never changes, so one command asks git for it once.</summary>
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _listings = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Every file path in a commit's tree. The archive branch's listing is read by the policy (<c>AccountedPolicy</c>), gather
    /// and pre-flight's trail check alike: given as a full sha, it is read from git once per command.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListFilesAsync(string treeish, CancellationToken ct)
    {
        if (_listings.TryGetValue(treeish, out var known)) return known;
        var text = (await git.RunAsync(["ls-tree", "-r", "-z", "--name-only", "--full-tree", treeish], ct: ct)).Text;
        IReadOnlyList<string> files = text.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        if (treeish.Length is 40 or 64 && treeish.All(Uri.IsHexDigit)) _listings.TryAdd(treeish, files);
        return files;
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
    /// An annotated tag object on <paramref name="commit"/>, written with <c>git mktag</c>: no ref
    /// points at it until a push creates one on the remote, so nothing local changes.
    /// </summary>
    public async Task<string> CreateTagObjectAsync(string commit, string name, GitIdentity tagger, DateTimeOffset at, string message, CancellationToken ct)
    {
        var text = $"object {commit}\ntype commit\ntag {name}\ntagger {tagger.Name} <{tagger.Email}> {at.ToUnixTimeSeconds()} +0000\n\n{message}";
        return (await git.RunAsync(["mktag"], Encoding.UTF8.GetBytes(text), ct: ct)).Text.Trim();
    }
}
