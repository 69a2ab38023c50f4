using System.Globalization;
using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>A REST answer before the spec completes it: only the fields that carry meaning.</summary>
internal sealed record RestAnswer(int StatusCode, JsonNode Body, string? Link = null);

/// <summary>
/// The GitHub REST operations the emulator serves, each answering from the fixture as
/// github.com does (filters, ordering, "latest" check runs, combined status rules, pagination).
/// </summary>
internal sealed class GitHubRest(GitHubFixture state, EmulatorRequest request, string apiRoot, string login)
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
            ("GET", "/repos/{owner}/{repo}/commits/{commit_sha}/pulls") => Paged(
                repo.PullRequests.Where(p => p.Contains(path["commit_sha"])).Select(p => PullRequest(repo, p, full: false))),
            ("GET", "/repos/{owner}/{repo}/actions/runs") => WorkflowRuns(repo),
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

    private RestAnswer CombinedStatus(RepositoryFixture repo, string reference)
    {
        if (ResolveSha(repo, reference) is not { } sha)
        {
            return NoCommit(reference);
        }
        // The latest status of each context counts; GitHub lists them newest first.
        var latest = repo.Statuses
            .Where(s => string.Equals(s.Sha, sha, StringComparison.OrdinalIgnoreCase))
            .GroupBy(s => s.Context)
            .Select(g => g.Last())
            .Reverse()
            .ToList();
        var combined = latest.Any(s => s.State is "error" or "failure") ? "failure"
            : latest.Count == 0 || latest.Any(s => s.State == "pending") ? "pending"
            : "success";
        var (page, link) = Paginate(latest);
        var body = new JsonObject
        {
            ["state"] = combined,
            ["sha"] = sha,
            ["total_count"] = latest.Count,
            ["statuses"] = new JsonArray([.. page.Select((s, i) => (JsonNode)new JsonObject
            {
                ["id"] = Wire.StableId($"{repo.FullName}/{sha}/{s.Context}/{i}"),
                ["node_id"] = Wire.NodeId("SC", $"{sha}/{s.Context}"),
                ["url"] = $"{apiRoot}/repos/{repo.FullName}/statuses/{sha}",
                ["state"] = s.State,
                ["context"] = s.Context,
                ["description"] = null,
                ["target_url"] = s.TargetUrl,
                ["created_at"] = Wire.Time(s.CreatedAt),
                ["updated_at"] = Wire.Time(s.CreatedAt),
            })]),
            ["repository"] = Repository(repo),
            ["commit_url"] = $"{apiRoot}/repos/{repo.FullName}/commits/{sha}",
            ["url"] = $"{apiRoot}/repos/{repo.FullName}/commits/{sha}/status",
        };
        return new RestAnswer(200, body, link);
    }

    private RestAnswer CheckRuns(RepositoryFixture repo, string reference)
    {
        if (ResolveSha(repo, reference) is not { } sha)
        {
            return NoCommit(reference);
        }
        var runs = repo.CheckRuns.Where(c => string.Equals(c.Sha, sha, StringComparison.OrdinalIgnoreCase));
        if (request.QueryValue("filter") != "all")
        {
            // "latest" (the default): a re-run hides the earlier runs of the same name.
            runs = runs.GroupBy(c => c.Name).Select(g => g.MaxBy(c => c.Id)!);
        }
        if (request.QueryValue("check_name") is { } checkName)
        {
            runs = runs.Where(c => c.Name == checkName);
        }
        if (request.QueryValue("status") is { } status)
        {
            runs = runs.Where(c => c.Status == status);
        }
        var all = runs.OrderByDescending(c => c.Id).ToList();
        var (page, link) = Paginate(all);
        var body = new JsonObject
        {
            ["total_count"] = all.Count,
            ["check_runs"] = new JsonArray([.. page.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["node_id"] = Wire.NodeId("CR", c.Id.ToString(CultureInfo.InvariantCulture)),
                ["head_sha"] = sha,
                ["name"] = c.Name,
                ["status"] = c.Status,
                ["conclusion"] = c.Conclusion,
                ["started_at"] = Wire.Time(c.StartedAt),
                ["completed_at"] = Wire.Time(c.CompletedAt),
                ["html_url"] = c.HtmlUrl ?? $"{repo.HtmlUrl}/runs/{c.Id}",
                ["details_url"] = c.HtmlUrl ?? $"{repo.HtmlUrl}/runs/{c.Id}",
                ["url"] = $"{apiRoot}/repos/{repo.FullName}/check-runs/{c.Id}",
                ["external_id"] = "",
                ["output"] = new JsonObject { ["title"] = null, ["summary"] = null, ["text"] = null, ["annotations_count"] = 0 },
                ["check_suite"] = new JsonObject { ["id"] = Wire.StableId($"suite/{sha}/{c.Name}") },
                ["app"] = new JsonObject { ["id"] = 15368, ["slug"] = "github-actions", ["name"] = "GitHub Actions" },
                ["pull_requests"] = new JsonArray(),
            })]),
        };
        return new RestAnswer(200, body, link);
    }

    private RestAnswer PullRequests(RepositoryFixture repo)
    {
        IEnumerable<PullRequestFixture> pulls = repo.PullRequests;
        pulls = (request.QueryValue("state") ?? "open") switch
        {
            "open" => pulls.Where(p => p.State == "OPEN"),
            "closed" => pulls.Where(p => p.State != "OPEN"),
            _ => pulls,
        };
        if (request.QueryValue("base") is { } baseRef)
        {
            pulls = pulls.Where(p => p.BaseRef == baseRef);
        }
        if (request.QueryValue("head") is { } head)
        {
            // "user:ref-name"; the user part names the fork owner, always the repo owner here.
            var parts = head.Split(':', 2);
            pulls = parts.Length == 2 && !string.Equals(parts[0], repo.Owner, StringComparison.OrdinalIgnoreCase)
                ? []
                : pulls.Where(p => p.HeadRef == parts[^1]);
        }
        var sort = request.QueryValue("sort") ?? "created";
        Func<PullRequestFixture, DateTimeOffset> key = sort == "updated" ? p => p.MergedAt ?? p.CreatedAt : p => p.CreatedAt;
        var descending = (request.QueryValue("direction") ?? (sort == "created" ? "desc" : "asc")) == "desc";
        pulls = descending ? pulls.OrderByDescending(key).ThenByDescending(p => p.Number) : pulls.OrderBy(key).ThenBy(p => p.Number);
        return Paged(pulls.Select(p => PullRequest(repo, p, full: false)));
    }

    private RestAnswer Reviews(RepositoryFixture repo, PullRequestFixture pr) => Paged(pr.Reviews.Select((r, i) => new JsonObject
    {
        ["id"] = ReviewId(pr, r, i),
        ["node_id"] = Wire.NodeId("PRR", $"{repo.FullName}/{pr.Number}/{i}"),
        ["user"] = User(r.Author),
        ["body"] = "",
        ["state"] = r.State,
        ["submitted_at"] = Wire.Time(r.SubmittedAt),
        ["commit_id"] = r.CommitOf(pr),
        ["html_url"] = $"{PullUrl(repo, pr)}#pullrequestreview-{ReviewId(pr, r, i)}",
        ["pull_request_url"] = $"{apiRoot}/repos/{repo.FullName}/pulls/{pr.Number}",
        ["author_association"] = "MEMBER",
        ["_links"] = new JsonObject
        {
            ["html"] = new JsonObject { ["href"] = PullUrl(repo, pr) },
            ["pull_request"] = new JsonObject { ["href"] = $"{apiRoot}/repos/{repo.FullName}/pulls/{pr.Number}" },
        },
    }));

    internal static long ReviewId(PullRequestFixture pr, ReviewFixture review, int index) =>
        review.Id != 0 ? review.Id : pr.Number * 1000L + index + 1;

    private RestAnswer WorkflowRuns(RepositoryFixture repo)
    {
        IEnumerable<WorkflowRunFixture> runs = repo.WorkflowRuns;
        if (request.QueryValue("head_sha") is { } sha)
        {
            runs = runs.Where(r => string.Equals(r.HeadSha, sha, StringComparison.OrdinalIgnoreCase));
        }
        if (request.QueryValue("branch") is { } branch)
        {
            runs = runs.Where(r => r.HeadBranch == branch);
        }
        if (request.QueryValue("event") is { } eventName)
        {
            runs = runs.Where(r => r.Event == eventName);
        }
        if (request.QueryValue("status") is { } status)
        {
            // GitHub's status filter takes a status or a conclusion.
            runs = runs.Where(r => r.Status == status || r.Conclusion == status);
        }
        var all = runs.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).ToList();
        var (page, link) = Paginate(all);
        var body = new JsonObject
        {
            ["total_count"] = all.Count,
            ["workflow_runs"] = new JsonArray([.. page.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id,
                ["name"] = r.Name,
                ["display_title"] = r.Name,
                ["node_id"] = Wire.NodeId("WFR", r.Id.ToString(CultureInfo.InvariantCulture)),
                ["head_branch"] = r.HeadBranch,
                ["head_sha"] = r.HeadSha,
                ["path"] = $".github/workflows/{r.Name.ToLowerInvariant().Replace(' ', '-')}.yml",
                ["run_number"] = r.Id,
                ["run_attempt"] = 1,
                ["event"] = r.Event,
                ["status"] = r.Status,
                ["conclusion"] = r.Conclusion,
                ["workflow_id"] = Wire.StableId($"{repo.FullName}/workflow/{r.Name}"),
                ["url"] = $"{apiRoot}/repos/{repo.FullName}/actions/runs/{r.Id}",
                ["html_url"] = r.HtmlUrl ?? $"{repo.HtmlUrl}/actions/runs/{r.Id}",
                ["created_at"] = Wire.Time(r.CreatedAt),
                ["updated_at"] = Wire.Time(r.CreatedAt),
                ["run_started_at"] = Wire.Time(r.CreatedAt),
                ["pull_requests"] = new JsonArray(),
                ["head_commit"] = null,
                ["actor"] = User(login),
                ["triggering_actor"] = User(login),
                ["repository"] = Repository(repo),
                ["head_repository"] = Repository(repo),
            })]),
        };
        return new RestAnswer(200, body, link);
    }

    /// <summary>GitHub's longest release body, in characters.</summary>
    public const int ReleaseBodyLimit = 125_000;

    private static ReleaseFixture? FindRelease(RepositoryFixture repo, string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? repo.Releases.Find(r => r.Id == n) : null;

    private JsonObject? JsonBody() =>
        JsonNode.Parse(string.IsNullOrEmpty(request.Body) ? "null" : request.Body) as JsonObject;

    private static RestAnswer Invalid(string field, string code) => new(422, new JsonObject
    {
        ["message"] = "Validation Failed",
        ["errors"] = new JsonArray(new JsonObject { ["resource"] = "Release", ["code"] = code, ["field"] = field }),
        ["documentation_url"] = Docs,
        ["status"] = "422",
    });

    /// <summary>POST .../releases: one release per tag; a body past GitHub's limit is refused.</summary>
    private RestAnswer CreateRelease(RepositoryFixture repo)
    {
        if (JsonBody() is not { } body || body["tag_name"]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return Invalid("tag_name", "missing_field");
        }
        var tag = body["tag_name"]!.GetValue<string>();
        if (repo.Releases.Any(r => r.TagName == tag))
        {
            return Invalid("tag_name", "already_exists");
        }
        var text = body["body"]?.GetValue<string>() ?? "";
        if (text.Length > ReleaseBodyLimit)
        {
            return Invalid("body", "custom");
        }
        var release = new ReleaseFixture(repo.Releases.Count == 0 ? 7001 : repo.Releases.Max(r => r.Id) + 1, tag,
            body["name"]?.GetValue<string>() ?? tag, text, DateTimeOffset.UtcNow)
        {
            Draft = body["draft"]?.GetValue<bool>() ?? false,
            Prerelease = body["prerelease"]?.GetValue<bool>() ?? false,
        };
        repo.Releases.Add(release);
        return new RestAnswer(201, Release(repo, release));
    }

    /// <summary>PATCH .../releases/{release_id}: the fields given replace the release's.</summary>
    private RestAnswer EditRelease(RepositoryFixture repo, ReleaseFixture release)
    {
        var body = JsonBody() ?? [];
        var text = body["body"]?.GetValue<string>() ?? release.Body;
        if (text.Length > ReleaseBodyLimit)
        {
            return Invalid("body", "custom");
        }
        var edited = release with { Name = body["name"]?.GetValue<string>() ?? release.Name, Body = text };
        repo.Releases[repo.Releases.IndexOf(release)] = edited;
        return new RestAnswer(200, Release(repo, edited));
    }

    private JsonObject Release(RepositoryFixture repo, ReleaseFixture release)
    {
        var api = $"{apiRoot}/repos/{repo.FullName}/releases/{release.Id}";
        return new JsonObject
        {
            ["id"] = release.Id,
            ["node_id"] = Wire.NodeId("RE", release.Id.ToString(CultureInfo.InvariantCulture)),
            ["url"] = api,
            ["html_url"] = $"{repo.HtmlUrl}/releases/tag/{Uri.EscapeDataString(release.TagName)}",
            ["assets_url"] = $"{api}/assets",
            ["upload_url"] = $"https://uploads.github.com/repos/{repo.FullName}/releases/{release.Id}/assets{{?name,label}}",
            ["tarball_url"] = $"{apiRoot}/repos/{repo.FullName}/tarball/{release.TagName}",
            ["zipball_url"] = $"{apiRoot}/repos/{repo.FullName}/zipball/{release.TagName}",
            ["tag_name"] = release.TagName,
            ["target_commitish"] = repo.DefaultBranch,
            ["name"] = release.Name,
            ["body"] = release.Body,
            ["draft"] = release.Draft,
            ["prerelease"] = release.Prerelease,
            ["created_at"] = Wire.Time(release.CreatedAt),
            ["published_at"] = Wire.Time(release.CreatedAt),
            ["author"] = User(login),
            ["assets"] = new JsonArray(),
        };
    }

    private static PullRequestFixture? FindPull(RepositoryFixture repo, string number) =>
        int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? repo.PullRequests.Find(p => p.Number == n) : null;

    internal static string PullUrl(RepositoryFixture repo, PullRequestFixture pr) => pr.Url ?? $"{repo.HtmlUrl}/pull/{pr.Number}";

    private JsonObject PullRequest(RepositoryFixture repo, PullRequestFixture pr, bool full)
    {
        var api = $"{apiRoot}/repos/{repo.FullName}";
        var baseSha = repo.Branches.GetValueOrDefault(pr.BaseRef) ?? new string('0', 40);
        var closedAt = pr.State == "OPEN" ? null : Wire.Time(pr.MergedAt ?? pr.CreatedAt);
        var body = new JsonObject
        {
            ["id"] = Wire.StableId($"{repo.FullName}/pull/{pr.Number}"),
            ["node_id"] = Wire.NodeId("PR", $"{repo.FullName}/{pr.Number}"),
            ["number"] = pr.Number,
            ["state"] = pr.State == "OPEN" ? "open" : "closed",
            ["locked"] = false,
            ["title"] = pr.Title,
            ["body"] = pr.Body,
            ["user"] = User(pr.Author),
            ["draft"] = false,
            ["url"] = $"{api}/pulls/{pr.Number}",
            ["html_url"] = PullUrl(repo, pr),
            ["created_at"] = Wire.Time(pr.CreatedAt),
            ["updated_at"] = Wire.Time(pr.MergedAt ?? pr.CreatedAt),
            ["closed_at"] = closedAt,
            ["merged_at"] = Wire.Time(pr.MergedAt),
            ["merge_commit_sha"] = pr.MergeCommitSha,
            ["author_association"] = "MEMBER",
            ["head"] = Branch(repo, pr.HeadRef, pr.HeadSha),
            ["base"] = Branch(repo, pr.BaseRef, baseSha),
        };
        if (full)
        {
            body["merged"] = pr.IsMerged;
            body["merged_by"] = pr.MergedBy is { } by ? User(by) : null;
            body["mergeable"] = null;
            body["mergeable_state"] = pr.State == "OPEN" ? "clean" : "unknown";
            body["commits"] = pr.Commits.Count;
        }
        return body;
    }

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
