using System.Globalization;
using System.Text.Json;
using Shipgate.Integrations;

namespace Shipgate.GitHub;

/// <summary>
/// <see cref="ICodeHost"/> over GitHub: REST for the commit's statuses and check runs, open PRs,
/// Actions runs and the authenticated user; GraphQL for the release's PRs, reviews and
/// commit-to-PR associations, 100 per query. A release of N PRs and C unclaimed commits costs
/// ceil(N/100) + ceil(C/100) GraphQL requests (plus one per further 100 approving reviews of a PR), all sent at once.
/// Every answer is read into its wire type strictly (GitHubWire.cs): CI passes only on an answer of
/// the right shape.
/// </summary>
internal sealed partial class GitHubClient(GitHubHttp http, string owner, string name, string stagingBranch) : ICodeHost, IPushHistory, IActionsEvidence
{
    public string Repository => $"{owner}/{name}";

    /// <summary>Statuses and check runs, asked at once.</summary>
    public async Task<CiVerdict> GetCiVerdictAsync(string sha, IReadOnlyList<string> requiredChecks, CancellationToken ct)
    {
        var (statuses, checkRuns) = await AtOnce.BothAsync(
            token => http.GetAllAsync(Call("/repos/{owner}/{repo}/commits/{ref}/status", sha, $"per_page={GitHubHttp.PerPage}"),
                GitHubRestJson.Default.CombinedStatusWire, page => page.Statuses.Select(s => new StatusContext(s.Context, s.State, s.TargetUrl)), token),
            token => http.GetAllAsync(Call("/repos/{owner}/{repo}/commits/{ref}/check-runs", sha, $"per_page={GitHubHttp.PerPage}"),
                GitHubRestJson.Default.CheckRunsWire,
                page => page.CheckRuns.Select(c => new CheckRun(c.Id, c.Name, c.Status, c.Conclusion, c.HtmlUrl)), token),
            ct);
        return CiJudgement.Judge(sha, statuses, checkRuns, requiredChecks);
    }

    public async Task<IReadOnlyList<OpenPullRequest>> GetOpenPullRequestsAsync(string baseBranch, CancellationToken ct) =>
        await http.GetAllAsync(Call("/repos/{owner}/{repo}/pulls", query: $"state=open&base={Uri.EscapeDataString(baseBranch)}&per_page={GitHubHttp.PerPage}"),
            GitHubRestJson.Default.ListPullWire, page => page.Select(p => new OpenPullRequest(p.Number, p.Title, Login(p.User), p.HtmlUrl)), ct);

    public async Task<string?> GetViewerLoginAsync(CancellationToken ct) =>
        (await http.GetAsync(new RestCall("/user", "/user"), GitHubRestJson.Default.ActorWire, ct)).Login;

    /// <summary>The repository's full name, read with the token: proof the token can read it (doctor).</summary>
    public async Task<string> GetRepositoryNameAsync(CancellationToken ct) =>
        (await http.GetAsync(Call("/repos/{owner}/{repo}"), GitHubRestJson.Default.RepositoryInfoWire, ct)).FullName;

    /// <summary>The repository activity of one branch, every page (the link header's cursor), oldest first.</summary>
    public async Task<IReadOnlyList<RefActivity>> GetBranchActivityAsync(string branch, CancellationToken ct)
    {
        var call = Call("/repos/{owner}/{repo}/activity", query: $"ref={Uri.EscapeDataString("refs/heads/" + branch)}&per_page={GitHubHttp.PerPage}");
        var all = await http.GetAllAsync(call, GitHubRestJson.Default.ListActivityWire,
            page => page.Select(a => new RefActivity(a.Id, a.Before, a.After, a.Ref, a.Timestamp, a.ActivityType, a.Actor?.Login)), ct);
        return [.. all.OrderBy(a => a.Timestamp).ThenBy(a => a.Id)];
    }

    /// <summary>The active rules on a branch from every ruleset (readable with read access, unlike classic protection).</summary>
    public async Task<IReadOnlyList<BranchRule>> GetBranchRulesAsync(string branch, CancellationToken ct)
    {
        const string template = "/repos/{owner}/{repo}/rules/branches/{branch}";
        var call = Call(template, query: $"per_page={GitHubHttp.PerPage}");
        call = call with { Path = call.Path.Replace("{branch}", Uri.EscapeDataString(branch), StringComparison.Ordinal) };
        return await http.GetAllAsync(call, GitHubRestJson.Default.ListBranchRuleWire,
            page => page.Select(r => new BranchRule(r.Type, r.Parameters?.RequiredStatusChecks?.Select(c => c.Context).ToList() ?? [])), ct);
    }

