using GraphQL;

namespace Shipgate.Emulators;

/// <summary>
/// The fixture as GitHub's GraphQL object graph: dictionaries keyed by field name, with
/// <see cref="GraphResolver"/> values for the fields that take arguments.
/// </summary>
internal sealed class GitHubGraph(GitHubFixture state, string login, Func<Dictionary<string, object?>> rateLimit)
{
    public Dictionary<string, object?> Query() => new()
    {
        ["__typename"] = "Query",
        ["viewer"] = User(login),
        ["rateLimit"] = (GraphResolver)(_ => rateLimit()),
        ["organization"] = (GraphResolver)(ctx =>
        {
            var organization = ctx.GetArgument<string>("login");
            // An organisation is known by its repositories: the fixture lists repositories, each with its owner.
            var repositories = state.Repositories.Where(r => string.Equals(r.Owner, organization, StringComparison.OrdinalIgnoreCase)).ToList();
            return repositories.Count > 0
                ? Organization(repositories[0].Owner, repositories)
                : throw new ServiceError($"Could not resolve to an Organization with the login of '{organization}'.", "NOT_FOUND");
        }),
        ["repository"] = (GraphResolver)(ctx =>
        {
            var fullName = $"{ctx.GetArgument<string>("owner")}/{ctx.GetArgument<string>("name")}";
            return state.FindRepository(fullName) is { } repo
                ? Repository(repo)
                : throw new ServiceError($"Could not resolve to a Repository with the name '{fullName}'.", "NOT_FOUND");
        }),
    };

    /// <summary>An organisation and its repositories, oldest first as the fixture lists them, in pages of at most 100.</summary>
    private Dictionary<string, object?> Organization(string organization, List<RepositoryFixture> repositories) => new()
    {
        ["__typename"] = "Organization",
        ["id"] = Wire.NodeId("O", organization),
        ["login"] = organization,
        ["name"] = organization,
        ["url"] = $"https://github.com/{organization}",
        ["repositories"] = (GraphResolver)(ctx =>
        {
            IEnumerable<RepositoryFixture> listed = repositories;
            if (ctx.GetArgument<bool?>("isArchived") is { } archived) listed = listed.Where(r => r.IsArchived == archived);
            return RelayPaging.Page(ctx, [.. listed.Select(r => (object?)Repository(r))], 100, 100);
        }),
    };

    private Dictionary<string, object?> Repository(RepositoryFixture repo) => new()
    {
        ["__typename"] = "Repository",
        ["id"] = Wire.NodeId("R", repo.FullName),
        ["name"] = repo.Name,
        ["nameWithOwner"] = repo.FullName,
        ["owner"] = new Dictionary<string, object?> { ["__typename"] = "Organization", ["login"] = repo.Owner },
        ["url"] = repo.GitUrl ?? repo.HtmlUrl,
        ["isPrivate"] = true,
        ["isArchived"] = repo.IsArchived,
        ["ref"] = (GraphResolver)(ctx =>
        {
            // Fully qualified names first, then short ones, as GitHub resolves them; only branches are known here.
            var name = ctx.GetArgument<string>("qualifiedName");
            var branch = name.StartsWith("refs/heads/", StringComparison.Ordinal) ? name["refs/heads/".Length..] : name;
            return repo.Branches.ContainsKey(branch)
                ? new Dictionary<string, object?>
                {
                    ["__typename"] = "Ref",
                    ["id"] = Wire.NodeId("REF", $"{repo.FullName}/{branch}"),
                    ["name"] = branch,
                    ["prefix"] = "refs/heads/",
                }
                : null;
        }),
        ["defaultBranchRef"] = new Dictionary<string, object?>
        {
            ["__typename"] = "Ref",
            ["name"] = repo.DefaultBranch,
            ["prefix"] = "refs/heads/",
        },
        ["pullRequest"] = (GraphResolver)(ctx =>
        {
            var number = ctx.GetArgument<int>("number");
            // GitHub answers null and a NOT_FOUND error at this path; the rest of a batch still resolves.
            return repo.PullRequests.Find(p => p.Number == number) is { } pr
                ? PullRequest(repo, pr)
                : throw new ServiceError($"Could not resolve to a PullRequest with the number of {number}.", "NOT_FOUND");
        }),
        ["pullRequests"] = (GraphResolver)(ctx => RelayPaging.Page(ctx, PullRequests(repo, ctx), 100, 100)),
        ["object"] = (GraphResolver)(ctx =>
            ctx.GetArgument<string?>("oid") is { } oid && Wire.IsSha(oid) ? Commit(repo, oid.ToLowerInvariant()) : null),
    };

