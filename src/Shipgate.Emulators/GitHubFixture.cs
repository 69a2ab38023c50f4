using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shipgate.Emulators;

/// <summary>
/// What the GitHub emulator knows: accounts and repositories with their pull requests, reviews,
/// commit statuses, check runs and workflow runs. Collections are mutable so a test can change
/// them mid-run (through <see cref="GitHubEmulator.Update"/>); the items are immutable records,
/// replaced with <c>with</c>. Loadable from JSON (camelCase, as written by <see cref="ToJson"/>).
/// </summary>
public sealed class GitHubFixture
{
    /// <summary>Accepted tokens and the login each one authenticates as.</summary>
    public Dictionary<string, string> Tokens { get; init; } = [];

    public List<RepositoryFixture> Repositories { get; init; } = [];

    /// <summary>The repository named "owner/name" (case-insensitive, as GitHub matches it).</summary>
    public RepositoryFixture Repository(string fullName) =>
        FindRepository(fullName) ?? throw new KeyNotFoundException($"no repository {fullName} in the fixture");

    internal RepositoryFixture? FindRepository(string fullName) =>
        Repositories.Find(r => string.Equals(r.FullName, fullName, StringComparison.OrdinalIgnoreCase));

    public static GitHubFixture FromJson(string json) =>
        JsonSerializer.Deserialize<GitHubFixture>(json, FixtureJson.Options) ?? throw new JsonException("empty GitHub fixture");

    public static GitHubFixture Load(string path) => FromJson(File.ReadAllText(path));

    public string ToJson() => JsonSerializer.Serialize(this, FixtureJson.Options);
}

public sealed class RepositoryFixture
{
    public required string Owner { get; init; }
    public required string Name { get; init; }
    public string DefaultBranch { get; set; } = "main";

    /// <summary>Branch heads, so a ref given by branch name resolves to a sha.</summary>
    public Dictionary<string, string> Branches { get; init; } = [];

    public List<PullRequestFixture> PullRequests { get; init; } = [];
    public List<CommitStatusFixture> Statuses { get; init; } = [];
    public List<CheckRunFixture> CheckRuns { get; init; } = [];
    public List<WorkflowRunFixture> WorkflowRuns { get; init; } = [];

    /// <summary>GitHub Releases, one per tag at most (GitHub refuses a second with 422 already_exists).</summary>
    public List<ReleaseFixture> Releases { get; init; } = [];

    /// <summary>GitHub Deployments, each with its statuses, oldest first (GitHubRest.Deployments.cs).</summary>
    public List<DeploymentFixture> Deployments { get; init; } = [];

    /// <summary>The active ruleset rules of each branch, as GET /repos/{owner}/{repo}/rules/branches/{branch} lists them.</summary>
    public Dictionary<string, List<BranchRuleFixture>> BranchRules { get; init; } = [];

    /// <summary>GitHub Environments by name, with their protection rules (GET /repos/{owner}/{repo}/environments/{environment_name}).</summary>
    public Dictionary<string, EnvironmentFixture> Environments { get; init; } = [];

    /// <summary>Every workflow_dispatch event received (POST .../actions/workflows/{workflow_id}/dispatches), oldest first.</summary>
    public List<DispatchFixture> Dispatches { get; init; } = [];

    /// <summary>The repository's <c>url</c> as GraphQL gives it, which git fetches from; its web page when not given (a test names a bare origin).</summary>
    public string? GitUrl { get; init; }

    /// <summary>
    /// A bare origin with <see cref="PushWitness"/>'s hook: GET /repos/{owner}/{repo}/activity answers from the pushes it received.
    /// Without one the repository has no activity. Its tags are the ones a deployment may name.
    /// </summary>
    public string? WitnessedOrigin { get; set; }

    /// <summary>Archived on GitHub: read-only, still listed among its organisation's repositories.</summary>
    public bool IsArchived { get; init; }

    [JsonIgnore]
    public string FullName => $"{Owner}/{Name}";

    [JsonIgnore]
    public string HtmlUrl => $"https://github.com/{FullName}";
}

