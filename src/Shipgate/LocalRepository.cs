using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;

namespace Shipgate;

/// <summary>
/// The repository a command works on: its root, its <c>.shipgate.yml</c>, git, and how it is named
/// in records (owner/name, else the remote URL without credentials) and browsed on the web.
/// </summary>
public sealed record LocalRepository(string Root, ShipgateConfig Config, GitRepository Git, RepositoryAddress? Address, string Name, string? WebUrl)
{
    public static async Task<LocalRepository> OpenAsync(string workingDirectory, string? folder, Secrets secrets, CancellationToken ct)
    {
        var root = await GitRepository.FindTopLevelAsync(Path.GetFullPath(folder ?? ".", workingDirectory), secrets, ct);
        var config = ConfigLoader.LoadFromRepository(root);
        var git = new GitRepository(new GitCli(root, secrets));
        var remoteUrl = await git.RemoteUrlAsync(config.Remote, ct)
            ?? throw new UsageException($"The repository has no remote named '{config.Remote}'. Add it, or set 'remote' in {ConfigLoader.FileName}.");
        var address = RepositoryAddress.Parse(remoteUrl);
        var fullName = config.GitHub.Repository ?? address?.FullName;
        return new LocalRepository(root, config, git, address, fullName ?? secrets.Redact(remoteUrl),
            fullName is null ? null : $"https://{address?.Host ?? "github.com"}/{fullName}");
    }
}
