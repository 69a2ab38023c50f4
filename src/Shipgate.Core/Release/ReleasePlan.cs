using System.Text.Json.Serialization;
using Shipgate.Git;
using Shipgate.Integrations;

namespace Shipgate.Release;

/// <summary>How a PR reached staging, as git or the code host shows it.</summary>
internal enum MergeKind
{
    [JsonStringEnumMemberName("merge_commit")] MergeCommit,
    [JsonStringEnumMemberName("squash")] Squash,
    [JsonStringEnumMemberName("rebase")] Rebase,
}

/// <summary>A pull request shipped by this release.</summary>
internal sealed record ReleasedPullRequest(
    int Number,
    string Title,
    string? Url,
    string Author,
    DateTimeOffset? MergedAt,
    string? MergedBy,
    string? HeadBranch,
    MergeKind MergedAs,
    string MergeCommitSha,
    IReadOnlyList<string> Tickets,
    IReadOnlyList<string> Commits,
    IReadOnlyList<string> Files,
    string? ComplianceArchive,
    /// <summary>Null when the code host was not asked (no reviews known).</summary>
    bool? IndependentlyApproved,
    IReadOnlyList<string> Approvers)
{
    /// <summary>Others whose approvals came before later commits: they do not count (<see cref="PullRequestDetails.ApprovedBeforeLaterCommits"/>).</summary>
    public IReadOnlyList<string> ApprovedBeforeLaterCommits { get; init; } = [];

    /// <summary>The author is a GitHub login (GitHub told); false: the git author's name, which never gets an @.</summary>
    public bool AuthorIsLogin { get; init; }

    /// <summary>The author as screens show them: @login, or the git name as it is.</summary>
    public string AuthorShown => AuthorIsLogin ? "@" + Author : Author;
}

/// <summary>Whether the tracker confirmed a ticket.</summary>
internal enum TicketCheck
{
    [JsonStringEnumMemberName("verified")] Verified,
    [JsonStringEnumMemberName("not_found")] NotFound,
    [JsonStringEnumMemberName("unverified")] Unverified,
}

/// <summary>A ticket the release names; <see cref="System"/> is the tracker that owns its key.</summary>
internal sealed record ReleasedTicket(
    string Id, string? Title, string? Url, string? Status, string? StateType, TicketCheck Check, TicketSystem System = TicketSystem.Linear)
{
    public bool IsCompleted => TicketSystems.IsDone(System, StateType);
}

/// <summary>The bullets of one area under "key changes by area".</summary>
internal sealed record AreaChanges(string Id, string Title, IReadOnlyList<string> Changes);

/// <summary>What an unspecced change is: a commit in no PR, or a PR with no ticket.</summary>
internal enum UnspeccedKind
{
    [JsonStringEnumMemberName("commit")] Commit,
    [JsonStringEnumMemberName("pull_request")] PullRequest,
}

/// <summary>A change with no spec behind it: a commit in no PR, or a PR with no ticket.</summary>
internal sealed record UnspeccedChange(UnspeccedKind Kind, string Reference, string Description);

/// <summary>Everything a release would ship, gathered before anyone is asked to confirm it.</summary>
internal sealed record ReleasePlan(
    string FromSha,
    string ToSha,
    IReadOnlyList<Commit> Commits,
    int MergeCommitCount,
    DiffStat Diff,
    IReadOnlyList<ReleasedPullRequest> PullRequests,
    IReadOnlyList<ReleasedTicket> Tickets,
    IReadOnlyList<AreaChanges> Areas,
    IReadOnlyList<UnspeccedChange> Unspecced)
{
    public IEnumerable<ReleasedPullRequest> PullRequestsWithoutArchive => PullRequests.Where(p => p.ComplianceArchive is null);

    /// <summary>Whether the code host told the PRs' reviews.</summary>
    public bool ReviewsKnown => PullRequests.Any(p => p.IndependentlyApproved is not null);

    /// <summary>Whether a ticket tracker was asked about the tickets: without one, no ticket is verified, however few there are.</summary>
    public bool TicketsChecked { get; init; }

    /// <summary>Whether the code host (GitHub) was there to tell PRs and reviews; without it, reviews are unverified, not absent.</summary>
    public bool CodeHostAsked { get; init; } = true;

    /// <summary>Every change to a file that steers CI, review or the gate (<see cref="ControlPaths"/>), with who approved it.</summary>
    public IReadOnlyList<ControlChange> ControlChanges { get; init; } = [];

    /// <summary>The PRs that name no ticket.</summary>
    public IEnumerable<ReleasedPullRequest> PullRequestsWithoutTicket => PullRequests.Where(p => p.Tickets.Count == 0);
}
