using Shipgate.Git;
using IOPath = System.IO.Path;

namespace Shipgate.Audit;

/// <summary>
/// The allowed-signers file <c>audit verify</c> checks record signatures against. A path inside the
/// repository is read as committed with the release policy (what was released), never from the working
/// tree, where a merged pull request could have added its own key; an absolute path is the operator's
/// own file. A committed file is copied to a private temporary file for git, removed on dispose.
/// </summary>
internal sealed class AllowedSigners : IDisposable
{
    private readonly bool _temporary;

    private AllowedSigners(string path, bool temporary) => (Path, _temporary) = (path, temporary);

    /// <summary>The file git reads (<c>gpg.ssh.allowedSignersFile</c>).</summary>
    public string Path { get; }

    /// <summary>Null when the policy names no allowed-signers file.</summary>
    public static async Task<AllowedSigners?> OpenAsync(LocalRepository repository, CancellationToken ct)
    {
        if (repository.Config.Audit.AllowedSigners is not { } file) return null;
        if (IOPath.IsPathRooted(file))
            return File.Exists(file) ? new AllowedSigners(file, false)
                : throw new UsageException($"audit.allowed_signers: {file} does not exist on this machine.");

        var source = repository.Policy.Source;
        var inRepository = string.Join('/', file.Replace('\\', '/').Split('/').Where(part => part is not ("" or ".")));
        if (inRepository.Length == 0 || inRepository.Split('/').Contains(".."))
            throw new UsageException($"audit.allowed_signers: {file} is not a path inside the repository.");
        var committed = source.Commit is null ? null : (await repository.Git.ReadFilesAsync(source.Commit, [inRepository], ct)).GetValueOrDefault(inRepository);
        if (committed is null)
            throw new UsageException($"audit.allowed_signers: {inRepository} is not committed at {source.Remote}/{source.Branch} " +
                $"({Sha.Short(source.Commit ?? "")}), where the release policy is read; commit it there. The working tree is never read.");
        var path = IOPath.Combine(IOPath.GetTempPath(), $"shipgate-allowed-signers-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(path, committed, ct);
        return new AllowedSigners(path, true);
    }

    public void Dispose()
    {
        if (_temporary) File.Delete(Path);
    }
}
