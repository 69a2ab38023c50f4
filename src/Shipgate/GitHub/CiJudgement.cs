using Shipgate.Integrations;

namespace Shipgate.GitHub;

/// <summary>One commit status as GitHub's combined status lists it (newest first per context).</summary>
/// <param name="State">error, failure, pending or success.</param>
public sealed record StatusContext(string Context, string State, string? Url);

/// <summary>One check run. A re-run is a new run with the same name and a higher id.</summary>
/// <param name="Status">queued, in_progress, completed (also waiting, requested, pending).</param>
public sealed record CheckRun(long Id, string Name, string Status, string? Conclusion, string? Url);

/// <summary>
/// DESIGN.md's CI rules, pure. Statuses count only when there are some (a repository that uses
/// only Actions has none, and GitHub then calls the combined state "pending"); check runs pass on
/// success, neutral or skipped once completed; the latest run of each name is the one that counts;
/// every required check must be present and passing; a commit with no CI at all does not pass.
/// </summary>
public static class CiJudgement
{
    private static readonly HashSet<string> PassingConclusions = ["success", "neutral", "skipped"];

    public static CiVerdict Judge(string sha, IReadOnlyList<StatusContext> statuses, IReadOnlyList<CheckRun> checkRuns, IReadOnlyList<string> requiredChecks)
    {
        var checks = new List<CiCheck>();
        var problems = new List<string>();
        var failed = false;

        foreach (var status in statuses.DistinctBy(s => s.Context))
        {
            var passed = status.State == "success";
            checks.Add(new CiCheck(status.Context, status.State, passed, status.Url));
            if (passed) continue;
            failed |= status.State != "pending";
            problems.Add($"{status.Context}: {status.State}");
        }

        foreach (var run in checkRuns.GroupBy(r => r.Name).Select(g => g.MaxBy(r => r.Id)!).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            var completed = run.Status == "completed";
            var conclusion = completed ? run.Conclusion ?? "none" : run.Status;
            var passed = completed && PassingConclusions.Contains(conclusion);
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

        var state = failed ? "failure" : problems.Count > 0 ? "pending" : "success";
        return new CiVerdict(sha, state, checks, problems);
    }
}
