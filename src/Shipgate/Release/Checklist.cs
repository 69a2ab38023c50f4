using Shipgate.Config;

namespace Shipgate.Release;

/// <summary>One box of the compliance checklist: ticked, or unticked with the reason.</summary>
public sealed record ChecklistItem(string Label, bool Passed, string? Reason);

/// <summary>
/// The summary's COMPLIANCE STATUS and the gaps "the release will note". Pure: the same facts give
/// the same boxes on screen, in the Markdown record and in the JSON warnings.
/// </summary>
public static class Checklist
{
    /// <param name="policy">What the release does to the release policy file; null leaves its box out.</param>
    public static IReadOnlyList<ChecklistItem> Evaluate(ReleasePlan plan, CiResult ci, PolicyChange? policy = null)
    {
        var items = new List<ChecklistItem>
        {
            ci.Passed ? new("CI passing on staging", true, null)
            : ci.Verified ? new("CI passing on staging", false, $"failing ({string.Join("; ", ci.Failures ?? [])}), released as an emergency")
            : new("CI passing on staging", false, $"not verified: {ci.UnverifiedReason}"),
        };

        var missing = plan.PullRequestsWithoutArchive.Select(p => $"#{p.Number}").ToList();
        items.Add(new("All PRs have compliance archives", missing.Count == 0,
            missing.Count == 0 ? null : $"no archive for {string.Join(", ", missing)}"));

        var notFound = plan.Tickets.Where(t => t.Check == TicketCheck.NotFound).Select(t => t.Id).ToList();
        var unverified = plan.Tickets.Where(t => t.Check == TicketCheck.Unverified).Select(t => t.Id).ToList();
        var notDone = plan.Tickets.Where(t => t.Check == TicketCheck.Verified && !t.IsCompleted).Select(t => $"{t.Id} ({t.Status})").ToList();
        var ticketProblems = new List<string>();
        if (notFound.Count > 0) ticketProblems.Add($"not found: {string.Join(", ", notFound)}");
        if (unverified.Count > 0) ticketProblems.Add($"not verified (no ticket tracker): {string.Join(", ", unverified)}");
        if (notDone.Count > 0) ticketProblems.Add($"not completed: {string.Join(", ", notDone)}");
        items.Add(new("All tickets linked and verified", ticketProblems.Count == 0,
            ticketProblems.Count == 0 ? null : string.Join("; ", ticketProblems)));

        items.Add(new("No unspecced changes detected", plan.Unspecced.Count == 0,
            plan.Unspecced.Count == 0 ? null : $"{plan.Unspecced.Count} unspecced: {string.Join(", ", plan.Unspecced.Select(u => u.Kind == UnspeccedChange.CommitKind ? u.Reference[..7] : u.Reference))}"));

        if (plan.PullRequests.Any(p => p.IndependentlyApproved is not null))
        {
            var selfOnly = plan.PullRequests.Where(p => p.IndependentlyApproved != true).Select(p => $"#{p.Number}").ToList();
            items.Add(new("Every PR approved by someone other than its author", selfOnly.Count == 0,
                selfOnly.Count == 0 ? null : $"not independently approved: {string.Join(", ", selfOnly)}"));
        }
        if (policy is not null)
            items.Add(new("Release policy unchanged", !policy.Changed, policy.Changed ? $"{policy.Summary}; it takes effect from the next release" : null));
        return items;
    }

    /// <summary>Every gap in the audit trail, one sentence each, for the record's <c>warnings</c>.</summary>
    public static IReadOnlyList<string> Warnings(ReleasePlan plan, CiResult ci, int openPullRequests, string stagingBranch, PolicyChange? policy = null)
    {
        var warnings = new List<string>();
        if (!ci.Verified) warnings.Add($"CI on staging was not verified: {ci.UnverifiedReason}");
        else if (!ci.Passed) warnings.Add($"CI on staging was failing and the release went ahead as an emergency: {string.Join("; ", ci.Failures ?? [])}");
        warnings.AddRange(plan.PullRequestsWithoutArchive.Select(p => $"PR #{p.Number} has no compliance archive."));
        warnings.AddRange(plan.Tickets.Where(t => t.Check == TicketCheck.NotFound).Select(t => $"Ticket {t.Id} not found in Linear."));
        var unverified = plan.Tickets.Where(t => t.Check == TicketCheck.Unverified).Select(t => t.Id).ToList();
        if (unverified.Count > 0) warnings.Add($"Tickets not verified in Linear (LINEAR_API_KEY not set): {string.Join(", ", unverified)}.");
        warnings.AddRange(plan.Tickets.Where(t => t.Check == TicketCheck.Verified && !t.IsCompleted).Select(t => $"Ticket {t.Id} is not completed (status: {t.Status})."));
        warnings.AddRange(plan.PullRequests.Where(p => p.IndependentlyApproved == false).Select(p => $"PR #{p.Number} was not approved by anyone other than its author."));
        if (policy is { Changed: true }) warnings.Add($"The release policy changes: {policy.Summary}; it takes effect from the next release.");
        if (openPullRequests > 0) warnings.Add($"{openPullRequests} open PRs targeting {stagingBranch} are not included in this release.");
        return warnings;
    }
}
