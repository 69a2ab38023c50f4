using System.Text.Json.Serialization;
using Shipgate.Integrations;

namespace Shipgate.Release.After;

/// <summary>How the deployment of a release ended, as far as Shipgate followed it: the word the report, Slack and the exit code use.</summary>
internal enum DeploymentOutcome
{
    /// <summary>Every run of the released commit completed and passed.</summary>
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    /// <summary>A run completed and did not pass (failure, cancelled, timed out on GitHub's side, ...).</summary>
    [JsonStringEnumMemberName("failed")] Failed,
    /// <summary>--wait gave up before every run completed.</summary>
    [JsonStringEnumMemberName("timed_out")] TimedOut,
    /// <summary>Not followed to its end: no --wait, no run seen, or no GitHub to ask.</summary>
    [JsonStringEnumMemberName("not_followed")] NotFollowed,
}

/// <summary>
/// Judges what the deployment check saw. Pure. Only a run followed to its end (--wait) is judged:
/// without --wait a run still in progress says nothing about how it will end.
/// </summary>
internal static class DeploymentVerdict
{
    /// <summary>Conclusions GitHub counts as passing, as CI judgement does for check runs.</summary>
    private static readonly RunConclusion[] Passing = [RunConclusion.Success, RunConclusion.Neutral, RunConclusion.Skipped];

    public static DeploymentOutcome Judge(DeploymentSeen? seen, bool followed)
    {
        if (!followed || seen is null || seen.Runs.Count == 0) return DeploymentOutcome.NotFollowed;
        if (seen.Runs.Any(r => !r.IsCompleted)) return DeploymentOutcome.TimedOut;
        return seen.Runs.All(r => r.Conclusion is { } c && Passing.Contains(c)) ? DeploymentOutcome.Succeeded : DeploymentOutcome.Failed;
    }

    /// <summary>Exit 7 when --wait saw the deployment fail or not finish; the release itself is made either way.</summary>
    public static ExitCode ExitCodeOf(DeploymentOutcome outcome) =>
        outcome is DeploymentOutcome.Failed or DeploymentOutcome.TimedOut ? ExitCode.DeploymentFailed : ExitCode.Success;

    /// <summary>The outcome as the record, the report and Slack word it.</summary>
    public static string Word(DeploymentOutcome outcome) => JsonNames.Of(outcome);
}
