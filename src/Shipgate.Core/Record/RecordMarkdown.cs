using System.Globalization;
using System.Text;
using Shipgate.Git;
using Shipgate.Release;
using Shipgate.Rendering;

namespace Shipgate.Record;

/// <summary>
/// The human-readable twin of the JSON record (the seed's "Release Markdown Report"), in UTF-8.
/// Every text that came from a PR, a ticket or a commit goes through <see cref="SafeText.Markdown"/>.
/// </summary>
internal static class RecordMarkdown
{
    /// <summary>
    /// How many rows a list shows: the file is read in GitHub's viewer, which renders a Markdown file only while it is small
    /// ("generally less than 2 MB", and complex files may time out: docs.github.com, Repository limits, Text limits) and cuts
    /// a README at 512,000 bytes (github.com/isaacs/github/issues/1610). A release of 20,000 commits would pass both with
    /// every PR as a row, so each list shows its first rows and counts the rest, which the JSON record beside it holds.
    /// </summary>
    public const int RowsListed = 100;

    /// <summary>A list longer than this folds into a &lt;details&gt; block, so the summary tables stay at the top of the page.</summary>
    public const int FoldedFrom = 20;

    /// <param name="archiveFileUrl">Turns an archive branch path into a browsable URL, or null when there is none.</param>
    public static string Render(ReleaseRecord record, IReadOnlyList<ChecklistItem> checklist, Func<string, string?> archiveFileUrl)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        static string Date(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        static string Link(string text, string? url) => SafeText.MarkdownUrl(url) is { } safe ? $"[{text}]({safe})" : text;
        // A long list: folded, its first rows, and how many more the JSON record holds.
        void List<T>(IReadOnlyList<T> items, string what, string? header, Func<T, string> row)
        {
            var folded = items.Count > FoldedFrom;
            if (folded)
            {
                Line($"<details><summary>{items.Count} {what}{(items.Count > RowsListed ? $" (the first {RowsListed} listed)" : "")}</summary>");
                Line();
            }
            if (header is not null) Line(header);
            foreach (var item in items.Take(RowsListed)) Line(row(item));
            if (items.Count > RowsListed)
            {
                Line();
                Line($"… and {items.Count - RowsListed} more: every one is in `{RecordFiles.JsonPath(record.ReleaseId)}`.");
            }
            if (folded)
            {
                Line();
                Line("</details>");
            }
        }

        Line($"# Release: {Date(record.Timestamp)}");
        Line();
        Line($"> Release ID: {SafeText.Markdown(record.ReleaseId)}");
        Line($"> Released by: {SafeText.Markdown(record.ReleasedBy)}" +
             $"{(record.ReleasedByLogin is null ? "" : $" (@{SafeText.Markdown(record.ReleasedByLogin)})")}");
        Line($"> Released at: {Iso(record.Timestamp)}");
        Line();
        Line("## Summary");
        Line();
        Line("| Metric | Value |");
        Line("|--------|-------|");
        Line($"| **Commits** | {record.CommitsCount} |");
        Line($"| **Pull Requests** | {record.PullRequests.Count} |");
        Line($"| **Linear Tickets** | {record.LinearTickets.Count} |");
        if (record.JiraTickets.Count > 0) Line($"| **Jira Tickets** | {record.JiraTickets.Count} |");
        Line($"| **Files Changed** | {record.FilesChanged} (+{record.Insertions}/-{record.Deletions}) |");
        Line();
        Line("## From → To");
        Line();
        Line($"- **From**: `{SafeText.Markdown(record.FromRef)}` @ `{Sha.Short(record.FromSha)}`");
        Line($"- **To**: `{SafeText.Markdown(record.ToRef)}` @ `{Sha.Short(record.ToSha)}`");
        Line();
        Line("## Pull Requests Included");
        Line();
        if (record.PullRequests.Count == 0) Line("None.");
        else
        {
            List(record.PullRequests, "pull requests",
                "| PR | Title | Author | Merged | Compliance Archive |\n|----|-------|--------|--------|-------------------|",
                pr =>
                {
                    var archive = pr.ComplianceArchive is null ? "⚠️ missing"
                        : archiveFileUrl(pr.ComplianceArchive) is { } url ? Link("📋 Report", url)
                        : $"📋 {SafeText.Markdown(pr.ComplianceArchive)}";
                    return $"| {Link($"#{pr.Number}", pr.Url)} | {SafeText.Markdown(pr.Title)} | {SafeText.Markdown(Author(pr))} | " +
                           $"{Date(pr.MergedAt)} | {archive} |";
                });
        }
        Line();
        Line("## Linear Tickets");
        Line();
        if (record.LinearTickets.Count == 0) Line("None.");
        else
        {
            List(record.LinearTickets, "tickets", "| Ticket | Title | Status |\n|--------|-------|--------|", ticket =>
            {
                var status = ticket.Verification switch
                {
                    TicketCheck.NotFound => "⚠️ not found in Linear",
                    TicketCheck.Unverified => "unverified",
                    _ => SafeText.Markdown(ticket.Status),
                };
                return $"| {Link(SafeText.Markdown(ticket.Id), ticket.Url)} | {SafeText.Markdown(ticket.Title)} | {status} |";
            });
        }
        Line();
        if (record.JiraTickets.Count > 0) md.Append(JiraTickets(record.JiraTickets));
        Line("## Changes by Area");
        foreach (var (area, changes) in record.ChangeSummary.Take(RowsListed))
        {
            Line();
            Line($"### {SafeText.Markdown(record.AreaTitles.GetValueOrDefault(area, area))}");
            if (changes.Count > FoldedFrom) Line();
            List(changes, "changes", null, change => $"- {SafeText.Markdown(change)}");
        }
        if (record.ChangeSummary.Count > RowsListed)
        {
            Line();
            Line($"… and {record.ChangeSummary.Count - RowsListed} more areas: every one is in `{RecordFiles.JsonPath(record.ReleaseId)}`.");
        }
        if (record.ControlChanges is { Count: > 0 } controls)
        {
            Line();
            Line("## Release Control Changes");
            Line();
            Line("Files that steer CI, review or the release gate; each needs an approval of its PR's final head by someone other than its author.");
            Line();
            List(controls, "control changes", "| File | Changed by | Author | Approved by | Review |\n|------|------------|--------|-------------|--------|",
                change => $"| {SafeText.Markdown(change.Path)} | {(change.PullRequest is { } n ? $"#{n}" : $"commit `{Sha.Short(change.Commit)}`")} | " +
                          $"{SafeText.Markdown(change.Review is ControlReview.InNoPullRequest or ControlReview.ReviewsNotRead ? change.Author : "@" + change.Author)} | {string.Join(", ", change.Approvers.Select(a => "@" + SafeText.Markdown(a)))} | " +
                          $"{(change.IndependentlyReviewed ? "✅ independently approved" : $"⚠️ {ControlChanges.Reason(change.Review)}")} |");
        }
        Line();
        Line("## Compliance Status");
        Line();
        foreach (var item in checklist)
            Line($"- [{(item.Passed ? "x" : " ")}] {item.Label}{(item.Reason is null ? "" : $" — {SafeText.Markdown(item.Reason)}")}");
        if (record.UnspeccedChanges.Count > 0)
        {
            Line();
            Line("## Unspecced Changes");
            Line();
            List(record.UnspeccedChanges, "unspecced changes", null, change => $"- {SafeText.Markdown(change.Description)}");
        }
        Line();
        Line("## CI Status");
        Line();
        if (record.CiStatus.UnverifiedReason is { } reason)
            Line($"⚠️ CI was not verified: {SafeText.Markdown(reason)}");
        else
        {
            Line(record.CiStatus.State == CiState.Success
                ? "All checks passed on staging before release."
                : $"CI status on staging: {SafeText.Markdown(record.CiStatus.Status)}.");
            Line();
            Line("| Check | Status |");
            Line("|-------|--------|");
            foreach (var check in record.CiStatus.Checks)
                Line($"| {SafeText.Markdown(check.Name)} | {(check.Passed ? "✅" : "❌")} {SafeText.Markdown(check.Conclusion)} |");
        }
        if (record.Policy is { } policy) Policy(policy, Line);
        if (record.Services is { Count: > 0 } services) Services(services, Line);
        if (record.OpenPrs.Count > 0)
        {
            Line();
            Line("## Open PRs Not Included");
            Line();
            List(record.OpenPrs, "open PRs", null, pr => $"- {Link($"#{pr.Number}", pr.Url)} {SafeText.Markdown(pr.Title)} (@{SafeText.Markdown(pr.Author)})");
        }
        if (record.Warnings.Count > 0)
        {
            Line();
            Line("## Warnings");
            Line();
            List(record.Warnings, "warnings", null, warning => $"- {SafeText.Markdown(warning)}");
        }
        Line();
        Line("## Confirmation");
        Line();
        Line($"- **Word presented**: {SafeText.Markdown(record.Confirmation.WordPresented)}");
        Line($"- **Confirmed at**: {Iso(record.Confirmation.ConfirmedAt)}");
        if (record.Confirmation.Approval is { } approval)
            foreach (var line in ApprovalMarkdown.Lines(approval)) Line(line);
        else if (record.Confirmation.Channel is { } channel)
            Line("- **Typed**: " +
                 (channel == ConfirmationChannel.Terminal ? "by the releaser at their terminal" : "by a person asked through MCP elicitation") +
                 (record.Confirmation.Client is { } client ? $" in {SafeText.Markdown(client.Name)} {SafeText.Markdown(client.Version)}" : ""));
        if (record.PreviousRelease is { } previous)
        {
            Line();
            Line("## Previous Release");
            Line();
            Line($"- **Release**: {SafeText.Markdown(previous.Id)}");
            Line($"- **SHA-256 of its record**: `{previous.Sha256}`");
        }
        return md.ToString();
    }

    private static void Services(IReadOnlyList<RecordService> services, Action<string> line)
    {
        line("");
        line("## Services Asked");
        line("");
        foreach (var service in services)
            line($"- **{SafeText.Markdown(service.Service)}**: {SafeText.Markdown(service.Url)} (named by {SafeText.Markdown(service.NamedBy)})");
    }

    private static void Policy(RecordPolicy policy, Action<string> line)
    {
        var source = policy.Source;
        line("");
        line("## Release Policy");
        line("");
        line(source.BlobSha is null
            ? $"- **Source**: no `{SafeText.Markdown(source.Path)}` on `{SafeText.Markdown(source.Ref)}`; Shipgate's defaults applied"
            : $"- **Source**: `{SafeText.Markdown(source.Path)}` at `{SafeText.Markdown(source.Ref)}` @ `{Sha.Short(source.Commit)}`" +
              $" (blob `{Sha.Short(source.BlobSha)}`)");
        if (source.StagingFallback)
            line("- ⚠️ Production had no release policy yet: staging's committed file was used");
        line($"- **Required checks**: {(policy.RequiredChecks.Count == 0 ? "none" : string.Join(", ", policy.RequiredChecks.Select(SafeText.Markdown)))}");
        line($"- **GitHub API**: {SafeText.Markdown(policy.GitHubApiUrl ?? "not set by the policy")}");
        line($"- **Linear API**: {SafeText.Markdown(policy.LinearApiUrl ?? "not set by the policy")}");
        if (policy.JiraSite is { } jiraSite) line($"- **Jira site**: {SafeText.Markdown(jiraSite)}");
        line($"- **Independent review required**: {(policy.RequireIndependentReview ? "yes" : "no")}");
        if (policy.ChangedInRelease)
            line($"- ⚠️ This release changes `{SafeText.Markdown(source.Path)}`; the change governs the next release");
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The Jira tickets' section, present only when the release has some (records before Jira have none).</summary>
    private static string JiraTickets(IReadOnlyList<RecordTicket> tickets)
    {
        var md = new StringBuilder("## Jira Tickets\n\n| Ticket | Title | Status |\n|--------|-------|--------|\n");
        foreach (var ticket in tickets)
        {
            var status = ticket.Verification switch
            {
                TicketCheck.NotFound => "⚠️ not found in Jira",
                TicketCheck.Unverified => "unverified",
                _ => SafeText.Markdown(ticket.Status),
            };
            var id = SafeText.MarkdownUrl(ticket.Url) is { } url ? $"[{SafeText.Markdown(ticket.Id)}]({url})" : SafeText.Markdown(ticket.Id);
            md.Append($"| {id} | {SafeText.Markdown(ticket.Title)} | {status} |\n");
        }
        return md.Append('\n').ToString();
    }

    /// <summary>
    /// A PR's author as the record's Markdown shows it: @login when GitHub was asked about the PR (its review verdict is known),
    /// else the git author's name as it is, which is no GitHub login and never gets an @.
    /// </summary>
    private static string Author(RecordPullRequest pr) => pr.IndependentlyApproved is null ? pr.Author : "@" + pr.Author;
}
