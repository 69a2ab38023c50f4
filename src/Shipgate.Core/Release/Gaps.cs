using Shipgate.Audit;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;

namespace Shipgate.Release;

/// <summary>The kinds of gap a release can leave in the audit trail, one per thing an auditor samples.</summary>
internal enum GapKind
{
    CiUnverified,
    CiFailing,
    MissingArchive,
    TicketNotFound,
    TicketUnverified,
    TicketNotCompleted,
    /// <summary>No tracker was asked, and no ticket was named: nothing shows the work was tracked.</summary>
    TicketsNotChecked,
    PullRequestWithoutTicket,
    Unspecced,
    NoIndependentApproval,
    /// <summary>Someone other than the author approved, but only before later commits: not what shipped.</summary>
    ApprovedBeforeLaterCommits,
    /// <summary>A file that steers CI, review or the gate changed without an approval of its PR's final head by someone else.</summary>
    ControlChangeNotReviewed,
    /// <summary>The code host was not asked, so no PR's reviews are known.</summary>
    ReviewsNotRead,
    OpenPullRequest,
    PolicyChanged,
    TrailBroken,
}

/// <summary>
/// One gap "the release will note": what it is about (<paramref name="Subject"/>: a PR "#12", a ticket
/// id, a commit sha) and what more there is to say (<paramref name="Detail"/>: a reason, a status).
/// </summary>
internal sealed record Gap(GapKind Kind, string Subject, string? Detail = null);

/// <summary>One box of the compliance checklist: ticked, or unticked with the reason.</summary>
internal sealed record ChecklistItem(string Label, bool Passed, string? Reason);

/// <summary>
/// Finds a release's gaps once, from the plan and CI; the terminal, the record's warnings and its
/// checklist only word them (<see cref="Checklist"/>, <see cref="Warnings"/>). Pure.
/// </summary>
internal static class Gaps
{
    /// <param name="policy">What the release does to the release policy file; null when it was not compared.</param>
    /// <param name="trail">What pre-flight found broken in the audit trail (an emergency release goes ahead regardless).</param>
    public static IReadOnlyList<Gap> Find(ReleasePlan plan, CiResult ci, IReadOnlyList<OpenPullRequest> openPullRequests,
        PolicyChange? policy = null, TrailHealth? trail = null)
    {
        var gaps = new List<Gap>();
        if (!ci.Verified) gaps.Add(new Gap(GapKind.CiUnverified, ci.Sha, ci.UnverifiedReason));
        else if (!ci.Passed) gaps.Add(new Gap(GapKind.CiFailing, ci.Sha, string.Join("; ", ci.Failures ?? [])));
        gaps.AddRange(plan.PullRequestsWithoutArchive.Select(p => new Gap(GapKind.MissingArchive, $"#{p.Number}")));
        foreach (var ticket in plan.Tickets)
        {
            // The detail names the tracker (Linear, Jira) the ticket's key belongs to.
            if (ticket.Check == TicketCheck.NotFound) gaps.Add(new Gap(GapKind.TicketNotFound, ticket.Id, TicketSystems.Name(ticket.System)));
            else if (ticket.Check == TicketCheck.Unverified) gaps.Add(new Gap(GapKind.TicketUnverified, ticket.Id, TicketSystems.Name(ticket.System)));
            else if (!ticket.IsCompleted) gaps.Add(new Gap(GapKind.TicketNotCompleted, ticket.Id, ticket.Status));
        }
        if (!plan.TicketsChecked && plan.Tickets.Count == 0) gaps.Add(new Gap(GapKind.TicketsNotChecked, "tickets"));
        gaps.AddRange(plan.PullRequestsWithoutTicket.Select(p => new Gap(GapKind.PullRequestWithoutTicket, $"#{p.Number}")));
        gaps.AddRange(plan.Unspecced.Select(u => new Gap(GapKind.Unspecced,
            u.Kind == UnspeccedKind.Commit ? Sha.Short(u.Reference) : u.Reference, u.Description)));
        // Reviews are judged only when the code host was asked; a PR it could not find counts as not approved.
        if (!plan.CodeHostAsked && plan.PullRequests.Count > 0)
            gaps.Add(new Gap(GapKind.ReviewsNotRead, "reviews"));
        else if (plan.ReviewsKnown)
            gaps.AddRange(plan.PullRequests.Where(p => p.IndependentlyApproved != true)
                .Select(p => p is { IndependentlyApproved: false, ApprovedBeforeLaterCommits.Count: > 0 }
                    ? new Gap(GapKind.ApprovedBeforeLaterCommits, $"#{p.Number}", string.Join(", ", p.ApprovedBeforeLaterCommits))
                    : new Gap(GapKind.NoIndependentApproval, $"#{p.Number}", p.IndependentlyApproved is null ? "reviews unknown" : null)));
        gaps.AddRange(plan.ControlChanges.Where(c => !c.IndependentlyReviewed).DistinctBy(c => c.Source)
            .Select(c => new Gap(GapKind.ControlChangeNotReviewed, c.Source, ControlChanges.Reason(c.Review))));
        gaps.AddRange(openPullRequests.Select(p => new Gap(GapKind.OpenPullRequest, $"#{p.Number}")));
        if (policy is { Changed: true }) gaps.Add(new Gap(GapKind.PolicyChanged, policy.Path, policy.Summary));
        gaps.AddRange((trail?.Warnings ?? []).Select(w => new Gap(GapKind.TrailBroken, "audit trail", w)));
        return gaps;
    }

