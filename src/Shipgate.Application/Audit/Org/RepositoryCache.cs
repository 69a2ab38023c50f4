using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Shipgate.Config;
using Shipgate.Git;

namespace Shipgate.Audit.Org;

/// <summary>A repository's trail as fetched into the cache: a bare repository whose remote <see cref="PolicyLocation.Remote"/> is itself.</summary>
internal sealed record CachedRepository(string Folder, GitRepository Git, ReleasePolicy Policy);

/// <summary>
/// Bare copies of the organisation's repositories under <c>$XDG_CACHE_HOME/shipgate</c> (else <c>~/.cache/shipgate</c>),
/// one folder per repository, fetched incrementally and read-only: git only ever fetches from the source, so no ref of
/// it changes. What verification reads is fetched: the archive branch whole, production and the release tags without
/// file contents (<c>--filter=blob:none</c>; a server that does not filter sends them whole), and then the two files
/// read from production's tip (the release policy and a committed allowed-signers file). The source is the cache's
/// remote <c>shipgate-source</c>; its remote named like the operator's (<c>origin</c>) is the cache itself, so
/// <see cref="TrailReader"/> reads the cache exactly as it reads a clone's remote. The cache is untrusted input
/// (<see cref="CacheConfig"/>): its config is written anew before each use, git runs in it without hooks, and a folder
/// that names another source, or borrows objects from elsewhere, is fetched anew.
/// </summary>
internal sealed partial class RepositoryCache(string root, Secrets secrets)
{
    public const string SourceRemote = "shipgate-source";

    public string Root { get; } = root;

