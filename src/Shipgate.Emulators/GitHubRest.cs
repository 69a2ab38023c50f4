using System.Globalization;
using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>A REST answer before the spec completes it: only the fields that carry meaning.</summary>
internal sealed record RestAnswer(int StatusCode, JsonNode Body, string? Link = null);

/// <summary>
/// The GitHub REST operations the emulator serves, each answering from the fixture as
/// github.com does (filters, ordering, "latest" check runs, combined status rules, pagination).
/// </summary>
internal sealed partial class GitHubRest(GitHubFixture state, EmulatorRequest request, string apiRoot, string login)
{
    private const string Docs = "https://docs.github.com/rest";

    /// <summary>The answer for <paramref name="operation"/>, or null when the emulator does not serve it.</summary>
    public RestAnswer? Handle(RestOperation operation, IReadOnlyDictionary<string, string> path)
    {
        if (operation.PathTemplate == "/user")
        {
            return operation.Method == "GET" ? new RestAnswer(200, User(login, withProfile: true)) : null;
        }
        if (!path.TryGetValue("owner", out var owner) || !path.TryGetValue("repo", out var name))
        {
            return null;
        }
        if (state.FindRepository($"{owner}/{name}") is not { } repo)
        {
            return NotFound();
        }
        return (operation.Method, operation.PathTemplate) switch
        {
            ("GET", "/repos/{owner}/{repo}") => new RestAnswer(200, Repository(repo)),
            ("GET", "/repos/{owner}/{repo}/commits/{ref}/status") => CombinedStatus(repo, path["ref"]),
            ("GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs") => CheckRuns(repo, path["ref"]),
            ("GET", "/repos/{owner}/{repo}/pulls") => PullRequests(repo),
            ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}") =>
                FindPull(repo, path["pull_number"]) is { } pr ? new RestAnswer(200, PullRequest(repo, pr, full: true)) : NotFound(),
            ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews") =>
                FindPull(repo, path["pull_number"]) is { } pr ? Reviews(repo, pr) : NotFound(),
            ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/commits") =>
                FindPull(repo, path["pull_number"]) is { } pr ? PullCommits(repo, pr) : NotFound(),
            ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/files") =>
                FindPull(repo, path["pull_number"]) is { } pr ? PullFiles(repo, pr) : NotFound(),
            ("GET", "/repos/{owner}/{repo}/commits/{commit_sha}/pulls") => Paged(
                repo.PullRequests.Where(p => p.Contains(path["commit_sha"])).Select(p => PullRequest(repo, p, full: false))),
            ("GET", "/repos/{owner}/{repo}/actions/runs") => WorkflowRuns(repo),
            ("GET", "/repos/{owner}/{repo}/actions/runs/{run_id}") =>
                FindRun(repo, path["run_id"]) is { } run ? new RestAnswer(200, WorkflowRun(repo, run)) : NotFound(),
            ("GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/approvals") =>
                FindRun(repo, path["run_id"]) is { } run ? RunApprovals(repo, run) : NotFound(),
            ("GET", "/repos/{owner}/{repo}/environments/{environment_name}") => Environment(repo, Uri.UnescapeDataString(path["environment_name"])),
            ("POST", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches") => Dispatch(repo, Uri.UnescapeDataString(path["workflow_id"])),
            ("GET", "/repos/{owner}/{repo}/releases/tags/{tag}") =>
                repo.Releases.Find(r => r.TagName == path["tag"]) is { } release ? new RestAnswer(200, Release(repo, release)) : NotFound(),
            ("GET", "/repos/{owner}/{repo}/releases/{release_id}") =>
                FindRelease(repo, path["release_id"]) is { } release ? new RestAnswer(200, Release(repo, release)) : NotFound(),
            ("POST", "/repos/{owner}/{repo}/releases") => CreateRelease(repo),
            ("PATCH", "/repos/{owner}/{repo}/releases/{release_id}") =>
                FindRelease(repo, path["release_id"]) is { } release ? EditRelease(repo, release) : NotFound(),
            ("GET", "/repos/{owner}/{repo}/activity") => new GitHubActivity(this, request).List(repo),
            ("GET", "/repos/{owner}/{repo}/rules/branches/{branch}") => Paged(
                repo.BranchRules.GetValueOrDefault(path["branch"], []).Select(BranchRule)),
            (_, "/repos/{owner}/{repo}/deployments" or "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses") =>
                Deployments(repo, operation.Method, path),
            _ => null,
        };
    }

