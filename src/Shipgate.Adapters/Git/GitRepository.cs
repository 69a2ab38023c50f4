namespace Shipgate.Git;

/// <summary>
/// The git questions and plumbing a release needs, each one git process whatever the size of the
/// release. Nothing here touches the user's working tree, index, HEAD or local branches. One façade, one file per
/// concern: this one the repository and who works in it; <c>.Remote</c>, <c>.History</c>, <c>.Objects</c>, <c>.Signatures</c>.
/// </summary>
internal sealed partial class GitRepository(GitCli git)
{
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

    /// <summary>True in a shallow clone: one whose history is cut at some commits (<c>git clone --depth</c>).</summary>
    public async Task<bool> IsShallowAsync(CancellationToken ct) =>
        (await git.TextAsync(["rev-parse", "--is-shallow-repository"], ct)).Trim() == "true";
}
