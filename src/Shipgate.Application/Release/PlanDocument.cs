using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Release;

/// <summary>
/// The dry run as JSON for scripts, dashboards and agents (<c>release --dry-run --json</c>, the MCP release_plan tool):
/// the plan under the record's own field names (made by the same <see cref="RecordBuilder"/>, so the two cannot drift),
/// the checklist with each box's reason, and the verdict. Published as <c>schemas/release-plan.v1.json</c>. Never the
/// confirmation word; inside GitHub Actions, the plan's approval word (<see cref="Actions.ActionsPlan"/>).
/// </summary>
internal static class PlanDocument
{
    public const int SchemaVersion = 1;

    /// <param name="blocked">Why a gate refused the release (already free of secrets), null when none did.</param>
    public static PlanJson Build(ReleaseContext context, Preflighted? preflighted, Gathered? gathered, string? blocked)
    {
        var verdict = blocked is not null ? PlanVerdict.Blocked : gathered is null ? PlanVerdict.NothingToRelease : PlanVerdict.WouldRelease;
        IReadOnlyList<PlanBox> checklist = gathered is null
            ? []
            : [.. Gaps.Checklist(gathered.Gaps, gathered.Plan.ReviewsKnown, policyCompared: true, controlsJudged: true)
                .Select(item => new PlanBox(item.Label, item.Passed, item.Reason))];
        if (preflighted is null || gathered is null)
            return new PlanJson(SchemaVersion, RecordBuilder.Tool, context.RepositoryName, verdict, blocked, checklist, null);
        var (digest, word) = Actions.ActionsPlan.Of(context, preflighted, gathered);
        // The word approves a plan in a GitHub Environment; outside Actions (at a terminal, to an MCP client's model) it is not told.
        return new PlanJson(SchemaVersion, RecordBuilder.Tool, context.RepositoryName, verdict, blocked, checklist, Plan(context, preflighted, gathered),
            digest, context.Actions is null ? null : word);
    }

    /// <summary>The plan's fields of a record built from this dry run, with placeholders where a release would fill in who and when.</summary>
    private static PlanFields Plan(ReleaseContext context, Preflighted preflighted, Gathered gathered)
    {
        var config = context.Config;
        var record = RecordBuilder.Build(new RecordBuilder.Inputs(
            "dry-run", context.Now(), context.RepositoryName, preflighted.Releaser?.Identity ?? new GitIdentity("", ""), null,
            config.ProductionBranch, config.StagingBranch, gathered.Plan, preflighted.Ci, preflighted.OpenPullRequests,
            Gaps.Warnings(gathered.Gaps, config.StagingBranch), new RecordConfirmation("", "", context.Now(), null), gathered.Previous,
            context.Options.Emergency is { } reason ? new RecordEmergency(SafeText.OneLine(reason), !preflighted.Ci.Passed) : null,
            context.Policy, preflighted.PolicyChange, context.ServiceEndpoints));
        return PlanFields.Of(record);
    }

    public static string Text(PlanJson document) => DocumentJson.Text(document, DocumentJson.Default.PlanJson);
}
