using System.Globalization;
using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>GitHub's CI on a commit: the combined status, check runs and workflow runs.</summary>
internal sealed partial class GitHubRest
{
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
            ["workflow_runs"] = new JsonArray([.. page.Select(r => (JsonNode)WorkflowRun(repo, r))]),
        };
        return new RestAnswer(200, body, link);
    }
}
