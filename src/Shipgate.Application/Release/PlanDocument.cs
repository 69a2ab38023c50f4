using System.Text.Json;
using System.Text.Json.Nodes;
using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Release;

/// <summary>The verdict of a dry run: whether the release would go ahead now.</summary>
internal enum PlanVerdict { WouldRelease, Blocked, NothingToRelease }

/// <summary>
/// The dry run as JSON for scripts, dashboards and agents (<c>release --dry-run --json</c>, the MCP release_plan tool):
/// the plan under the record's own field names (made by the same <see cref="RecordBuilder"/>, so the two cannot drift),
/// the checklist with each box's reason, and the verdict. Published as <c>schemas/release-plan.v1.json</c>. Never the word.
/// </summary>
internal static class PlanDocument
{
    public const int SchemaVersion = 1;

    /// <summary>The record's fields that describe what would ship; the rest (id, releaser, confirmation, chain) exist only once released.</summary>
    private static readonly string[] PlanFields =
    [
        "repository", "from_ref", "from_sha", "to_ref", "to_sha", "commits_count", "merge_commits_count", "files_changed", "insertions",
        "deletions", "commits", "pull_requests", "linear_tickets", "jira_tickets", "change_summary", "area_titles", "unspecced_changes", "ci_status",
        "open_prs", "warnings", "emergency", "policy",
    ];

    /// <param name="blocked">Why a gate refused the release (already free of secrets), null when none did.</param>
    public static JsonObject Build(ReleaseContext context, Preflighted? preflighted, Gathered? gathered, string? blocked)
    {
        var verdict = blocked is not null ? PlanVerdict.Blocked : gathered is null ? PlanVerdict.NothingToRelease : PlanVerdict.WouldRelease;
        var checklist = gathered is null
            ? []
            : Gaps.Checklist(gathered.Gaps, gathered.Plan.ReviewsKnown, policyCompared: true, controlsJudged: true)
                .Select(item => new JsonObject { ["label"] = item.Label, ["passed"] = item.Passed, ["reason"] = item.Reason })
                .ToArray<JsonNode?>();
        return new JsonObject
        {
            ["schema_version"] = SchemaVersion,
            ["tool"] = new JsonObject { ["name"] = RecordBuilder.Tool.Name, ["version"] = RecordBuilder.Tool.Version },
            ["repository"] = context.RepositoryName,
            ["verdict"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(verdict.ToString()),
            ["blocked_reason"] = blocked,
            ["checklist"] = new JsonArray(checklist),
            ["plan"] = preflighted is not null && gathered is not null ? Plan(context, preflighted, gathered) : null,
        };
    }

    /// <summary>The plan's fields of a record built from this dry run, with placeholders where a release would fill in who and when.</summary>
    private static JsonObject Plan(ReleaseContext context, Preflighted preflighted, Gathered gathered)
    {
        var config = context.Config;
        var record = RecordBuilder.Build(new RecordBuilder.Inputs(
            "dry-run", context.Now(), context.RepositoryName, preflighted.Releaser?.Identity ?? new GitIdentity("", ""), null,
            config.ProductionBranch, config.StagingBranch, gathered.Plan, preflighted.Ci, preflighted.OpenPullRequests,
            Gaps.Warnings(gathered.Gaps, config.StagingBranch), new RecordConfirmation("", "", context.Now(), null), gathered.Previous,
            context.Options.Emergency is { } reason ? new RecordEmergency(SafeText.OneLine(reason), !preflighted.Ci.Passed) : null,
            context.Policy, preflighted.PolicyChange, context.ServiceEndpoints));
        var full = JsonNode.Parse(RecordFiles.ToJsonBytes(record))!.AsObject();
        var plan = new JsonObject();
        foreach (var field in PlanFields)
            plan[field] = full[field]?.DeepClone();
        // Only when the release changes a control file, as in the record, so that other plans stay as they were.
        if (full["control_changes"] is { } controls) plan["control_changes"] = controls.DeepClone();
        return plan;
    }

    public static string Text(JsonObject document) => document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