    /// <summary>
    /// The summary's COMPLIANCE STATUS, the same boxes on screen, in the Markdown record and in --json. A box is ticked
    /// only on evidence: the tickets box needs a tracker that verified them and a ticket on every PR; without the code
    /// host, the review box says "not verified".
    /// </summary>
    /// <param name="reviewsKnown">Whether the code host told the reviews: the review box is shown then (or when they could not be read).</param>
    /// <param name="policyCompared">Whether the release policy file was compared: its box is shown only then.</param>
    /// <param name="controlsJudged">Whether control changes were looked for (every release does): their box is shown only then.</param>
    public static IReadOnlyList<ChecklistItem> Checklist(IReadOnlyList<Gap> gaps, bool reviewsKnown, bool policyCompared = false, bool controlsJudged = false)
    {
        string Subjects(GapKind kind) => Listed(Of(gaps, kind).Select(g => g.Subject).ToList());
        var items = new List<ChecklistItem>();

        var ci = gaps.FirstOrDefault(g => g.Kind is GapKind.CiUnverified or GapKind.CiFailing);
        items.Add(new("CI passing on staging", ci is null, ci switch
        {
            null => null,
            { Kind: GapKind.CiFailing } => $"failing ({ci.Detail}); an emergency release",
            _ => $"not verified: {ci.Detail}",
        }));

        var missing = Subjects(GapKind.MissingArchive);
        items.Add(new("All PRs have compliance archives", missing.Length == 0, missing.Length == 0 ? null : $"no archive for {missing}"));

        var ticketProblems = new List<string>();
        if (Subjects(GapKind.TicketNotFound) is { Length: > 0 } notFound) ticketProblems.Add($"not found: {notFound}");
        if (Subjects(GapKind.TicketUnverified) is { Length: > 0 } unverified) ticketProblems.Add($"not verified (no ticket tracker): {unverified}");
        var notDone = Of(gaps, GapKind.TicketNotCompleted).Select(g => $"{g.Subject} ({g.Detail})").ToList();
        if (notDone.Count > 0) ticketProblems.Add($"not completed: {Listed(notDone)}");
        if (Of(gaps, GapKind.TicketsNotChecked).Any() && ticketProblems.Count == 0)
            ticketProblems.Add("not verified: no ticket tracker was asked (set LINEAR_API_KEY for Linear, or JIRA_EMAIL and JIRA_API_TOKEN for Jira)");
        if (Of(gaps, GapKind.PullRequestWithoutTicket).Select(g => g.Subject).ToList() is { Count: > 0 } ticketless)
            ticketProblems.Add($"{(ticketless.Count == 1 ? "PR" : "PRs")} without a ticket: {Listed(ticketless)}");
        items.Add(new("All tickets linked and verified", ticketProblems.Count == 0, ticketProblems.Count == 0 ? null : string.Join("; ", ticketProblems)));

        var unspecced = Of(gaps, GapKind.Unspecced).ToList();
        items.Add(new("No unspecced changes detected", unspecced.Count == 0,
            unspecced.Count == 0 ? null : $"{unspecced.Count} unspecced: {Listed(unspecced.Select(g => g.Subject).ToList())}"));

        if (Of(gaps, GapKind.ReviewsNotRead).Any())
            items.Add(new("Every PR approved by someone other than its author", false, "not verified: reviews cannot be read without GitHub"));
        else if (reviewsKnown)
        {
            var problems = new List<string>();
            if (Subjects(GapKind.NoIndependentApproval) is { Length: > 0 } notApproved) problems.Add($"not independently approved: {notApproved}");
            if (Subjects(GapKind.ApprovedBeforeLaterCommits) is { Length: > 0 } stale) problems.Add($"approved before later commits: {stale}");
            items.Add(new("Every PR approved by someone other than its author", problems.Count == 0,
                problems.Count == 0 ? null : string.Join("; ", problems)));
        }
        if (controlsJudged)
        {
            var unreviewed = Of(gaps, GapKind.ControlChangeNotReviewed).Select(g => $"{g.Subject} ({g.Detail})").ToList();
            items.Add(new("Control changes independently reviewed", unreviewed.Count == 0,
                unreviewed.Count == 0 ? null : $"not independently reviewed: {Listed(unreviewed)}"));
        }
        if (policyCompared)
        {
            var policy = Of(gaps, GapKind.PolicyChanged).FirstOrDefault();
            items.Add(new("Release policy unchanged", policy is null, policy is null ? null : $"{policy.Detail}; it takes effect from the next release"));
        }
        return items;
    }

