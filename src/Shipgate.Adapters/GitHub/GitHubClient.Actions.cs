using System.Globalization;
using System.Text.Json;
using Shipgate.Integrations;

namespace Shipgate.GitHub;

/// <summary>GitHub Actions and Environments (<see cref="IActionsEvidence"/>), read as strictly as the rest: a missing field names the endpoint.</summary>
internal sealed partial class GitHubClient
{
    public async Task<ActionsRun> GetRunAsync(long runId, CancellationToken ct)
    {
        var run = await http.GetAsync(ActionsCall("/repos/{owner}/{repo}/actions/runs/{run_id}", "{run_id}", Id(runId)),
            GitHubActionsJson.Default.RunWire, ct);
        return new ActionsRun(run.Id, run.RunAttempt, run.HtmlUrl, run.Path, run.Event, run.HeadBranch ?? "", run.HeadSha,
            User(run.Actor), User(run.TriggeringActor));
    }

    public async Task<IReadOnlyList<RunApproval>> GetRunApprovalsAsync(long runId, CancellationToken ct)
    {
        var entries = await http.GetAsync(ActionsCall("/repos/{owner}/{repo}/actions/runs/{run_id}/approvals", "{run_id}", Id(runId)),
            GitHubActionsJson.Default.ListApprovalWire, ct);
        return [.. entries.Select(a => new RunApproval(a.State, User(a.User), a.Comment, [.. a.Environments.Select(e => e.Name ?? "")]))];
    }

    public async Task<EnvironmentProtection?> GetEnvironmentAsync(string environment, CancellationToken ct)
    {
        var found = await http.FindAsync(
            ActionsCall("/repos/{owner}/{repo}/environments/{environment_name}", "{environment_name}", Uri.EscapeDataString(environment)),
            GitHubActionsJson.Default.EnvironmentWire, ct);
        if (found is null) return null;
        var rules = found.ProtectionRules ?? [];
        var reviewers = rules.FirstOrDefault(r => r.Type == "required_reviewers") is { } rule
            ? new RequiredReviewers(rule.PreventSelfReview ?? false,
                [.. (rule.Reviewers ?? []).Select(r => r.Reviewer?.Login ?? (r.Reviewer?.Slug is { } team ? "team:" + team : "?"))])
            : null;
        var wait = rules.FirstOrDefault(r => r.Type == "wait_timer")?.WaitTimer;
        var branches = found.DeploymentBranchPolicy switch
        {
            null => "all",
            { ProtectedBranches: true } => "protected",
            _ => "custom",
        };
        return new EnvironmentProtection(found.Name, reviewers, wait, branches);
    }

    public async Task<string?> DispatchWorkflowAsync(string workflow, string reference, IReadOnlyDictionary<string, string> inputs, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new DispatchWire(reference, inputs), GitHubActionsJson.Default.DispatchWire);
        var call = ActionsCall("/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", "{workflow_id}", Uri.EscapeDataString(workflow));
        var answer = await http.SendJsonAsync(HttpMethod.Post, call, body, GitHubActionsJson.Default.DispatchedWire, ct);
        return answer.HtmlUrl;
    }

    private RestCall ActionsCall(string template, string placeholder, string value)
    {
        var call = Call(template);
        return call with { Path = call.Path.Replace(placeholder, value, StringComparison.Ordinal) };
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static GitHubUser User(UserWire user) => new(user.Login, user.Id);
}