    /// <summary>The cache folder: XDG_CACHE_HOME/shipgate, else HOME/.cache/shipgate.</summary>
    public static string DefaultRoot(Func<string, string?> environment)
    {
        if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "shipgate");
        var home = environment("HOME") is { Length: > 0 } h ? h : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home))
            throw new UsageException("Neither XDG_CACHE_HOME nor HOME is set: Shipgate has nowhere to keep its cache of repositories. Set XDG_CACHE_HOME.");
        return Path.Combine(home, ".cache", "shipgate");
    }

    /// <summary>A folder name safe on every file system, readable, and unique per URL (a hash of it ends the name).</summary>
    public static string FolderName(string url)
    {
        var readable = Unsafe().Replace(SourceAddress.Shown(url).ToLowerInvariant().Split("://", 2)[^1], "-").Trim('-');
        if (readable.Length > 60) readable = readable[^60..].TrimStart('-');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..12];
        return $"{(readable.Length == 0 ? "repository" : readable)}-{hash}.git";
    }

    /// <param name="environment">What git needs to reach the source (<see cref="GitHubGitAuth"/>); given only to the processes that fetch.</param>
    public async Task<CachedRepository> FetchAsync(RepositorySource source, PolicyLocation location, IReadOnlyDictionary<string, string?> environment,
        CancellationToken ct)
    {
        if (location.Remote == SourceRemote)
            throw new UsageException(
                $"{PolicyLocation.RemoteVariable}={SourceRemote} is the name Shipgate's cache gives the source; name your remote otherwise.");
        var folder = Path.Combine(Root, FolderName(source.Url));
        if (Directory.Exists(folder) && !await IsOwnAsync(folder, source, ct)) Discard(folder);
        if (!Directory.Exists(folder)) await CreateAsync(folder, ct);
        // Written whole before each use; the remote verify reads is the cache itself, under the name the operator's
        // remote has (SHIPGATE_REMOTE may differ per run).
        var config = Path.Combine(folder, "config");
        var written = config + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        await File.WriteAllTextAsync(written, CacheConfig.Text(source.Url, location.Remote, folder), ct);
        File.Move(written, config, overwrite: true);
        var cli = new GitCli(folder, secrets, CacheConfig.GitOptions);
        var git = new GitRepository(cli);

        var listed = await cli.TryRunAsync(["ls-remote", SourceRemote], environment: environment, ct: ct);
        if (listed.ExitCode != 0)
            throw new GitException(secrets.Redact($"cannot be read: {Reason(listed.Error, listed.ExitCode)}"));
        var remote = listed.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t'))
            .Where(p => p.Length == 2).Select(p => p[1]).ToHashSet(StringComparer.Ordinal);

        // Production and the release tags: commits, trees and tag objects; no file contents.
        var production = "refs/heads/" + location.ProductionBranch;
        var specs = new List<string> { $"+{ReleaseTagPattern}:{ReleaseTagPattern}" };
        if (remote.Contains(production)) specs.Add($"+{production}:{production}");
        await FetchAsync(cli, ["--filter=blob:none", "--prune"], specs, environment, ct);
        await DropMissingAsync(cli, [production], remote, ct);

        // The release policy at production's tip, then the archive branch it names, whole.
        await ReadAheadAsync(cli, [$"{production}:{ConfigLoader.FileName}"], environment, ct);
        // Production's tip rule (not AccountedPolicy): the archive branch it names is fetched only below.
        var policy = await PolicyReader.ReadAsync(git, location, ct);
        if (policy.Config.Audit.AllowedSigners is { } signers && !Path.IsPathRooted(signers) && policy.Source.Commit is { } commit)
        {
            var inRepository = string.Join('/', signers.Replace('\\', '/').Split('/').Where(p => p is not ("" or ".")));
            await ReadAheadAsync(cli, [$"{commit}:{inRepository}"], environment, ct);
        }
        var archive = "refs/heads/" + policy.Config.ArchiveBranch;
        if (remote.Contains(archive)) await FetchAsync(cli, [], [$"+{archive}:{archive}"], environment, ct);
        await DropMissingAsync(cli, [archive], remote, ct);
        return new CachedRepository(folder, git, policy);
    }

    private const string ReleaseTagPattern = "refs/tags/release-*";

    /// <summary>
    /// Whether a cache folder is what Shipgate made for this source: a folder (not a link to another), whose config names
    /// exactly this source, holding nothing that makes git read objects or history from elsewhere (<see cref="CacheConfig.Foreign"/>).
    /// </summary>
    private async Task<bool> IsOwnAsync(string folder, RepositorySource source, CancellationToken ct)
    {
        if (new DirectoryInfo(folder).LinkTarget is not null || CacheConfig.Foreign.Any(f => Path.Exists(Path.Combine(folder, f))))
            return false;
        var config = Path.Combine(folder, "config");
        if (!File.Exists(config)) return false;
        // Read as a file, without includes: reading it runs nothing.
        var urls = await new GitCli(Root, secrets).TryRunAsync(
            ["config", "--file", config, "--no-includes", "--get-all", $"remote.{SourceRemote}.url"], ct: ct);
        return urls.ExitCode == 0 && urls.Text.TrimEnd('\n') == source.Url;
    }

    /// <summary>Moves a folder that is not the cache Shipgate made out of the way, then deletes it: it is fetched anew.</summary>
    private static void Discard(string folder)
    {
        var discarded = folder + "." + Guid.NewGuid().ToString("N")[..8] + ".discarded";
        Directory.Move(folder, discarded);
        Directory.Delete(discarded, recursive: true);
    }

    /// <summary>A new cache repository, made beside its place and moved in whole, so a half-made one is never used.</summary>
    private async Task CreateAsync(string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(Root);
        var making = folder + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            await new GitCli(Root, secrets, CacheConfig.GitOptions).RunAsync(["init", "--quiet", "--bare", "--object-format=sha1", making], ct: ct);
            try
            {
                Directory.Move(making, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                // Another run made it first: use theirs.
            }
        }
        finally
        {
            if (Directory.Exists(making)) Directory.Delete(making, recursive: true);
        }
    }

    private async Task FetchAsync(GitCli cli, IReadOnlyList<string> options, IReadOnlyList<string> refspecs,
        IReadOnlyDictionary<string, string?> environment, CancellationToken ct)
    {
        var result = await cli.TryRunAsync(
            ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--no-auto-gc", .. options, SourceRemote, .. refspecs],
            environment: environment, ct: ct);
        if (result.ExitCode != 0)
            throw new GitException(secrets.Redact($"could not be fetched: {Reason(result.Error, result.ExitCode)}"));
    }

    /// <summary>Brings in the named blobs now, while git has what it needs to reach the source; verification then reads them offline.</summary>
    private static async Task ReadAheadAsync(GitCli cli, IReadOnlyList<string> names, IReadOnlyDictionary<string, string?> environment,
        CancellationToken ct) =>
        await cli.TryRunAsync(["cat-file", "--batch-check"], Encoding.UTF8.GetBytes(string.Join("\n", names) + "\n"), environment, ct);

    /// <summary>A branch the source no longer has is no longer in the cache either: verify judges the source as it is now.</summary>
    private static async Task DropMissingAsync(GitCli cli, IEnumerable<string> refs, IReadOnlySet<string> remote, CancellationToken ct)
    {
        foreach (var name in refs.Where(r => !remote.Contains(r)))
            await cli.TryRunAsync(["update-ref", "-d", name], ct: ct);
    }

    private static string Reason(string error, int exitCode)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // fetch.fsckObjects: git names the malformed object on an "error: object …" line before its "fatal: fsck error".
        if (lines.Any(l => l.StartsWith("fatal: fsck error", StringComparison.Ordinal))
            && lines.FirstOrDefault(l => l.StartsWith("error: object ", StringComparison.Ordinal)) is { } malformed)
            return "the source sent a malformed object, which git's object check (fetch.fsckObjects) refused: " +
                Rendering.SafeText.OneLine(malformed["error: ".Length..]) + "; nothing of it was verified";
        var line = lines.FirstOrDefault(l => l.StartsWith("fatal:", StringComparison.Ordinal)) ?? lines.LastOrDefault();
        return line is null ? $"git exited with {exitCode}" : Rendering.SafeText.OneLine(line);
    }

    [GeneratedRegex("[^a-z0-9_-]+")]
    private static partial Regex Unsafe();
}
