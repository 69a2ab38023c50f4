using System.Text;
using Shipgate.Git;
using Shipgate.Rendering;

namespace Shipgate.Audit.Report;

/// <summary>
/// The evidence report as one CSV table to sample from: a row per pull request, each carrying its
/// release's facts, and one row for a release without PRs. Totals are left to the spreadsheet (a
/// totals row would break the table). An acknowledged direct push is a row of its own: release_id
/// is the review record, pr the commit, approvers its reviewer, warnings the review's note.
/// RFC 4180: every field quoted, quotes doubled, CRLF lines.
/// </summary>
internal static class ReportCsv
{
    public static readonly string[] Columns =
    [
        "release_id", "released_at", "released_by", "from_sha", "to_sha", "emergency", "ci_status", "ci_checks",
        "warnings", "unspecced_changes", "pr", "pr_title", "pr_author", "approvers", "independent_review", "tickets", "compliance_archive",
        "deployment", "tag", "record_path", "record_sha256", "confirmation", "during_freeze",
    ];

    public static string Render(EvidenceReport report)
    {
        var csv = new StringBuilder();
        Row(Columns);
        foreach (var release in report.Releases)
        {
            var record = release.Record;
            string[] facts =
            [
                record.ReleaseId, ReportText.Time(record.Timestamp), record.ReleasedBy, record.FromSha, record.ToSha,
                ReportText.Emergency(release), ReportText.Ci(record.CiStatus), Join(record.CiStatus.Checks.Select(ReportText.Check)),
                Join(record.Warnings), Join(record.UnspeccedChanges.Select(u => u.Description)),
            ];
            string[] trail = [ReportText.Deployment(release), release.Tag ?? "", release.RecordPath, release.RecordSha256 ?? "", ReportText.Confirmation(record),
                release.DuringFreeze ?? ""];
            if (record.PullRequests.Count == 0) Row([.. facts, "", "", "", "", "", "", "", .. trail]);
            foreach (var pr in record.PullRequests)
            {
                var tickets = pr.Tickets.Select(id => record.Tickets.FirstOrDefault(t => t.Id == id) is { } t ? ReportText.Ticket(t) : id);
                Row([
                    .. facts, $"#{pr.Number}", pr.Title, pr.Author, ReportText.Approvers(pr),
                    ReportText.Independent(pr.IndependentlyApproved), Join(tickets), ReportText.Archive(pr), .. trail,
                ]);
            }
        }
        foreach (var review in report.DirectPushReviews)
            foreach (var push in review.DirectPushes ?? [])
                Row([review.ReviewId, ReportText.Time(review.Timestamp), "", "", push.Sha, "no", "", "",
                    $"direct push acknowledged: {review.Note}", "direct push", $"commit {Sha.Short(push.Sha)}", push.Subject, push.Author,
                    ReportText.Reviewer(review), SeparationOfDuties.IsAuthor(SeparationOfDuties.ReviewerOf(review), push.AuthorEmail) ? "no" : "yes",
                    "", "", "", "", "", "", "", ""]);
        return csv.ToString();

        void Row(IEnumerable<string> cells) => csv.Append(string.Join(",", cells.Select(Cell))).Append("\r\n");
    }

    /// <summary>
    /// One field: a single line, quoted, and defused as a formula: a spreadsheet runs a cell that
    /// starts with = + - or @, so such a cell gets a leading apostrophe.
    /// </summary>
    public static string Cell(string text)
    {
        var line = SafeText.OneLine(text);
        if (line.Length > 0 && line[0] is '=' or '+' or '-' or '@') line = "'" + line;
        return "\"" + line.Replace("\"", "\"\"") + "\"";
    }

    private static string Join(IEnumerable<string> items) => string.Join("; ", items);
}
