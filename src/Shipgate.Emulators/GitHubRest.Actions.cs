using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>
/// GitHub Actions and Environments: one workflow run, its review history (environment approvals), an environment's
/// protection rules, and workflow_dispatch events.
/// </summary>
internal sealed partial class GitHubRest
{
    private static WorkflowRunFixture? FindRun(RepositoryFixture repo, string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? repo.WorkflowRuns.Find(r => r.Id == n) : null;

    /// <summary>A workflow run as GitHub lists and shows it.</summary>
    internal JsonObject WorkflowRun(RepositoryFixture repo, WorkflowRunFixture r) => new()
    {
        ["id"] = r.Id,
        ["name"] = r.Name,
        ["display_title"] = r.Name,
        ["node_id"] = Wire.NodeId("WFR", r.Id.ToString(CultureInfo.InvariantCulture)),
        ["head_branch"] = r.HeadBranch,
        ["head_sha"] = r.HeadSha,
        ["path"] = r.Path ?? $".github/workflows/{r.Name.ToLowerInvariant().Replace(' ', '-')}.yml",
        ["run_number"] = r.Id,
        ["run_attempt"] = r.RunAttempt,
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
        ["actor"] = User(r.Actor ?? login),
        ["triggering_actor"] = User(r.TriggeringActor ?? r.Actor ?? login),
        ["repository"] = Repository(repo),
        ["head_repository"] = Repository(repo),
    };

    /// <summary>GET .../actions/runs/{run_id}/approvals: the run's review history, each entry with its environments.</summary>
    private RestAnswer RunApprovals(RepositoryFixture repo, WorkflowRunFixture run) => new(200, new JsonArray([.. run.Approvals.Select(a =>
        (JsonNode)new JsonObject
        {
            ["environments"] = new JsonArray([.. a.Environments.Select(e => (JsonNode)EnvironmentSummary(repo, e))]),
            ["state"] = a.State,
            ["user"] = User(a.Reviewer),
            ["comment"] = a.Comment,
        })]));

    private JsonObject EnvironmentSummary(RepositoryFixture repo, string name) => new()
    {
        ["id"] = Wire.StableId($"{repo.FullName}/environment/{name}"),
        ["node_id"] = Wire.NodeId("EN", $"{repo.FullName}/{name}"),
        ["name"] = name,
        ["url"] = $"{apiRoot}/repos/{repo.FullName}/environments/{Uri.EscapeDataString(name)}",
        ["html_url"] = $"{repo.HtmlUrl}/deployments/activity_log?environments_filter={Uri.EscapeDataString(name)}",
        ["created_at"] = Wire.Time(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        ["updated_at"] = Wire.Time(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)),
    };

    /// <summary>GET .../environments/{environment_name}: its protection rules, as many as are set (none: an empty list).</summary>
    private RestAnswer Environment(RepositoryFixture repo, string name)
    {
        // GitHub matches environment names case-insensitively.
        if (repo.Environments.Values.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)) is not { } environment)
            return NotFound();
        var rules = new JsonArray();
        var ruleId = Wire.StableId($"{repo.FullName}/environment/{environment.Name}/rules");
        if (environment.WaitTimer > 0)
            rules.Add(new JsonObject { ["id"] = ruleId, ["node_id"] = Wire.NodeId("GA", $"{ruleId}"), ["type"] = "wait_timer", ["wait_timer"] = environment.WaitTimer });
        if (environment.Reviewers.Count > 0)
            rules.Add(new JsonObject
            {
                ["id"] = ruleId + 1,
                ["node_id"] = Wire.NodeId("GA", $"{ruleId + 1}"),
                ["prevent_self_review"] = environment.PreventSelfReview,
                ["type"] = "required_reviewers",
                ["reviewers"] = new JsonArray([.. environment.Reviewers.Select(r => (JsonNode)new JsonObject { ["type"] = "User", ["reviewer"] = User(r) })]),
            });
        if (environment.ProtectedBranchesOnly)
            rules.Add(new JsonObject { ["id"] = ruleId + 2, ["node_id"] = Wire.NodeId("GA", $"{ruleId + 2}"), ["type"] = "branch_policy" });
        var body = EnvironmentSummary(repo, environment.Name);
        body["protection_rules"] = rules;
        body["deployment_branch_policy"] = environment.ProtectedBranchesOnly
            ? new JsonObject { ["protected_branches"] = true, ["custom_branch_policies"] = false }
            : null;
        return new RestAnswer(200, body);
    }

    /// <summary>
    /// POST .../actions/workflows/{workflow_id}/dispatches: the ref must be a branch GitHub knows; a new queued run of the
    /// workflow_dispatch event follows. 204 with no body, or 200 with the run's id and URLs under return_run_details.
    /// </summary>
    private RestAnswer Dispatch(RepositoryFixture repo, string workflow)
    {
        var body = JsonBody() ?? [];
        var reference = body["ref"]?.GetValueKind() == JsonValueKind.String ? body["ref"]!.GetValue<string>() : "";
        if (!repo.Branches.TryGetValue(reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference[11..] : reference, out var sha))
            return new RestAnswer(422, Error($"No ref found for: {reference}", "422"));
        var inputs = (body["inputs"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "");
        repo.Dispatches.Add(new DispatchFixture(workflow, reference, inputs));
        var id = repo.WorkflowRuns.Count == 0 ? 9001 : repo.WorkflowRuns.Max(r => r.Id) + 1;
        var name = Path.GetFileNameWithoutExtension(workflow);
        repo.WorkflowRuns.Add(new WorkflowRunFixture(id, name, sha, reference, "workflow_dispatch", "queued", null)
        {
            Path = $".github/workflows/{workflow}",
            Actor = login,
            TriggeringActor = login,
        });
        if (body["return_run_details"]?.GetValueKind() != JsonValueKind.True)
            return new RestAnswer(204, new JsonObject());
        return new RestAnswer(200, new JsonObject
        {
            ["workflow_run_id"] = id,
            ["run_url"] = $"{apiRoot}/repos/{repo.FullName}/actions/runs/{id}",
            ["html_url"] = $"{repo.HtmlUrl}/actions/runs/{id}",
        });
    }
}