    private List<object?> PullRequests(RepositoryFixture repo, IResolveFieldContext ctx)
    {
        IEnumerable<PullRequestFixture> pulls = repo.PullRequests;
        if (ctx.GetArgument<List<object>?>("states") is { } states)
        {
            pulls = pulls.Where(p => states.Any(s => s.ToString() == p.State));
        }
        if (ctx.GetArgument<string?>("baseRefName") is { } baseRef)
        {
            pulls = pulls.Where(p => p.BaseRef == baseRef);
        }
        if (ctx.GetArgument<string?>("headRefName") is { } headRef)
        {
            pulls = pulls.Where(p => p.HeadRef == headRef);
        }
        // Without orderBy GitHub lists oldest first.
        var orderBy = ctx.GetArgument<Dictionary<string, object?>?>("orderBy");
        Func<PullRequestFixture, DateTimeOffset> key = orderBy?["field"]?.ToString() == "UPDATED_AT"
            ? p => p.MergedAt ?? p.CreatedAt
            : p => p.CreatedAt;
        pulls = orderBy?["direction"]?.ToString() == "DESC"
            ? pulls.OrderByDescending(key).ThenByDescending(p => p.Number)
            : pulls.OrderBy(key).ThenBy(p => p.Number);
        return [.. pulls.Select(p => PullRequest(repo, p))];
    }

    private Dictionary<string, object?> PullRequest(RepositoryFixture repo, PullRequestFixture pr) => new()
    {
        ["__typename"] = "PullRequest",
        ["id"] = Wire.NodeId("PR", $"{repo.FullName}/{pr.Number}"),
        ["number"] = pr.Number,
        ["title"] = pr.Title,
        ["body"] = pr.Body,
        ["url"] = GitHubRest.PullUrl(repo, pr),
        ["permalink"] = GitHubRest.PullUrl(repo, pr),
        ["state"] = pr.State,
        ["merged"] = pr.IsMerged,
        ["closed"] = pr.State != "OPEN",
        ["isDraft"] = false,
        ["createdAt"] = Wire.Time(pr.CreatedAt),
        ["updatedAt"] = Wire.Time(pr.MergedAt ?? pr.CreatedAt),
        ["mergedAt"] = Wire.Time(pr.MergedAt),
        ["closedAt"] = pr.State == "OPEN" ? null : Wire.Time(pr.MergedAt ?? pr.CreatedAt),
        ["headRefName"] = pr.HeadRef,
        ["headRefOid"] = pr.HeadSha,
        ["baseRefName"] = pr.BaseRef,
        ["author"] = User(pr.Author),
        ["mergedBy"] = pr.MergedBy is { } by ? User(by) : null,
        ["mergeCommit"] = pr.MergeCommitSha is { } sha ? Commit(repo, sha) : null,
        ["repository"] = (GraphResolver)(_ => Repository(repo)),
        ["reviews"] = (GraphResolver)(ctx => RelayPaging.Page(ctx, Reviews(repo, pr, ctx), 100, 100)),
        ["commits"] = (GraphResolver)(ctx => RelayPaging.Page(ctx, [.. pr.Commits.Select(c => (object?)new Dictionary<string, object?>
        {
            ["__typename"] = "PullRequestCommit",
            ["id"] = Wire.NodeId("PURC", $"{repo.FullName}/{pr.Number}/{c}"),
            ["commit"] = Commit(repo, c),
            ["url"] = $"{GitHubRest.PullUrl(repo, pr)}/commits/{c}",
        })], 100, 100)),
    };

    private List<object?> Reviews(RepositoryFixture repo, PullRequestFixture pr, IResolveFieldContext ctx)
    {
        var states = ctx.GetArgument<List<object>?>("states");
        var author = ctx.GetArgument<string?>("author");
        return [.. pr.Reviews
            .Select((r, i) => (review: r, index: i))
            .Where(x => states is null || states.Any(s => s.ToString() == x.review.State))
            .Where(x => author is null || x.review.Author == author)
            .Select(x => (object?)new Dictionary<string, object?>
            {
                ["__typename"] = "PullRequestReview",
                ["id"] = Wire.NodeId("PRR", $"{repo.FullName}/{pr.Number}/{x.index}"),
                ["databaseId"] = GitHubRest.ReviewId(pr, x.review, x.index),
                ["author"] = User(x.review.Author),
                ["state"] = x.review.State,
                ["body"] = "",
                ["submittedAt"] = Wire.Time(x.review.SubmittedAt),
                ["createdAt"] = Wire.Time(x.review.SubmittedAt),
                ["commit"] = Commit(repo, x.review.CommitOf(pr)),
                ["url"] = $"{GitHubRest.PullUrl(repo, pr)}#pullrequestreview-{GitHubRest.ReviewId(pr, x.review, x.index)}",
            })];
    }

    /// <summary>Any well-formed oid is taken for a commit of the repository: the fixture lists PR commits only.</summary>
    private Dictionary<string, object?> Commit(RepositoryFixture repo, string oid) => new()
    {
        ["__typename"] = "Commit",
        ["id"] = Wire.NodeId("C", $"{repo.FullName}/{oid}"),
        ["oid"] = oid,
        ["abbreviatedOid"] = oid[..7],
        ["url"] = $"{repo.HtmlUrl}/commit/{oid}",
        ["associatedPullRequests"] = (GraphResolver)(ctx => RelayPaging.Page(
            ctx, [.. repo.PullRequests.Where(p => p.Contains(oid)).Select(p => (object?)PullRequest(repo, p))], 100, 100)),
    };

    private static Dictionary<string, object?> User(string name) => new()
    {
        ["__typename"] = "User",
        ["id"] = Wire.NodeId("U", name),
        ["login"] = name,
        ["name"] = name,
        ["url"] = $"https://github.com/{name}",
        ["databaseId"] = Wire.StableId(name),
    };
}