    /// <summary>How many names a checklist box's reason lists; the record's warnings and lists name every one.</summary>
    public const int NamesListed = 20;

    /// <summary>Names for a box's reason: all of a few, or the first <see cref="NamesListed"/> and how many more, so a box stays readable.</summary>
    private static string Listed(IReadOnlyList<string> names) =>
        names.Count <= NamesListed ? string.Join(", ", names) : $"{string.Join(", ", names.Take(NamesListed))} and {names.Count - NamesListed} more";

    /// <summary>Every gap, one sentence each, for the record's <c>warnings</c>.</summary>
    public static IReadOnlyList<string> Warnings(IReadOnlyList<Gap> gaps, string stagingBranch)
    {
        IEnumerable<string> Each(GapKind kind, Func<Gap, string> sentence) => Of(gaps, kind).Select(sentence);
        var warnings = new List<string>();
        warnings.AddRange(Each(GapKind.CiUnverified, g => $"CI on staging was not verified: {g.Detail}"));
        warnings.AddRange(Each(GapKind.CiFailing, g => $"CI on staging was failing and the release went ahead as an emergency: {g.Detail}"));
        warnings.AddRange(Each(GapKind.MissingArchive, g => $"PR {g.Subject} has no compliance archive."));
        warnings.AddRange(Each(GapKind.TicketNotFound, g => $"Ticket {g.Subject} not found in {g.Detail ?? "Linear"}."));
        foreach (var unverified in Of(gaps, GapKind.TicketUnverified).GroupBy(g => g.Detail ?? "Linear"))
            warnings.Add($"Tickets not verified in {unverified.Key} ({(unverified.Key == "Jira" ? "JIRA_EMAIL or JIRA_API_TOKEN" : "LINEAR_API_KEY")} " +
                $"not set): {string.Join(", ", unverified.Select(g => g.Subject))}.");
        warnings.AddRange(Each(GapKind.TicketNotCompleted, g => $"Ticket {g.Subject} is not completed (status: {g.Detail})."));
        warnings.AddRange(Each(GapKind.NoIndependentApproval, g => g.Detail is null
            ? $"PR {g.Subject} was not approved by anyone other than its author."
            : $"PR {g.Subject}: its reviews could not be read, so no independent approval is known."));
        warnings.AddRange(Each(GapKind.ApprovedBeforeLaterCommits, g =>
            $"PR {g.Subject} was approved before later commits (by {g.Detail}); no approval of its final head by anyone other than its author."));
        warnings.AddRange(Each(GapKind.ControlChangeNotReviewed, g =>
            $"{(g.Subject.StartsWith('#') ? "PR " : "Commit ")}{g.Subject} changes files that steer CI, review or the release gate " +
            $"and was not independently reviewed: {g.Detail}."));
        warnings.AddRange(Each(GapKind.PolicyChanged, g => $"The release policy changes: {g.Detail}; it takes effect from the next release."));
        var open = Of(gaps, GapKind.OpenPullRequest).Count();
        if (open > 0)
            warnings.Add(open == 1
                ? $"1 open PR targeting {stagingBranch} is not included in this release."
                : $"{open} open PRs targeting {stagingBranch} are not included in this release.");
        warnings.AddRange(Each(GapKind.TrailBroken, g => g.Detail!));
        return warnings;
    }

    public static IEnumerable<Gap> Of(IEnumerable<Gap> gaps, GapKind kind) => gaps.Where(g => g.Kind == kind);
}
