namespace Shipgate.Integrations;

/// <summary>
/// The code host (GitHub) as the release sees it. Every call answers for the whole release in as
/// few round trips as the API allows; a release without a code host runs on git facts alone.
/// </summary>
public interface ICodeHost
{
    /// <summary>owner/name, for messages and the record.</summary>
    string Repository { get; }

    /// <summary>The CI verdict on a commit: statuses, check runs and required checks judged together.</summary>
    Task<CiVerdict> GetCiVerdictAsync(string sha, IReadOnlyList<string> requiredChecks, CancellationToken ct);

    Task<IReadOnlyList<OpenPullRequest>> GetOpenPullRequestsAsync(string baseBranch, CancellationToken ct);

    /// <summary>Details of the given PRs, and the PRs associated with the given commits (rebase merges).</summary>
    Task<PullRequestLookup> GetPullRequestsAsync(IReadOnlyCollection<int> numbers, IReadOnlyCollection<string> commitShas, CancellationToken ct);

    /// <summary>The login behind the token, or null when the API does not say.</summary>
    Task<string?> GetViewerLoginAsync(CancellationToken ct);

    /// <summary>Workflow runs started for a commit on a branch.</summary>
    Task<IReadOnlyList<WorkflowRun>> GetWorkflowRunsAsync(string sha, string branch, CancellationToken ct);
}

/// <summary>One status context or check run on a commit and whether it counts as passing.</summary>
public sealed record CiCheck(string Name, string Conclusion, bool Passed, string? Url = null);

/// <summary>What CI says of staging's head. <see cref="Problems"/> is empty exactly when it passed.</summary>
public sealed record CiVerdict(string Sha, string Status, IReadOnlyList<CiCheck> Checks, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;
}

public sealed record OpenPullRequest(int Number, string Title, string Author, string? Url);

public sealed record Review(string Author, string State, DateTimeOffset? SubmittedAt);

public sealed record PullRequestDetails(
    int Number,
    string Title,
    string Url,
    string Author,
    DateTimeOffset? MergedAt,
    string? MergedBy,
    string Body,
    string? HeadBranch,
    IReadOnlyList<Review> Reviews)
{
    /// <summary>Approved by someone other than its author (separation of duties).</summary>
    public bool IndependentlyApproved => Reviews.Any(r => r.State == "APPROVED" && !string.Equals(r.Author, Author, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The answer to one batched PR lookup.</summary>
public sealed record PullRequestLookup(
    IReadOnlyDictionary<int, PullRequestDetails> ByNumber,
    IReadOnlyDictionary<string, int> MergedPullRequestByCommit);

public sealed record WorkflowRun(long Id, string Name, string Status, string? Conclusion, string Url);
