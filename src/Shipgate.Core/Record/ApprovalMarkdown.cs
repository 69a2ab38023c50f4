using Shipgate.Rendering;

namespace Shipgate.Record;

/// <summary>A GitHub Environment's approval as the record's Markdown tells it: who approved where, in which run, under which rules.</summary>
internal static class ApprovalMarkdown
{
    public static IEnumerable<string> Lines(RecordApproval approval)
    {
        var run = approval.Run;
        var protection = approval.Protection;
        yield return $"- **Typed**: in the approval comment of GitHub environment {SafeText.Markdown(approval.Environment)}'s reviewer";
        foreach (var approver in approval.Approvers)
            yield return $"- **Approved by**: @{SafeText.Markdown(approver.Login)} (id {approver.Id}): \"{SafeText.Markdown(approver.Comment)}\"";
        yield return $"- **Started by** (releaser): @{SafeText.Markdown(run.TriggeringActor)}; actor @{SafeText.Markdown(run.Actor)}";
        yield return $"- **Pushed by**: {(approval.Pusher is { } pusher ? "@" + SafeText.Markdown(pusher) : "the job's token (GitHub does not tell its login)")}";
        yield return $"- **Run**: [{run.Id} attempt {run.Attempt}]({SafeText.MarkdownUrl(run.Url)}), {SafeText.Markdown(run.WorkflowPath)} " +
                     $"({SafeText.Markdown(run.Event)} on {SafeText.Markdown(run.HeadBranch)} at `{SafeText.Markdown(run.HeadSha)}`)";
        yield return $"- **Plan digest**: `{approval.PlanDigest}`";
        yield return $"- **Environment protection**: required reviewers {SafeText.Markdown(string.Join(", ", protection.RequiredReviewers))}; " +
                     $"prevent self-review {(protection.PreventSelfReview ? "on" : "off")}; " +
                     $"wait timer {(protection.WaitTimer is { } minutes ? $"{minutes} min" : "none")}; deploying branches: {protection.DeploymentBranches}";
    }
}
