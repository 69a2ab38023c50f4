using System.Net;
using System.Security.Cryptography;
using System.Text;
using Shipgate.Integrations;
using Shipgate.Release;
using Shipgate.Release.After;
using Shipgate.Rendering;

namespace Shipgate.Audit.Report;

/// <summary>
/// The evidence report as one self-contained static page: no external asset, CSS inline (with
/// print styles), and a Content-Security-Policy that allows no script at all and only this
/// page's own style sheet, so even text that escaped escaping could run nothing. Every recorded
/// text is HTML-encoded.
/// </summary>
internal static class ReportHtml
{
    private const string FontStack = "system-ui, \"Segoe UI\", Roboto, \"DejaVu Sans\", sans-serif";

    private const string Css = $$"""
        :root { color-scheme: light; }
        body { font: 14px/1.45 {{FontStack}}; color: #1f2328; background: #fff; max-width: 1120px; margin: 2rem auto; padding: 0 1.5rem; }
        h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
        h2 { font-size: 1.25rem; margin: 0 0 .5rem; }
        h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
        .meta { color: #59636e; margin: 0 0 1.5rem; }
        .verdict { border: 1px solid #d1d9e0; border-radius: 6px; padding: .5rem .7rem; margin: 0 0 1rem; }
        #glossary { border-top: 1px solid #d1d9e0; margin-top: 2rem; padding-top: .8rem; }
        .totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: .6rem; margin: 0 0 1.5rem; }
        .totals div { border: 1px solid #d1d9e0; border-radius: 6px; padding: .5rem .7rem; }
        .totals dt { color: #59636e; font-size: .85rem; }
        .totals dd { margin: 0; font-size: 1.3rem; font-weight: 600; }
        .totals dd small { display: block; font-size: .8rem; font-weight: 400; color: #59636e; }
        section.release { border-top: 3px solid #1f2328; padding-top: .8rem; margin-top: 2rem; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 .5rem; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; }
        table { border-collapse: collapse; width: 100%; margin: .3rem 0 .8rem; }
        th, td { border: 1px solid #d1d9e0; padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #f6f8fa; font-weight: 600; }
        ul { margin: .2rem 0 .8rem; padding-left: 1.3rem; }
        code { font: .9em ui-monospace, "DejaVu Sans Mono", monospace; }
        .yes { color: #1a7f37; font-weight: 600; }
        .no, .alert { color: #d1242f; font-weight: 600; }
        .unknown { color: #9a6700; }
        .none { color: #59636e; }
        @media print {
          @page { margin: 14mm; }
          body { font-size: 10pt; max-width: none; margin: 0; padding: 0; }
          section.release { break-before: page; }
          h2, h3 { break-after: avoid; }
          tr, .totals div { break-inside: avoid; }
          thead { display: table-header-group; }
          a { color: inherit; text-decoration: none; }
          th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """;

    /// <summary>The CSP names the style sheet by hash: an injected style attribute or element would not apply either.</summary>
    private static readonly string Policy =
        $"default-src 'none'; script-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))}'; " +
        "img-src 'none'; base-uri 'none'; form-action 'none'";

    public static string Render(EvidenceReport report) =>
        Page($"Release evidence report: {report.Repository}, {report.Period.Since:yyyy-MM-dd} to {report.Period.Until:yyyy-MM-dd}", Body(report));

    /// <summary>The page around a report's body: the one style sheet, the CSP that runs nothing. Shared with the organisation's report.</summary>
    internal static string Page(string title, string bodyHtml)
    {
        var html = new StringBuilder();
        void Line(string text) => html.Append(text).Append('\n');
        Line("<!DOCTYPE html>");
        Line("<html lang=\"en\">");
        Line("<head>");
        Line("<meta charset=\"utf-8\">");
        Line($"<meta http-equiv=\"Content-Security-Policy\" content=\"{Policy}\">");
        Line("<meta name=\"referrer\" content=\"no-referrer\">");
        Line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        Line($"<title>{T(title)}</title>");
        Line($"<style>{Css}</style>");
        Line("</head>");
        Line("<body>");
        html.Append(bodyHtml);
        Line("</body>");
        Line("</html>");
        return html.ToString();
    }