    /// <summary>A rule as GitHub lists it for a branch: its type, the ruleset it comes from, and the parameters its type requires.</summary>
    private static JsonObject BranchRule(BranchRuleFixture rule)
    {
        var node = new JsonObject { ["type"] = rule.Type, ["ruleset_source_type"] = "Repository", ["ruleset_source"] = "acme/rules", ["ruleset_id"] = 1 };
        node["parameters"] = rule.Type switch
        {
            "required_status_checks" => new JsonObject
            {
                ["required_status_checks"] = new JsonArray((rule.Checks ?? []).Select(c => (JsonNode)new JsonObject { ["context"] = c }).ToArray()),
                ["strict_required_status_checks_policy"] = false,
            },
            "pull_request" => new JsonObject
            {
                ["dismiss_stale_reviews_on_push"] = false,
                ["require_code_owner_review"] = false,
                ["require_last_push_approval"] = false,
                ["required_approving_review_count"] = 1,
                ["required_review_thread_resolution"] = false,
            },
            "update" => new JsonObject { ["update_allows_fetch_and_merge"] = false },
            _ => null,
        };
        if (node["parameters"] is null) node.Remove("parameters");
        return node;
    }

    public static JsonObject Error(string message, string status) =>
        new() { ["message"] = message, ["documentation_url"] = Docs, ["status"] = status };

    private static RestAnswer NotFound() => new(404, Error("Not Found", "404"));

    private static RestAnswer NoCommit(string reference) => new(422, Error($"No commit found for SHA: {reference}", "422"));

    private string? ResolveSha(RepositoryFixture repo, string reference) =>
        Wire.IsSha(reference) ? reference.ToLowerInvariant()
        : repo.Branches.TryGetValue(reference.StartsWith("heads/", StringComparison.Ordinal) ? reference[6..] : reference, out var sha) ? sha
        : null;

    private JsonObject Branch(RepositoryFixture repo, string reference, string sha) => new()
    {
        ["label"] = $"{repo.Owner}:{reference}",
        ["ref"] = reference,
        ["sha"] = sha,
        ["user"] = User(repo.Owner, "Organization"),
        ["repo"] = Repository(repo),
    };

    internal JsonObject Repository(RepositoryFixture repo) => new()
    {
        ["id"] = Wire.StableId(repo.FullName),
        ["node_id"] = Wire.NodeId("R", repo.FullName),
        ["name"] = repo.Name,
        ["full_name"] = repo.FullName,
        ["owner"] = User(repo.Owner, "Organization"),
        ["private"] = true,
        ["visibility"] = "private",
        ["html_url"] = repo.HtmlUrl,
        ["url"] = $"{apiRoot}/repos/{repo.FullName}",
        ["default_branch"] = repo.DefaultBranch,
        ["fork"] = false,
        ["description"] = null,
    };

    internal JsonObject User(string name, string type = "User", bool withProfile = false)
    {
        var user = new JsonObject
        {
            ["login"] = name,
            ["id"] = Wire.StableId(name),
            ["node_id"] = Wire.NodeId(type == "User" ? "U" : "O", name),
            ["type"] = type,
            ["site_admin"] = false,
            ["html_url"] = $"https://github.com/{name}",
            ["url"] = $"{apiRoot}/users/{name}",
            ["avatar_url"] = $"https://avatars.githubusercontent.com/u/{Wire.StableId(name)}",
        };
        if (withProfile)
        {
            user["name"] = name;
            user["created_at"] = Wire.Time(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
            user["updated_at"] = Wire.Time(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        }
        return user;
    }

    private RestAnswer Paged(IEnumerable<JsonObject> items)
    {
        var (page, link) = Paginate(items.ToList());
        return new RestAnswer(200, new JsonArray([.. page]), link);
    }

    /// <summary>per_page (default 30, at most 100) and page, with GitHub's link header.</summary>
    private (IReadOnlyList<T> Page, string? Link) Paginate<T>(IReadOnlyList<T> all)
    {
        var perPage = int.TryParse(request.QueryValue("per_page"), CultureInfo.InvariantCulture, out var pp) && pp > 0 ? Math.Min(pp, 100) : 30;
        var page = int.TryParse(request.QueryValue("page"), CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var last = Math.Max(1, (all.Count + perPage - 1) / perPage);
        var links = new List<string>();
        if (page < last)
        {
            links.Add($"<{PageUrl(page + 1)}>; rel=\"next\"");
            links.Add($"<{PageUrl(last)}>; rel=\"last\"");
        }
        if (page > 1)
        {
            links.Add($"<{PageUrl(1)}>; rel=\"first\"");
            links.Add($"<{PageUrl(Math.Min(page - 1, last))}>; rel=\"prev\"");
        }
        var slice = all.Skip((int)Math.Min((long)(page - 1) * perPage, all.Count)).Take(perPage).ToList();
        return (slice, links.Count == 0 ? null : string.Join(", ", links));
    }

    private string PageUrl(int page)
    {
        var pairs = request.QueryPairs.Where(q => q.Key != "page")
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}")
            .Append($"page={page}");
        return $"{request.BaseUrl}{request.Path}?{string.Join('&', pairs)}";
    }
}
