using Shipgate.Audit;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;

namespace Shipgate;

/// <summary>
/// The repository a command works on: its root, git, its release policy (the remote's committed <c>.shipgate.yml</c> at the
/// production commit the audit trail accounts for, never the working tree: <see cref="AccountedPolicy"/>), and how it is named in records
/// (owner/name, else the remote URL without credentials) and browsed on the web.
/// </summary>
internal sealed record LocalRepository(string Root, ReleasePolicy Policy, GitRepository Git, RepositoryAddress? Address, string Name, string? WebUrl)
{
    public ShipgateConfig Config => Policy.Config;

    public static async Task<LocalRepository> OpenAsync(string workingDirectory, Func<string, string?> environment, string? folder, Secrets secrets,
        CancellationToken ct)
    {
        var root = await GitRepository.FindTopLevelAsync(Path.GetFullPath(folder ?? ".", workingDirectory), secrets, ct);
        var location = PolicyLocation.FromEnvironment(environment);
        var git = new GitRepository(new GitCli(root, secrets));
        var remoteUrl = await git.RemoteUrlAsync(location.Remote, ct)
            ?? throw new UsageException($"The repository has no remote named '{location.Remote}'. Add it, or name yours in {PolicyLocation.RemoteVariable}.");
        var policy = await AccountedPolicy.ReadAsync(git, location, ct);
        var config = policy.Config;
        var address = RepositoryAddress.Parse(remoteUrl);
        var fullName = config.GitHub.Repository ?? address?.FullName;
        return new LocalRepository(root, policy, git, address, fullName ?? secrets.Redact(remoteUrl),
            fullName is null ? null : $"https://{address?.Host ?? "github.com"}/{fullName}");
    }
}