    /// <summary>One repository's evidence: its header, totals and releases, as the body of a page.</summary>
    internal static string Body(EvidenceReport report)
    {
        var html = new StringBuilder();
        void Line(string text) => html.Append(text).Append('\n');
        var totals = report.Totals;
        Line("<header>");
        Line("<h1>Release evidence report</h1>");
        Line($"<p class=\"meta\">Repository <strong>{T(report.Repository)}</strong> · Period {T(report.Period.ToString())} · " +
             $"Generated {T(ReportText.Time(report.GeneratedAt))} by Shipgate</p>");
        Line("</header>");
        Line($"<p class=\"verdict\"><strong>Audit trail</strong>: " +
             $"{Word(report.Verify switch { null => "unknown", { Intact: true } => "yes", _ => "no" }, ReportText.Verify(report.Verify))}</p>");
        Line("<dl class=\"totals\">");
        Total("Releases", $"{totals.Releases}");
        Total("Pull requests", $"{totals.PullRequests}");
        Total("Independently reviewed",
            $"{T(totals.ShareIndependentlyReviewed)} <small>{totals.IndependentlyReviewed} of {totals.PullRequests}, unknown {totals.ReviewUnknown}</small>");
        Total("Unspecced changes", $"{totals.UnspeccedChanges}");
        Total("Gaps (warnings)", $"{totals.Gaps}");
        Total("Emergency releases", $"{totals.Emergencies} <small>not reviewed: {totals.EmergenciesUnreviewed}</small>");
        Total("Direct pushes acknowledged", $"{totals.DirectPushesAcknowledged}");
        Line("</dl>");
        if (report.UnreadableRecords.Count > 0)
            Line("<p class=\"alert\">Records that could not be read (run <code>shipgate audit verify</code>): " +
                 $"{T(string.Join(", ", report.UnreadableRecords))}</p>");
        if (report.Releases.Count == 0) Line("<p>No release was recorded in this period.</p>");

        foreach (var release in report.Releases)
        {
            var record = release.Record;
            Line($"<section class=\"release\" id=\"{T(record.ReleaseId)}\">");
            Line($"<h2>{T(record.ReleaseId)}{(release.IsEmergency ? " <span class=\"alert\">· emergency</span>" : "")}</h2>");
            Line("<dl class=\"facts\">");
            Fact("Released at", T(ReportText.Time(record.Timestamp)));
            Fact("Tag", release.Tag is null ? Word("unknown", ReportText.Tag(release)) : $"<code>{T(release.Tag)}</code>");
            Fact("Record", $"<code>{T(release.RecordPath)}</code> · SHA-256 <code>{T(release.RecordSha256 ?? "unknown")}</code>");
            Fact("Confirmed", T(ReportText.Confirmation(record)));
            Fact("Released by", T(record.ReleasedBy) + (record.ReleasedByLogin is null ? "" : $" (@{T(record.ReleasedByLogin)})"));
            if (ReportText.ApprovedBy(record) is { } approvedBy) Fact("Approved by", T(approvedBy));
            Fact("Range", $"<code>{T(record.FromSha)}</code> → <code>{T(record.ToSha)}</code> ({Plural.Of(record.CommitsCount, "commit")})");
            Fact("Emergency", release.IsEmergency && release.Review is null
                ? $"<span class=\"alert\">{T(ReportText.Emergency(release))}</span>"
                : T(ReportText.Emergency(release)));
            Fact("CI", Word(
                record.CiStatus.State switch { CiState.Success => "yes", CiState.Failure => "no", _ => "unknown" },
                ReportText.Ci(record.CiStatus)));
            Fact("Deployment", Word(
                JsonNames.Parse<DeploymentOutcome>(release.DeploymentOutcome) switch
                {
                    DeploymentOutcome.Succeeded => "yes",
                    DeploymentOutcome.Failed or DeploymentOutcome.TimedOut => "no",
                    _ => "unknown",
                },
                ReportText.Deployment(release)));
            if (release.DuringFreeze is { } freeze) Fact("During a freeze", Word("no", $"{freeze} (an emergency)"));
            Line("</dl>");

            Line("<h3>Pull requests</h3>");
            if (record.PullRequests.Count == 0) Line("<p class=\"none\">None.</p>");
            else
            {
                Line("<table><thead><tr><th>PR</th><th>Title</th><th>Author</th><th>Approvers</th><th>Independent review</th>" +
                     "<th>Tickets</th><th>Compliance archive</th></tr></thead><tbody>");
                foreach (var pr in record.PullRequests)
                {
                    var independent = ReportText.Independent(pr.IndependentlyApproved);
                    Line($"<tr><td>{Link($"#{pr.Number}", pr.Url)}</td><td>{T(pr.Title)}</td><td>{T(pr.Author)}</td><td>{T(ReportText.Approvers(pr))}</td>" +
                         $"<td>{Word(independent, independent)}</td><td>{T(string.Join(", ", pr.Tickets))}</td>" +
                         $"<td>{(pr.ComplianceArchive is null ? Word("no", "missing") : T(pr.ComplianceArchive))}</td></tr>");
                }
                Line("</tbody></table>");
            }
            if (record.CiStatus.Checks.Count > 0)
            {
                Line("<h3>CI checks</h3>");
                Line("<table><thead><tr><th>Check</th><th>Conclusion</th></tr></thead><tbody>");
                foreach (var check in record.CiStatus.Checks)
                    Line($"<tr><td>{T(check.Name)}</td><td>{Word(check.Passed ? "yes" : "no", check.Conclusion)}</td></tr>");
                Line("</tbody></table>");
            }
            List("Tickets", record.Tickets.Select(t => Link(ReportText.Ticket(t), t.Url)));
            List("Unspecced changes", record.UnspeccedChanges.Select(u => T(u.Description)));
            List("Warnings", record.Warnings.Select(T));
            Line("</section>");
        }
        if (report.DirectPushReviews.Count > 0)
        {
            Line("<section class=\"release\" id=\"direct-pushes\">");
            Line("<h2>Direct pushes acknowledged</h2>");
            Line("<p>Commits that reached production without a release, each acknowledged afterwards by someone other than its author.</p>");
            Line("<table><thead><tr><th>Commit</th><th>Subject</th><th>Author</th><th>Acknowledged in</th><th>At</th><th>By</th><th>Note</th></tr>" +
                 "</thead><tbody>");
            foreach (var review in report.DirectPushReviews)
                foreach (var push in review.DirectPushes ?? [])
                    Line($"<tr><td><code>{T(push.Sha)}</code></td><td>{T(push.Subject)}</td><td>{T(push.Author)}</td><td>{T(review.ReviewId)}</td>" +
                         $"<td>{T(ReportText.Time(review.Timestamp))}</td><td>{T(ReportText.Reviewer(review))}</td><td>{T(review.Note)}</td></tr>");
            Line("</tbody></table>");
            Line("</section>");
        }
        if (report.Freezes.Count > 0)
        {
            Line("<section class=\"release\" id=\"freezes\">");
            Line("<h2>Freezes</h2>");
            Line("<table><thead><tr><th>Freeze record</th><th>Action</th><th>At</th><th>By</th><th>Reason</th></tr></thead><tbody>");
            foreach (var freeze in report.Freezes)
                Line($"<tr><td>{T(freeze.FreezeId)}</td><td>{T(JsonNames.Of(freeze.Action))}</td><td>{T(ReportText.Time(freeze.Timestamp))}</td>" +
                     $"<td>@{T(freeze.RecordedByLogin)}</td><td>{T(freeze.Reason)}</td></tr>");
            Line("</tbody></table>");
            Line("</section>");
        }
        Line("<section id=\"glossary\">");
        Line("<h2>Glossary</h2>");
        Line("<dl class=\"facts\">");
        foreach (var (term, meaning) in ReportText.Glossary) Fact(T(term), T(meaning));
        Line("</dl>");
        Line("</section>");
        return html.ToString();

