namespace Shipgate.PrArchives;

/// <summary>
/// What a PR's compliance archive is made from, as the code host answers it (GitHub's REST pull request endpoints).
/// Beside <see cref="Integrations.ICodeHost"/>, which gives CI at a commit and the token's login.
/// </summary>
internal interface IMergedPullRequests
{
    /// <summary>The PR, or null when the repository has none of that number.</summary>
    Task<PullRequestFacts?> GetPullRequestAsync(int number, CancellationToken ct);

    Task<IReadOnlyList<PrArchiveReview>> GetReviewsAsync(int number, string headSha, CancellationToken ct);

    Task<IReadOnlyList<PullRequestCommit>> GetCommitsAsync(int number, CancellationToken ct);

    Task<IReadOnlyList<PrArchiveFile>> GetFilesAsync(int number, CancellationToken ct);

    /// <summary>The numbers of the PRs merged into <paramref name="baseBranch"/> at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<int>> GetMergedSinceAsync(string baseBranch, DateTimeOffset since, CancellationToken ct);
}

/// <summary>A PR as the code host describes it: its state, branches and merge.</summary>
internal sealed record PullRequestFacts(
    int Number, string Title, string Url, string Author, string Body, bool Merged, DateTimeOffset? MergedAt, string? MergedBy,
    string Base, string Head, string HeadSha, string? MergeCommitSha);

/// <summary>One commit of a PR with its whole message (tickets are named in bodies too) and its author's login, when GitHub knows one.</summary>
internal sealed record PullRequestCommit(string Sha, string Message, string? Author)
{
    public string Title => Message.Split('\n', 2)[0].TrimEnd('\r');
}
