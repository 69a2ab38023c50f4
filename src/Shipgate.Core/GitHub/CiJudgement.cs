using System.Text.Json.Serialization;
using Shipgate.Integrations;
using Shipgate.Release;

namespace Shipgate.GitHub;

/// <summary>A commit status's state, by GitHub's REST names.</summary>
internal enum CommitState
{
    [JsonStringEnumMemberName("error")] Error,
    [JsonStringEnumMemberName("failure")] Failure,
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("success")] Success,
}

/// <summary>One commit status as GitHub's combined status lists it (newest first per context).</summary>
internal sealed record StatusContext(string Context, CommitState State, string? Url);

/// <summary>One check run. A re-run is a new run with the same name and a higher id; the conclusion comes once it completed.</summary>
internal sealed record CheckRun(long Id, string Name, RunStatus Status, RunConclusion? Conclusion, string? Url);

/// <summary>
/// DESIGN.md's CI rules, pure. Statuses count only when there are some (a repository that uses
/// only Actions has none, and GitHub then calls the combined state "pending"); check runs pass on
/// success, neutral or skipped once completed; the latest run of each name is the one that counts;
/// every required check must be present and passing; a commit with no CI at all does not pass.
/// </summary>
internal static class CiJudgement
{
    private static readonly HashSet<RunConclusion> PassingConclusions = [RunConclusion.Success, RunConclusion.Neutral, RunConclusion.Skipped];

    public static CiVerdict Judge(string sha, IReadOnlyList<StatusContext> statuses, IReadOnlyList<CheckRun> checkRuns, IReadOnlyList<string> requiredChecks)
    {
        var checks = new List<CiCheck>();
        var problems = new List<string>();
        var failed = false;

        foreach (var status in statuses.DistinctBy(s => s.Context))
        {
            var passed = status.State == CommitState.Success;
            var state = JsonNames.Of(status.State);
            checks.Add(new CiCheck(status.Context, state, passed, status.Url));
            if (passed) continue;
            failed |= status.State != CommitState.Pending;
            problems.Add($"{status.Context}: {state}");
        }

        foreach (var run in checkRuns.GroupBy(r => r.Name).Select(g => g.MaxBy(r => r.Id)!).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            var completed = run.Status == RunStatus.Completed;
            var conclusion = !completed ? JsonNames.Of(run.Status) : run.Conclusion is { } ended ? JsonNames.Of(ended) : "none";
            var passed = completed && run.Conclusion is { } c && PassingConclusions.Contains(c);
            checks.Add(new CiCheck(run.Name, conclusion, passed, run.Url));
            if (passed) continue;
            failed |= completed;
            problems.Add(completed ? $"{run.Name}: {conclusion}" : $"{run.Name}: {conclusion} (not completed)");
        }

        var present = checks.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var required in requiredChecks.Where(r => !present.Contains(r)))
            problems.Add($"{required}: required check not reported");

        if (checks.Count == 0 && requiredChecks.Count == 0)
            problems.Add($"no statuses or check runs reported for {sha}");

        var verdict = failed ? CiState.Failure : problems.Count > 0 ? CiState.Pending : CiState.Success;
        return new CiVerdict(sha, verdict, checks, problems);
    }
}