        void Total(string label, string valueHtml) => Line($"<div><dt>{label}</dt><dd>{valueHtml}</dd></div>");
        void Fact(string label, string valueHtml) => Line($"<dt>{label}</dt><dd>{valueHtml}</dd>");
        void List(string heading, IEnumerable<string> itemsHtml)
        {
            var items = itemsHtml.ToList();
            if (items.Count == 0) return;
            Line($"<h3>{heading}</h3>");
            Line("<ul>" + string.Concat(items.Select(i => $"<li>{i}</li>")) + "</ul>");
        }
    }

    /// <summary>Recorded text as HTML: one line, entities for &lt; &gt; &amp; and both quotes.</summary>
    public static string T(string? text) => WebUtility.HtmlEncode(SafeText.OneLine(text));

    /// <summary>A link only for http(s) URLs; anything else (javascript:, data:) stays plain text.</summary>
    private static string Link(string text, string? url) =>
        SafeText.MarkdownUrl(url) is { } safe ? $"<a href=\"{T(safe)}\" rel=\"noreferrer\">{T(text)}</a>" : T(text);

    /// <summary>Text in the colour of its verdict class (yes, no, unknown).</summary>
    private static string Word(string verdict, string text) => $"<span class=\"{verdict}\">{T(text)}</span>";
}