/// <param name="State">OPEN, MERGED or CLOSED (GraphQL's PullRequestState).</param>
public sealed record PullRequestFixture(
    int Number,
    string Title,
    string Author,
    string HeadRef,
    string BaseRef = "staging",
    string State = "MERGED",
    string Body = "")
{
    public DateTimeOffset CreatedAt { get; init; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public DateTimeOffset? MergedAt { get; init; }
    public string? MergedBy { get; init; }
    public string? MergeCommitSha { get; init; }
    /// <summary>Shas of the PR's commits; with <see cref="MergeCommitSha"/> they answer "which PR holds this commit".</summary>
    public IReadOnlyList<string> Commits { get; init; } = [];
    public IReadOnlyList<ReviewFixture> Reviews { get; init; } = [];

    /// <summary>The message of each of <see cref="Commits"/> (GET .../pulls/{pull_number}/commits); "Commit &lt;sha&gt;" when not given.</summary>
    public IReadOnlyDictionary<string, string> CommitMessages { get; init; } = new Dictionary<string, string>();

    /// <summary>The files the PR changed (GET .../pulls/{pull_number}/files).</summary>
    public IReadOnlyList<PullFileFixture> Files { get; init; } = [];

    /// <summary>Web address; https://github.com/owner/name/pull/N when not given.</summary>
    public string? Url { get; init; }

    [JsonIgnore]
    public bool IsMerged => State == "MERGED";

    /// <summary>The head commit as merged (GraphQL's headRefOid), when it is not the last of <see cref="Commits"/>: a squash-merged PR lists none.</summary>
    public string? Head { get; init; }

    /// <summary><see cref="Head"/>, else the last commit, else a stand-in derived from the number.</summary>
    [JsonIgnore]
    public string HeadSha => Head ?? (Commits.Count > 0 ? Commits[^1] : Number.ToString("x40", CultureInfo.InvariantCulture));

    internal bool Contains(string sha) =>
        string.Equals(MergeCommitSha, sha, StringComparison.OrdinalIgnoreCase)
        || Commits.Any(c => string.Equals(c, sha, StringComparison.OrdinalIgnoreCase));
}

/// <param name="State">APPROVED, CHANGES_REQUESTED, COMMENTED or DISMISSED.</param>
public sealed record ReviewFixture(string Author, string State, DateTimeOffset SubmittedAt, long Id = 0)
{
    /// <summary>The commit the review was given on (GraphQL's PullRequestReview.commit, REST's commit_id); null: the PR's head.</summary>
    public string? Commit { get; init; }

    internal string CommitOf(PullRequestFixture pr) => Commit ?? pr.HeadSha;
}

/// <param name="State">error, failure, pending or success. A later status for the same context replaces an earlier one.</param>
public sealed record CommitStatusFixture(string Sha, string Context, string State, string? TargetUrl = null)
{
    public DateTimeOffset CreatedAt { get; init; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
}

/// <param name="Status">queued, in_progress or completed.</param>
/// <param name="Conclusion">
/// success, failure, neutral, cancelled, skipped, timed_out or action_required; null until completed.
/// A re-run is a new check run with the same name and a higher id.
/// </param>
public sealed record CheckRunFixture(long Id, string Sha, string Name, string Status = "completed", string? Conclusion = "success")
{
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? HtmlUrl { get; init; }
}

/// <param name="Status">queued, in_progress or completed (also requested, waiting, pending).</param>
public sealed record WorkflowRunFixture(
    long Id,
    string Name,
    string HeadSha,
    string HeadBranch,
    string Event = "push",
    string Status = "completed",
    string? Conclusion = "success")
{
    public DateTimeOffset CreatedAt { get; init; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public string? HtmlUrl { get; init; }

    /// <summary>The workflow file; .github/workflows/&lt;name&gt;.yml when not given.</summary>
    public string? Path { get; init; }
    public int RunAttempt { get; init; } = 1;

    /// <summary>Who the run is attributed to, and who started this attempt; the token's login when not given.</summary>
    public string? Actor { get; init; }
    public string? TriggeringActor { get; init; }

    /// <summary>The run's review history (environment approvals and rejections), oldest first.</summary>
    public IReadOnlyList<RunApprovalFixture> Approvals { get; init; } = [];
}

internal static class FixtureJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>A GitHub Release: its tag, title and Markdown body as created or last edited.</summary>
public sealed record ReleaseFixture(long Id, string TagName, string Name, string Body, DateTimeOffset CreatedAt)
{
    public bool Draft { get; init; }
    public bool Prerelease { get; init; }
}

/// <summary>One active rule on a branch: pull_request, update, non_fast_forward, deletion, required_status_checks (with its check contexts).</summary>
public sealed record BranchRuleFixture(string Type, IReadOnlyList<string>? Checks = null);