    public async Task<IReadOnlyList<WorkflowRun>> GetWorkflowRunsAsync(string sha, string branch, CancellationToken ct) =>
        await http.GetAllAsync(
            Call("/repos/{owner}/{repo}/actions/runs",
                query: $"head_sha={Uri.EscapeDataString(sha)}&branch={Uri.EscapeDataString(branch)}&per_page={GitHubHttp.PerPage}"),
            GitHubRestJson.Default.WorkflowRunsWire,
            page => page.WorkflowRuns.Select(r => new WorkflowRun(r.Id, r.Name ?? r.DisplayTitle, r.Status ?? RunStatus.Queued, r.Conclusion, r.HtmlUrl)
            {
                StartedAt = r.RunStartedAt,
                UpdatedAt = r.UpdatedAt,
            }), ct);

    /// <summary>
    /// GET the release of the tag (404: none), then PATCH it or POST a new one. A POST refused with 422 (a release for
    /// the tag appeared meanwhile, or an earlier attempt landed unseen) is read again and updated, never duplicated.
    /// </summary>
    public async Task<PublishedRelease> PublishReleaseAsync(ReleaseNotes notes, CancellationToken ct)
    {
        var byTag = Call("/repos/{owner}/{repo}/releases/tags/{tag}", notes.Tag);
        var existing = await http.FindAsync(byTag, GitHubRestJson.Default.ReleaseWire, ct);
        if (existing is null)
        {
            var create = JsonSerializer.Serialize(new CreateReleaseWire(notes.Tag, notes.Name, notes.Body), GitHubRestJson.Default.CreateReleaseWire);
            ApiException refused;
            try
            {
                var created = await http.SendJsonAsync(HttpMethod.Post, Call("/repos/{owner}/{repo}/releases"), create,
                    GitHubRestJson.Default.ReleaseWire, ct);
                return new PublishedRelease(created.HtmlUrl, Created: true);
            }
            catch (ApiException e) when (e.Status == 422)
            {
                refused = e;
            }
            existing = await http.FindAsync(byTag, GitHubRestJson.Default.ReleaseWire, ct) ?? throw refused;
        }
        var edit = JsonSerializer.Serialize(new EditReleaseWire(notes.Name, notes.Body), GitHubRestJson.Default.EditReleaseWire);
        var byId = Call("/repos/{owner}/{repo}/releases/{release_id}", existing.Id.ToString(CultureInfo.InvariantCulture));
        var updated = await http.SendJsonAsync(HttpMethod.Patch, byId, edit, GitHubRestJson.Default.ReleaseWire, ct);
        return new PublishedRelease(updated.HtmlUrl, Created: false);
    }

    public async Task<PullRequestLookup> GetPullRequestsAsync(IReadOnlyCollection<int> numbers, IReadOnlyCollection<string> commitShas, CancellationToken ct)
    {
        var found = new Dictionary<int, PullRequestReader>();
        var byCommit = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var variables = new Dictionary<string, string> { ["owner"] = owner, ["name"] = name };

        // Every batch at once; the answers are read in the order asked, so the first to name a PR is the one kept, as before.
        var byNumbers = numbers.Distinct().Order().Chunk(PullRequestQueries.BatchSize).ToList();
        var byCommits = commitShas.Select(s => s.ToLowerInvariant()).Distinct().Chunk(PullRequestQueries.BatchSize).ToList();
        var (numberAnswers, commitAnswers) = await AtOnce.BothAsync(
            token => AtOnce.AllAsync(byNumbers, (batch, t) =>
                http.GraphQLAsync(PullRequestQueries.ByNumbers(batch), variables, GitHubGraphJson.Default.RepositoryWirePullRequestNode, t), token),
            token => AtOnce.AllAsync(byCommits, (batch, t) =>
                http.GraphQLAsync(PullRequestQueries.ByCommits(batch), variables, GitHubGraphJson.Default.RepositoryWireCommitNode, t), token),
            ct);

        foreach (var (batch, answer) in byNumbers.Zip(numberAnswers))
        {
            foreach (var number in batch)
                if (answer.Repository.GetValueOrDefault($"pr{number}") is { } node)
                    Add(found, node);
        }

        foreach (var (batch, answer) in byCommits.Zip(commitAnswers))
        {
            for (var i = 0; i < batch.Length; i++)
            {
                var merged = answer.Repository.GetValueOrDefault($"c{i}")?.AssociatedPullRequests.Nodes
                    .Where(p => p.State == PullRequestState.Merged)
                    .OrderBy(p => p.BaseRefName == stagingBranch ? 0 : 1)
                    .ThenBy(p => p.MergedAt)
                    .FirstOrDefault();
                if (merged is not null) byCommit[batch[i]] = Add(found, merged);
            }
        }

        await ReadRemainingReviewsAsync(found, variables, ct);
        return new PullRequestLookup(found.ToDictionary(p => p.Key, p => p.Value.Details), byCommit);
    }

