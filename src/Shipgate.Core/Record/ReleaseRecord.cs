using System.Text.Json.Serialization;
using Shipgate.Integrations;
using Shipgate.Release;

namespace Shipgate.Record;

/// <summary>
/// The permanent audit record of one release, written as <c>releases/&lt;release_id&gt;.json</c> on the
/// archive branch. Keeps every field of the seed procedure's example under the same name and
/// meaning; <see cref="SchemaVersion"/> changes whenever a field's meaning does.
/// </summary>
internal sealed record ReleaseRecord
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string ReleaseId { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    public required string Repository { get; init; }
    public required ToolInfo Tool { get; init; }
    public required string ReleasedBy { get; init; }
    public required string ReleasedByEmail { get; init; }
    public string? ReleasedByLogin { get; init; }
    public required string FromRef { get; init; }
    public required string FromSha { get; init; }
    public required string ToRef { get; init; }
    public required string ToSha { get; init; }
    public required int CommitsCount { get; init; }
    public required int MergeCommitsCount { get; init; }
    public required int FilesChanged { get; init; }
    public required int Insertions { get; init; }
    public required int Deletions { get; init; }
    public required IReadOnlyList<RecordCommit> Commits { get; init; }
    public required IReadOnlyList<RecordPullRequest> PullRequests { get; init; }
    public required IReadOnlyList<RecordTicket> LinearTickets { get; init; }
    /// <summary>The release's Jira tickets; empty in records made before Shipgate knew Jira (which lack the field: read as empty).</summary>
    public IReadOnlyList<RecordTicket> JiraTickets { get => _jiraTickets; init => _jiraTickets = value ?? []; }
    private readonly IReadOnlyList<RecordTicket> _jiraTickets = [];
    /// <summary>Every ticket, Linear's then Jira's, each knowing its tracker.</summary>
    [JsonIgnore]
    public IEnumerable<RecordTicket> Tickets =>
        LinearTickets.Select(t => t with { System = TicketSystem.Linear }).Concat(JiraTickets.Select(t => t with { System = TicketSystem.Jira }));
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> ChangeSummary { get; init; }
    public required IReadOnlyDictionary<string, string> AreaTitles { get; init; }
    public required IReadOnlyList<RecordUnspecced> UnspeccedChanges { get; init; }
    /// <summary>Changes to files that steer CI, review or the gate, each with its PR and approvers; absent when the release has none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RecordControlChange>? ControlChanges { get; init; }
    public required RecordCiStatus CiStatus { get; init; }
    public required IReadOnlyList<RecordOpenPullRequest> OpenPrs { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
    /// <summary>Set for a release made with --emergency; it then needs a review record.</summary>
    public required RecordEmergency? Emergency { get; init; }
    public required RecordConfirmation Confirmation { get; init; }
    public required PreviousRelease? PreviousRelease { get; init; }
    /// <summary>The release policy the release was checked by; absent in records written before Shipgate read it from git.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RecordPolicy? Policy { get; init; }
    /// <summary>
    /// The release's tag (<see cref="ReleaseTag"/>), named in the record so that deleting tags cannot
    /// lift the rule that releases have them. Absent from records made before releases were tagged.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Tag { get; init; }
    /// <summary>
    /// Where each service the release asked was asked, and what named it there (the environment wins over the policy, so
    /// the policy's URLs alone do not say). Absent from records made before it was recorded.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RecordService>? Services { get; init; }
    /// <summary>
    /// The evidence levels the record was made for: "chained" always, "signed" when its commit is signed (audit.sign).
    /// Witnessed is said by audit verify, never by the record itself. Absent from records made before levels were recorded.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Levels { get; init; }
}

/// <summary>A service the release asked (github, github_graphql, linear, jira), at which URL, named by what.</summary>
internal sealed record RecordService(string Service, string Url, string NamedBy);

internal sealed record ToolInfo(string Name, string Version);

internal sealed record RecordCommit(string Sha, string Subject, string Author, string AuthorEmail, DateTimeOffset CommittedAt, int? PullRequest);

internal sealed record RecordPullRequest(
    int Number,
    string Title,
    string? Url,
    string Author,
    DateTimeOffset? MergedAt,
    string? ComplianceArchive,
    string? MergedBy,
    MergeKind MergedAs,
    string MergeCommitSha,
    string? HeadBranch,
    IReadOnlyList<string> Tickets,
    bool? IndependentlyApproved,
    IReadOnlyList<string> Approvers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? ApprovedBeforeLaterCommits = null);

/// <summary>
/// A ticket; <see cref="Verification"/> says whether the tracker confirmed it. For Jira, <see cref="StateType"/> is the
/// status category's key (new, indeterminate, done) and <see cref="Url"/> the issue's /browse/KEY page.
/// </summary>
internal sealed record RecordTicket(string Id, string? Title, string? Url, string? Status, string? StateType, TicketCheck Verification)
{
    /// <summary>The tracker, told by the list the ticket is in (linear_tickets, jira_tickets).</summary>
    [JsonIgnore]
    public TicketSystem System { get; init; }
}

internal sealed record RecordUnspecced(UnspeccedKind Kind, string Reference, string Description);

internal sealed record RecordCiCheck(string Name, string Conclusion, bool Passed);

/// <summary>CI on staging's head; status is success, failure, pending or unverified.</summary>
internal sealed record RecordCiStatus(
    string StagingSha, string Status, IReadOnlyList<string> ChecksPassed, IReadOnlyList<RecordCiCheck> Checks, string? UnverifiedReason)
{
    /// <summary>The status as a CI state, read at the record's edge; null for a word no state has (the record keeps it as written).</summary>
    [JsonIgnore]
    public CiState? State => JsonNames.Parse<CiState>(Status);
}

internal sealed record RecordOpenPullRequest(int Number, string Title, string Author, string? Url);

/// <summary>Why a release was an emergency, and whether it passed a failing or unverified CI gate.</summary>
internal sealed record RecordEmergency(string Reason, bool CiOverridden);

/// <summary>Where the word was typed: at the releaser's controlling terminal, or by the person an agent asked (MCP elicitation).</summary>
internal enum ConfirmationChannel
{
    [JsonStringEnumMemberName("terminal")] Terminal,
    [JsonStringEnumMemberName("mcp-elicitation")] McpElicitation,
    /// <summary>Approved in a GitHub Environment by a reviewer whose comment holds the plan's word (a release inside GitHub Actions).</summary>
    [JsonStringEnumMemberName("github-environment")] GitHubEnvironment,
}

/// <param name="Channel">Null only in records made before the channel was recorded.</param>
/// <param name="Client">The MCP client the person typed the word in (its name and version as it declared them); absent at the terminal.</param>
/// <param name="Approval">The GitHub Environment's approval (channel github-environment); absent otherwise.</param>
internal sealed record RecordConfirmation(
    string WordPresented, string WordEntered, DateTimeOffset ConfirmedAt, ConfirmationChannel? Channel,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RecordClient? Client = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RecordApproval? Approval = null);

/// <summary>An MCP client as it named itself at initialisation: which program put the confirmation form before the person.</summary>
internal sealed record RecordClient(string Name, string Version);

/// <summary>
/// The release policy a release was checked by: where it was read (a committed file, never the
/// working tree) and what it set. <see cref="ChangedInRelease"/>: the release changed the file, so
/// the next release is checked by the new version.
/// </summary>
/// <param name="GitHubApiUrl">github.api_url as the policy set it; null when it set none (the environment, the remote or api.github.com decided).</param>
/// <param name="JiraSite">jira.site as the policy set it; absent when it set none (and from records made before Jira).</param>
internal sealed record RecordPolicy(
    RecordPolicySource Source,
    IReadOnlyList<string> RequiredChecks,
    [property: JsonPropertyName("github_api_url")] string? GitHubApiUrl,
    string? LinearApiUrl,
    bool RequireIndependentReview,
    bool ChangedInRelease,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? JiraSite = null);

/// <summary>The policy file's commit and blob; <see cref="StagingFallback"/> when production had none yet and staging's was used.</summary>
internal sealed record RecordPolicySource(string Ref, string? Commit, string Path, string? BlobSha, bool StagingFallback);

/// <summary>The link of the hash chain: the previous record's id and the SHA-256 of its file's bytes.</summary>
internal sealed record PreviousRelease(string Id, string Sha256);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectNullableAnnotations = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ReleaseRecord))]
[JsonSerializable(typeof(ReviewRecord))]
[JsonSerializable(typeof(DeploymentRecord))]
[JsonSerializable(typeof(FreezeRecord))]
internal sealed partial class RecordJsonContext : JsonSerializerContext;

