using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>
/// GitHub Deployments: made for a ref GitHub can resolve (a branch, a sha, or a tag of the witnessed bare origin), listed
/// newest first with GitHub's filters, and their statuses. As GitHub does, a deployment that does not pass
/// <c>required_contexts: []</c> is refused (409) while a commit status of its sha is not success.
/// </summary>
internal sealed partial class GitHubRest
{
    private RestAnswer? Deployments(RepositoryFixture repo, string method, IReadOnlyDictionary<string, string> path)
    {
        if (!path.TryGetValue("deployment_id", out var id))
        {
            return method switch
            {
                "GET" => Paged(repo.Deployments.Where(Listed).OrderByDescending(d => d.Id).Select(d => Deployment(repo, d))),
                "POST" => CreateDeployment(repo),
                _ => null,
            };
        }
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || repo.Deployments.Find(d => d.Id == n) is not { } deployment)
        {
            return NotFound();
        }
        return method switch
        {
            "GET" => Paged(deployment.Statuses.OrderByDescending(s => s.Id).Select(s => DeploymentStatus(repo, deployment, s))),
            "POST" => CreateDeploymentStatus(repo, deployment),
            _ => null,
        };
    }

    /// <summary>GET .../deployments filters: sha, ref, task and environment, each exact when given.</summary>
    private bool Listed(DeploymentFixture d) =>
        Matches("sha", d.Sha) && Matches("ref", d.Ref) && Matches("task", d.Task) && Matches("environment", d.Environment);

    private bool Matches(string name, string value) => request.QueryValue(name) is not { } wanted || wanted == value;

    private RestAnswer CreateDeployment(RepositoryFixture repo)
    {
        if (JsonBody() is not { } body || body["ref"]?.GetValueKind() != JsonValueKind.String)
        {
            return Invalid("ref", "missing_field", "Deployment");
        }
        var reference = body["ref"]!.GetValue<string>();
        if ((ResolveSha(repo, reference) ?? TagSha(repo, reference)) is not { } sha)
        {
            return new RestAnswer(422, Error($"No ref found for: {reference}", "422"));
        }
        if (body["required_contexts"] is not JsonArray { Count: 0 } && repo.Statuses.Any(s => s.Sha == sha && s.State != "success"))
        {
            return new RestAnswer(409, Error($"Conflict: Commit status checks failed for {reference}.", "409"));
        }
        var deployment = new DeploymentFixture(repo.Deployments.Count == 0 ? 8001 : repo.Deployments.Max(d => d.Id) + 1, reference, sha,
            body["environment"]?.GetValue<string>() ?? "production", DateTimeOffset.UtcNow)
        {
            Task = body["task"]?.GetValue<string>() ?? "deploy",
            Payload = body["payload"] is { } payload ? payload.ToJsonString() : "{}",
            Description = body["description"]?.GetValue<string>() ?? "",
            ProductionEnvironment = body["production_environment"]?.GetValue<bool>(),
            Creator = login,
        };
        repo.Deployments.Add(deployment);
        return new RestAnswer(201, Deployment(repo, deployment));
    }

    private RestAnswer CreateDeploymentStatus(RepositoryFixture repo, DeploymentFixture deployment)
    {
        if (JsonBody() is not { } body || body["state"]?.GetValueKind() != JsonValueKind.String)
        {
            return Invalid("state", "missing_field", "DeploymentStatus");
        }
        var status = new DeploymentStatusFixture(deployment.Statuses.Count == 0 ? deployment.Id * 100 : deployment.Statuses.Max(s => s.Id) + 1,
            body["state"]!.GetValue<string>(), body["log_url"]?.GetValue<string>() ?? body["target_url"]?.GetValue<string>(),
            body["description"]?.GetValue<string>() ?? "", DateTimeOffset.UtcNow);
        var updated = deployment with { Statuses = [.. deployment.Statuses, status] };
        repo.Deployments[repo.Deployments.IndexOf(deployment)] = updated;
        return new RestAnswer(201, DeploymentStatus(repo, updated, status));
    }

    private JsonObject Deployment(RepositoryFixture repo, DeploymentFixture d)
    {
        var api = $"{apiRoot}/repos/{repo.FullName}/deployments/{d.Id}";
        var node = new JsonObject
        {
            ["url"] = api,
            ["id"] = d.Id,
            ["node_id"] = Wire.NodeId("DE", d.Id.ToString(CultureInfo.InvariantCulture)),
            ["sha"] = d.Sha,
            ["ref"] = d.Ref,
            ["task"] = d.Task,
            ["payload"] = JsonNode.Parse(d.Payload),
            ["original_environment"] = d.Environment,
            ["environment"] = d.Environment,
            ["description"] = d.Description,
            ["creator"] = User(d.Creator ?? login),
            ["created_at"] = Wire.Time(d.CreatedAt),
            ["updated_at"] = Wire.Time(d.Statuses.Count > 0 ? d.Statuses[^1].CreatedAt : d.CreatedAt),
            ["statuses_url"] = $"{api}/statuses",
            ["repository_url"] = $"{apiRoot}/repos/{repo.FullName}",
        };
        if (d.ProductionEnvironment is { } production) node["production_environment"] = production;
        return node;
    }

    private JsonObject DeploymentStatus(RepositoryFixture repo, DeploymentFixture d, DeploymentStatusFixture s)
    {
        var deployment = $"{apiRoot}/repos/{repo.FullName}/deployments/{d.Id}";
        var node = new JsonObject
        {
            ["url"] = $"{deployment}/statuses/{s.Id}",
            ["id"] = s.Id,
            ["node_id"] = Wire.NodeId("DES", s.Id.ToString(CultureInfo.InvariantCulture)),
            ["state"] = s.State,
            ["creator"] = User(login),
            ["description"] = s.Description,
            ["environment"] = d.Environment,
            ["created_at"] = Wire.Time(s.CreatedAt),
            ["updated_at"] = Wire.Time(s.CreatedAt),
            ["deployment_url"] = deployment,
            ["repository_url"] = $"{apiRoot}/repos/{repo.FullName}",
        };
        // GitHub answers "" for a status without a log, which its own description (format: uri) refuses: the environment's page stands in.
        node["target_url"] = s.LogUrl ?? $"{repo.HtmlUrl}/deployments/{Uri.EscapeDataString(d.Environment)}";
        if (s.LogUrl is { } log)
        {
            node["log_url"] = log;
        }
        return node;
    }

    /// <summary>The commit a tag names in the witnessed bare origin (the only tags the emulator can know); null when none.</summary>
    private static string? TagSha(RepositoryFixture repo, string tag)
    {
        if (repo.WitnessedOrigin is not { } origin || tag.StartsWith('-') || !Directory.Exists(origin))
        {
            return null;
        }
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--git-dir", origin, "rev-parse", "--verify", "--quiet", $"refs/tags/{tag}^{{commit}}" })
        {
            start.ArgumentList.Add(arg);
        }
        using var git = Process.Start(start)!;
        var sha = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return git.ExitCode == 0 && Wire.IsSha(sha) ? sha : null;
    }
}

/// <summary>A GitHub Deployment: the ref and sha it deploys, where to, the payload as JSON text, and its statuses, oldest first.</summary>
public sealed record DeploymentFixture(long Id, string Ref, string Sha, string Environment, DateTimeOffset CreatedAt)
{
    public string Task { get; init; } = "deploy";
    public string Payload { get; init; } = "{}";
    public string Description { get; init; } = "";
    public bool? ProductionEnvironment { get; init; }
    public string? Creator { get; init; }
    public IReadOnlyList<DeploymentStatusFixture> Statuses { get; init; } = [];
}

/// <param name="State">error, failure, inactive, in_progress, queued, pending or success.</param>
public sealed record DeploymentStatusFixture(long Id, string State, string? LogUrl, string Description, DateTimeOffset CreatedAt);
