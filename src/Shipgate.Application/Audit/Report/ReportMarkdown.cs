using System.Text;
using Shipgate.Git;
using Shipgate.Rendering;

namespace Shipgate.Audit.Report;

/// <summary>The evidence report as Markdown. Every recorded text goes through <see cref="SafeText.Markdown"/>.</summary>
internal static class ReportMarkdown
{
    public static string Render(EvidenceReport report)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        static string M(string? text) => SafeText.Markdown(text);
        static string Link(string text, string? url) => SafeText.MarkdownUrl(url) is { } safe ? $"[{text}]({safe})" : text;

        var totals = report.Totals;
        Line("# Release evidence report");
        Line();
        Line($"> Repository: {M(report.Repository)}  ");
        Line($"> Period: {report.Period}  ");
        Line($"> Generated: {ReportText.Time(report.GeneratedAt)} by Shipgate");
        Line();
        Line($"**Audit trail**: {M(ReportText.Verify(report.Verify))}");
        Line();
        Line("## Totals");
        Line();
        Line("| Measure | Value |");
        Line("|---------|-------|");
        Line($"| Releases | {totals.Releases} |");
        Line($"| Pull requests | {totals.PullRequests} |");
        Line($"| Independently reviewed | {totals.IndependentlyReviewed} of {totals.PullRequests} ({totals.ShareIndependentlyReviewed}); " +
             $"unknown: {totals.ReviewUnknown} |");
        Line($"| Unspecced changes | {totals.UnspeccedChanges} |");
        Line($"| Gaps (warnings) | {totals.Gaps} |");
        Line($"| Emergency releases | {totals.Emergencies} (not reviewed: {totals.EmergenciesUnreviewed}) |");
        Line($"| Direct pushes acknowledged | {totals.DirectPushesAcknowledged} |");
        if (report.UnreadableRecords.Count > 0)
        {
            Line();
            Line($"**Records that could not be read** (run `shipgate audit verify`): {string.Join(", ", report.UnreadableRecords.Select(M))}");
        }
        if (report.Releases.Count == 0)
        {
            Line();
            Line("No release was recorded in this period.");
        }

        foreach (var release in report.Releases)
        {
            var record = release.Record;
            Line();
            Line($"## {M(record.ReleaseId)}");
            Line();
            Line($"- **Released at**: {ReportText.Time(record.Timestamp)}");
            Line($"- **Tag**: {M(ReportText.Tag(release))}");
            Line($"- **Record**: {M(ReportText.Record(release))}");
            Line($"- **Confirmed**: {M(ReportText.Confirmation(record))}");
            Line($"- **Released by**: {M(record.ReleasedBy)}{(record.ReleasedByLogin is null ? "" : $" (@{M(record.ReleasedByLogin)})")}");
            if (ReportText.ApprovedBy(record) is { } approvedBy) Line($"- **Approved by**: {M(approvedBy)}");
            Line($"- **Range**: `{Sha.Short(record.FromSha)}` → `{Sha.Short(record.ToSha)}` ({Plural.Of(record.CommitsCount, "commit")})");
            Line($"- **Emergency**: {M(ReportText.Emergency(release))}");
            Line($"- **CI**: {M(ReportText.Ci(record.CiStatus))}");
            Line($"- **Deployment**: {M(ReportText.Deployment(release))}");
            if (release.DuringFreeze is { } freeze) Line($"- **During a freeze**: {M(freeze)} (an emergency)");
            Line();
            Line("### Pull requests");
            Line();
            if (record.PullRequests.Count == 0) Line("None.");
            else
            {
                Line("| PR | Title | Author | Approvers | Independent review | Tickets | Compliance archive |");
                Line("|----|-------|--------|-----------|--------------------|---------|--------------------|");
                foreach (var pr in record.PullRequests)
                    Line($"| {Link($"#{pr.Number}", pr.Url)} | {M(pr.Title)} | {M(pr.Author)} | {M(ReportText.Approvers(pr))} | " +
                         $"{ReportText.Independent(pr.IndependentlyApproved)} | {M(string.Join(", ", pr.Tickets))} | {M(ReportText.Archive(pr))} |");
            }
            List("CI checks", record.CiStatus.Checks.Select(c => $"{(c.Passed ? "✅" : "❌")} {M(ReportText.Check(c))}"));
            List("Tickets", record.Tickets.Select(t => Link(M(ReportText.Ticket(t)), t.Url)));
            List("Unspecced changes", record.UnspeccedChanges.Select(u => M(u.Description)));
            List("Warnings", record.Warnings.Select(M));
        }
        if (report.DirectPushReviews.Count > 0)
        {
            Line();
            Line("## Direct pushes acknowledged");
            Line();
            Line("Commits that reached production without a release, each acknowledged afterwards by someone other than its author.");
            Line();
            Line("| Commit | Author | Acknowledged in | At | By | Note |");
            Line("|--------|--------|-----------------|----|----|------|");
            foreach (var review in report.DirectPushReviews)
                foreach (var push in review.DirectPushes ?? [])
                    Line($"| `{M(Sha.Short(push.Sha))}` {M(push.Subject)} | {M(push.Author)} | {M(review.ReviewId)} | " +
                         $"{ReportText.Time(review.Timestamp)} | {M(ReportText.Reviewer(review))} | {M(review.Note)} |");
        }
        if (report.Freezes.Count > 0)
        {
            Line();
            Line("## Freezes");
            Line();
            Line("| Freeze record | Action | At | By | Reason |");
            Line("|---------------|--------|----|----|--------|");
            foreach (var freeze in report.Freezes)
                Line($"| {M(freeze.FreezeId)} | {(freeze.Action == Record.FreezeAction.Start ? "start" : "end")} | {ReportText.Time(freeze.Timestamp)} | " +
                     $"@{M(freeze.RecordedByLogin)} | {M(freeze.Reason)} |");
        }
        Line();
        Line("## Glossary");
        Line();
        foreach (var (term, meaning) in ReportText.Glossary) Line($"- **{M(term)}**: {M(meaning)}");
        return md.ToString();

        void List(string heading, IEnumerable<string> items)
        {
            var lines = items.ToList();
            if (lines.Count == 0) return;
            Line();
            Line($"### {heading}");
            Line();
            foreach (var item in lines) Line($"- {item}");
        }
    }
}