/// <summary>What a review record answers for: an emergency release, or commits pushed straight to production.</summary>
internal enum ReviewKind
{
    [JsonStringEnumMemberName("review")] Review,
    [JsonStringEnumMemberName("direct_push_review")] DirectPushReview,
}

/// <summary>
/// An after-the-fact review (<c>shipgate audit review</c>) of an emergency release, or the
/// acknowledgement of commits pushed straight to production: a link of the same hash chain as the
/// release records, so it cannot be added or removed unnoticed. The reviewer is whoever ran the
/// command (git identity, and the GitHub login when a token said it), never a name typed in.
/// </summary>
internal sealed record ReviewRecord
{
    public int SchemaVersion { get; init; } = 1;
    public ReviewKind Kind { get; init; } = ReviewKind.Review;
    public required string ReviewId { get; init; }
    /// <summary>The emergency release reviewed; absent from a direct-push review.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReviewsRelease { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    public required string ReviewedBy { get; init; }
    /// <summary>Absent from reviews recorded before reviewers were identified; those count as by <see cref="RecordedByEmail"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReviewedByEmail { get; init; }
    public string? ReviewedByLogin { get; init; }
    public required string Note { get; init; }
    public required string RecordedBy { get; init; }
    public required string RecordedByEmail { get; init; }
    public required ToolInfo Tool { get; init; }
    public required PreviousRelease PreviousRelease { get; init; }
    /// <summary>The commits acknowledged by a direct-push review, as they were on production.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RecordDirectPush>? DirectPushes { get; init; }
    /// <summary>How the reviewer was proven; absent from reviews recorded before proofs, which verify counts as unproven.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReviewerProof? ReviewerProof { get; init; }
}

/// <summary>A commit that reached production without a release, as a direct-push review acknowledges it.</summary>
internal sealed record RecordDirectPush(string Sha, string Subject, string Author, string AuthorEmail);
