using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;

namespace Shipgate.Cli;

/// <summary>
/// The repository a command works on: its root, git, its release policy (read from the remote's
/// committed <c>.shipgate.yml</c>, never the working tree), and how it is named in records
/// (owner/name, else the remote URL without credentials) and browsed on the web.
/// </summary>
public sealed record LocalRepository(string Root, ReleasePolicy Policy, GitRepository Git, RepositoryAddress? Address, string Name, string? WebUrl)
{
    public ShipgateConfig Config => Policy.Config;

    /// <summary>The --repo option every command takes.</summary>
    public static System.CommandLine.Option<string?> FolderOption() =>
        new("--repo") { Description = "The repository folder (default: the current folder).", HelpName = "dir" };

    public static async Task<LocalRepository> OpenAsync(CliHost host, string? folder, Secrets secrets)
    {
        var root = await GitRepository.FindTopLevelAsync(Path.GetFullPath(folder ?? ".", host.WorkingDirectory), secrets);
        var location = PolicyLocation.FromEnvironment(host.Environment);
        var git = new GitRepository(new GitCli(root, secrets));
        var remoteUrl = await git.RemoteUrlAsync(location.Remote)
            ?? throw new UsageException($"The repository has no remote named '{location.Remote}'. Add it, or name yours in {PolicyLocation.RemoteVariable}.");
        var policy = await PolicyReader.ReadAsync(git, location);
        var config = policy.Config;
        var address = RepositoryAddress.Parse(remoteUrl);
        var fullName = config.GitHub.Repository ?? address?.FullName;
        return new LocalRepository(root, policy, git, address, fullName ?? secrets.Redact(remoteUrl),
            fullName is null ? null : $"https://{address?.Host ?? "github.com"}/{fullName}");
    }
}
