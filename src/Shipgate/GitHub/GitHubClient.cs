using System.Text.Json;
using Shipgate.Integrations;

namespace Shipgate.GitHub;

/// <summary>
/// <see cref="ICodeHost"/> over GitHub: REST for the commit's statuses and check runs, open PRs,
/// Actions runs and the authenticated user; GraphQL for the release's PRs, reviews and
/// commit-to-PR associations, 100 per query. A release of N PRs and C unclaimed commits costs
/// ceil(N/100) + ceil(C/100) GraphQL requests (plus one per further 100 approving reviews of a PR).
/// </summary>
public sealed class GitHubClient(GitHubHttp http, string owner, string name, string stagingBranch) : ICodeHost
{
    private readonly string _repoPath = $"/repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(name)}";

    public string Repository => $"{owner}/{name}";

    public async Task<CiVerdict> GetCiVerdictAsync(string sha, IReadOnlyList<string> requiredChecks, CancellationToken ct)
    {
        var commit = Uri.EscapeDataString(sha);
        var statuses = await http.GetAllAsync($"{_repoPath}/commits/{commit}/status?per_page={GitHubHttp.PerPage}",
            root => root.Items("statuses").Select(s => new StatusContext(s.String("context") ?? "status", s.String("state") ?? "pending", s.String("target_url"))), ct);
        var checkRuns = await http.GetAllAsync($"{_repoPath}/commits/{commit}/check-runs?per_page={GitHubHttp.PerPage}",
            root => root.Items("check_runs").Select(c => new CheckRun(c.Long("id") ?? 0, c.String("name") ?? "check", c.String("status") ?? "queued", c.String("conclusion"), c.String("html_url"))), ct);
        return CiJudgement.Judge(sha, statuses, checkRuns, requiredChecks);
    }

    public async Task<IReadOnlyList<OpenPullRequest>> GetOpenPullRequestsAsync(string baseBranch, CancellationToken ct) =>
        await http.GetAllAsync($"{_repoPath}/pulls?state=open&base={Uri.EscapeDataString(baseBranch)}&per_page={GitHubHttp.PerPage}",
            root => root.Items().Select(p => new OpenPullRequest((int)(p.Long("number") ?? 0), p.String("title") ?? "", p.Login("user"), p.String("html_url"))), ct);

    public Task<string?> GetViewerLoginAsync(CancellationToken ct) => http.GetAsync("/user", root => root.String("login"), ct);

    public async Task<IReadOnlyList<WorkflowRun>> GetWorkflowRunsAsync(string sha, string branch, CancellationToken ct) =>
        await http.GetAllAsync($"{_repoPath}/actions/runs?head_sha={Uri.EscapeDataString(sha)}&branch={Uri.EscapeDataString(branch)}&per_page={GitHubHttp.PerPage}",
            root => root.Items("workflow_runs").Select(r => new WorkflowRun(
                r.Long("id") ?? 0, r.String("name") ?? r.String("display_title") ?? "workflow", r.String("status") ?? "queued", r.String("conclusion"), r.String("html_url") ?? "")), ct);

    public async Task<PullRequestLookup> GetPullRequestsAsync(IReadOnlyCollection<int> numbers, IReadOnlyCollection<string> commitShas, CancellationToken ct)
    {
        var found = new Dictionary<int, PullRequestReader>();
        var byCommit = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var variables = new Dictionary<string, string> { ["owner"] = owner, ["name"] = name };

        foreach (var batch in numbers.Distinct().Order().Chunk(PullRequestQueries.BatchSize))
        {
            await http.GraphQLAsync(PullRequestQueries.ByNumbers(batch), variables, data =>
            {
                var repository = Repo(data);
                foreach (var number in batch)
                    if (repository.Field($"pr{number}") is { } node)
                        Add(found, node);
                return true;
            }, ct);
        }

        foreach (var batch in commitShas.Select(s => s.ToLowerInvariant()).Distinct().Chunk(PullRequestQueries.BatchSize))
        {
            await http.GraphQLAsync(PullRequestQueries.ByCommits(batch), variables, data =>
            {
                var repository = Repo(data);
                for (var i = 0; i < batch.Length; i++)
                {
                    var merged = repository.Field($"c{i}")?.Field("associatedPullRequests")?.Items("nodes")
                        .Where(p => p.String("state") == "MERGED")
                        .OrderBy(p => p.String("baseRefName") == stagingBranch ? 0 : 1)
                        .ThenBy(p => p.Time("mergedAt"))
                        .FirstOrDefault();
                    if (merged is not { ValueKind: JsonValueKind.Object } pr) continue;
                    byCommit[batch[i]] = Add(found, pr);
                }
                return true;
            }, ct);
        }

        await ReadRemainingReviewsAsync(found, variables, ct);
        return new PullRequestLookup(found.ToDictionary(p => p.Key, p => p.Value.Details), byCommit);
    }

    /// <summary>PRs with more than 100 approving reviews: the next pages, up to 100 PRs per query.</summary>
    private async Task ReadRemainingReviewsAsync(Dictionary<int, PullRequestReader> found, Dictionary<string, string> variables, CancellationToken ct)
    {
        while (found.Values.Where(p => p.NextReviews is not null).Take(PullRequestQueries.BatchSize).ToList() is { Count: > 0 } batch)
        {
            await http.GraphQLAsync(PullRequestQueries.MoreReviews(batch.Select(p => (p.Number, p.NextReviews!))), variables, data =>
            {
                var repository = Repo(data);
                foreach (var reader in batch)
                {
                    reader.NextReviews = null;
                    if (repository.Field($"pr{reader.Number}")?.Field("reviews") is { } reviews) reader.AddReviews(reviews);
                }
                return true;
            }, ct);
        }
    }

    private static JsonElement Repo(JsonElement data) =>
        data.Field("repository") ?? throw new ApiException(GitHubHttp.Service, "GitHub's GraphQL answer has no repository.");

    private static int Add(Dictionary<int, PullRequestReader> found, JsonElement node)
    {
        var number = (int)(node.Long("number") ?? 0);
        if (!found.ContainsKey(number)) found[number] = new PullRequestReader(node);
        return number;
    }

    /// <summary>One PR as read from GraphQL, collecting review pages until there are no more.</summary>
    private sealed class PullRequestReader
    {
        private readonly List<Review> _reviews = [];
        private readonly PullRequestDetails _details;

        public PullRequestReader(JsonElement node)
        {
            Number = (int)(node.Long("number") ?? 0);
            _details = new PullRequestDetails(Number, node.String("title") ?? "", node.String("url") ?? "", node.Login("author"),
                node.Time("mergedAt"), node.Field("mergedBy") is null ? null : node.Login("mergedBy"), node.String("body") ?? "",
                node.String("headRefName"), []);
            if (node.Field("reviews") is { } reviews) AddReviews(reviews);
        }

        public int Number { get; }

        /// <summary>The cursor after the last review read, while GitHub has more.</summary>
        public string? NextReviews { get; set; }

        public PullRequestDetails Details => _details with { Reviews = [.. _reviews] };

        public void AddReviews(JsonElement connection)
        {
            _reviews.AddRange(connection.Items("nodes").Select(r => new Review(r.Login("author"), r.String("state") ?? "", r.Time("submittedAt"))));
            var page = connection.Field("pageInfo");
            NextReviews = page is { } info && info.Bool("hasNextPage") ? info.String("endCursor") : null;
        }
    }
}
