using System.Text.Json.Serialization;
using Shipgate.Release;

namespace Shipgate.Integrations;

/// <summary>
/// The code host (GitHub) as the release sees it. Every call answers for the whole release in as
/// few round trips as the API allows; a release without a code host runs on git facts alone.
/// </summary>
internal interface ICodeHost
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

    /// <summary>
    /// The code host's release page for an existing tag: made when there is none, its text replaced when there
    /// is one (so running it again never makes a second).
    /// </summary>
    Task<PublishedRelease> PublishReleaseAsync(ReleaseNotes notes, CancellationToken ct);
}

/// <summary>What a release page says: the tag it belongs to, its title and its Markdown body (already within the host's limit).</summary>
internal sealed record ReleaseNotes(string Tag, string Name, string Body);

/// <summary>A release page as the code host keeps it. <paramref name="Created"/> false: it existed and was updated.</summary>
internal sealed record PublishedRelease(string Url, bool Created);

/// <summary>One status context or check run on a commit and whether it counts as passing.</summary>
internal sealed record CiCheck(string Name, string Conclusion, bool Passed, string? Url = null);

/// <summary>What CI says of staging's head. <see cref="Problems"/> is empty exactly when it passed.</summary>
internal sealed record CiVerdict(string Sha, CiState Status, IReadOnlyList<CiCheck> Checks, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;
}

internal sealed record OpenPullRequest(int Number, string Title, string Author, string? Url);

/// <summary>A PR review's verdict, by GitHub's GraphQL names.</summary>
internal enum ReviewState
{
    [JsonStringEnumMemberName("APPROVED")] Approved,
    [JsonStringEnumMemberName("CHANGES_REQUESTED")] ChangesRequested,
    [JsonStringEnumMemberName("COMMENTED")] Commented,
    [JsonStringEnumMemberName("DISMISSED")] Dismissed,
    [JsonStringEnumMemberName("PENDING")] Pending,
}

/// <param name="Commit">The commit the review was given on (GitHub's PullRequestReview.commit); null when GitHub does not say.</param>
internal sealed record Review(string Author, ReviewState State, DateTimeOffset? SubmittedAt, string? Commit = null);

internal sealed record PullRequestDetails(
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
    /// <summary>The PR's head commit as it was merged (GitHub's headRefOid); null when the code host did not say, and then no approval counts.</summary>
    public string? HeadSha { get; init; }

    /// <summary>The commit GitHub made (or took) when it merged the PR: the merge, the squash, or the last rebased commit; null when not merged or not said.</summary>
    public string? MergeCommitSha { get; init; }

    /// <summary>
    /// Approved by someone other than its author on the commit that was merged (separation of duties): an approval
    /// given before later commits approved code that is not what shipped.
    /// </summary>
    public bool IndependentlyApproved => Reviews.Any(r => IsApproval(r) && OnHead(r) && !ByAuthor(r));

    /// <summary>Who approved the commit that was merged.</summary>
    public IReadOnlyList<string> Approvers => [.. Reviews.Where(r => IsApproval(r) && OnHead(r)).Select(r => r.Author).Distinct()];

    /// <summary>Others who approved only before later commits: their approvals do not count.</summary>
    public IReadOnlyList<string> ApprovedBeforeLaterCommits =>
        [.. Reviews.Where(r => IsApproval(r) && !OnHead(r) && !ByAuthor(r)).Select(r => r.Author)
            .Distinct(StringComparer.OrdinalIgnoreCase).Except(Approvers, StringComparer.OrdinalIgnoreCase)];

    private static bool IsApproval(Review review) => review.State == ReviewState.Approved;

    private bool OnHead(Review review) => HeadSha is not null && string.Equals(review.Commit, HeadSha, StringComparison.OrdinalIgnoreCase);

    private bool ByAuthor(Review review) => string.Equals(review.Author, Author, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The answer to one batched PR lookup.</summary>
internal sealed record PullRequestLookup(
    IReadOnlyDictionary<int, PullRequestDetails> ByNumber,
    IReadOnlyDictionary<string, int> MergedPullRequestByCommit);

/// <summary>Where a check run or workflow run is in its life, by GitHub's REST names.</summary>
internal enum RunStatus
{
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("in_progress")] InProgress,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("waiting")] Waiting,
    [JsonStringEnumMemberName("requested")] Requested,
    [JsonStringEnumMemberName("pending")] Pending,
}

/// <summary>How a completed check run or workflow run ended, by GitHub's REST names.</summary>
internal enum RunConclusion
{
    [JsonStringEnumMemberName("success")] Success,
    [JsonStringEnumMemberName("failure")] Failure,
    [JsonStringEnumMemberName("neutral")] Neutral,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    [JsonStringEnumMemberName("skipped")] Skipped,
    [JsonStringEnumMemberName("timed_out")] TimedOut,
    [JsonStringEnumMemberName("action_required")] ActionRequired,
    [JsonStringEnumMemberName("stale")] Stale,
    [JsonStringEnumMemberName("startup_failure")] StartupFailure,
}

internal sealed record WorkflowRun(long Id, string Name, RunStatus Status, RunConclusion? Conclusion, string Url)
{
    public bool IsCompleted => Status == RunStatus.Completed;

    /// <summary>When the run started and last changed, as GitHub says (for the deployment record).</summary>
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Its conclusion once completed, else its status, as GitHub words them ("success", "in_progress").</summary>
    public string State => Conclusion is { } conclusion ? JsonNames.Of(conclusion) : JsonNames.Of(Status);
}