    /// <summary>PRs with more than 100 approving reviews: the next pages, up to 100 PRs per query.</summary>
    private async Task ReadRemainingReviewsAsync(Dictionary<int, PullRequestReader> found, Dictionary<string, string> variables, CancellationToken ct)
    {
        while (found.Values.Where(p => p.NextReviews is not null).Take(PullRequestQueries.BatchSize).ToList() is { Count: > 0 } batch)
        {
            var answer = await http.GraphQLAsync(PullRequestQueries.MoreReviews(batch.Select(p => (p.Number, p.NextReviews!))), variables,
                GitHubGraphJson.Default.RepositoryWireReviewPageNode, ct);
            foreach (var reader in batch)
            {
                reader.NextReviews = null;
                if (answer.Repository.GetValueOrDefault($"pr{reader.Number}") is { } page) reader.AddReviews(page.Reviews);
            }
        }
    }

    /// <summary>A call on this repository: <paramref name="template"/> as GitHub's documentation names it, filled in ({ref}, {tag} or {release_id}).</summary>
    private RestCall Call(string template, string? reference = null, string query = "") =>
        new(template, template
            .Replace("{owner}", Uri.EscapeDataString(owner), StringComparison.Ordinal)
            .Replace("{repo}", Uri.EscapeDataString(name), StringComparison.Ordinal)
            .Replace("{ref}", Uri.EscapeDataString(reference ?? ""), StringComparison.Ordinal)
            .Replace("{tag}", Uri.EscapeDataString(reference ?? ""), StringComparison.Ordinal)
            .Replace("{release_id}", Uri.EscapeDataString(reference ?? ""), StringComparison.Ordinal) + (query.Length > 0 ? "?" + query : ""));

    /// <summary>The actor's login; a deleted account is GitHub's "ghost".</summary>
    private static string Login(ActorWire? actor) => actor?.Login ?? "ghost";

    private static int Add(Dictionary<int, PullRequestReader> found, PullRequestNode node)
    {
        if (!found.ContainsKey(node.Number)) found[node.Number] = new PullRequestReader(node);
        return node.Number;
    }

    /// <summary>One PR as read from GraphQL, collecting review pages until there are no more.</summary>
    private sealed class PullRequestReader
    {
        private readonly List<Review> _reviews = [];
        private readonly PullRequestDetails _details;

        public PullRequestReader(PullRequestNode node)
        {
            Number = node.Number;
            _details = new PullRequestDetails(Number, node.Title, node.Url, Login(node.Author), node.MergedAt,
                node.MergedBy is null ? null : Login(node.MergedBy), node.Body, node.HeadRefName, [])
            { HeadSha = node.HeadRefOid, MergeCommitSha = node.MergeCommit?.Oid };
            AddReviews(node.Reviews);
        }

        public int Number { get; }

        /// <summary>The cursor after the last review read, while GitHub has more.</summary>
        public string? NextReviews { get; set; }

        public PullRequestDetails Details => _details with { Reviews = [.. _reviews] };

        public void AddReviews(ReviewConnection connection)
        {
            _reviews.AddRange(connection.Nodes.Select(r => new Review(Login(r.Author), r.State, r.SubmittedAt, r.Commit?.Oid)));
            if (connection.PageInfo is { HasNextPage: true, EndCursor: null })
                throw new ApiException(GitHubHttp.Service,
                    $"GitHub's answer on the reviews of PR #{Number} says more follow but gives no cursor to read them by.");
            NextReviews = connection.PageInfo.HasNextPage ? connection.PageInfo.EndCursor : null;
        }
    }
}

/// <summary>An active rule on a branch: its type (pull_request, update, required_status_checks, ...) and, for status checks, their names.</summary>
internal sealed record BranchRule(string Type, IReadOnlyList<string> Checks);
