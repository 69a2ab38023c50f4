using System.Text;
using Shipgate.Audit.Report;
using Shipgate.Rendering;

namespace Shipgate.Audit.Org;

/// <summary>
/// The organisation's evidence pack in each format of <c>audit report</c>: its own summary and table of repositories,
/// then each repository's section drawn by the single-repository renderers (headings moved down a level or two).
/// </summary>
internal static class OrgReportFormats
{
    public static readonly Dictionary<string, Func<OrgEvidence, string>> Renderers = new()
    {
        ["md"] = Markdown,
        ["csv"] = Csv,
        ["html"] = Html,
        ["json"] = Json,
    };

    /// <summary>The summary's rows, worded once for Markdown and HTML.</summary>
    private static IEnumerable<(string Measure, string Value)> Summary(OrgEvidence org)
    {
        var (verify, t) = (org.Totals.Verify, org.Totals.Totals);
        yield return ("Repositories", $"{verify.Repositories} ({verify.Counts})");
        yield return ("Releases", $"{t.Releases}");
        yield return ("Pull requests", $"{t.PullRequests}");
        yield return ("Independently reviewed", $"{t.IndependentlyReviewed} of {t.PullRequests} ({t.ShareIndependentlyReviewed}); unknown: {t.ReviewUnknown}");
        yield return ("Emergency releases", $"{t.Emergencies} (reviewed: {t.Emergencies - t.EmergenciesUnreviewed}, not reviewed: {t.EmergenciesUnreviewed})");
        yield return ("Direct pushes", $"acknowledged: {t.DirectPushesAcknowledged}; not acknowledged: {org.Totals.DirectPushesUnacknowledged}");
        yield return ("Gaps (warnings)", $"{t.Gaps}");
        yield return ("Unspecced changes", $"{t.UnspeccedChanges}");
    }

    public static string Markdown(OrgEvidence org)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        Line("# Organisation evidence report");
        Line();
        Line($"> Period: {org.Period}  ");
        Line($"> Generated: {ReportText.Time(org.GeneratedAt)} by Shipgate");
        Line();
        Line("## Summary");
        Line();
        Line("| Measure | Value |");
        Line("|---------|-------|");
        foreach (var (measure, value) in Summary(org)) Line($"| {measure} | {value} |");
        Line();
        Line("## Repositories");
        Line();
        Line("| Repository | Verify | Releases | Pull requests |");
        Line("|------------|--------|----------|---------------|");
        foreach (var r in org.Repositories)
            Line($"| {SafeText.Markdown(r.Name)} | {SafeText.Markdown(OrgEvidence.VerdictText(r))} | {r.Report?.Totals.Releases.ToString() ?? "-"} | " +
                 $"{r.Report?.Totals.PullRequests.ToString() ?? "-"} |");
        foreach (var r in org.Repositories)
        {
            Line();
            Line($"## Repository {SafeText.Markdown(r.Name)}");
            Line();
            Line($"**Verify**: {SafeText.Markdown(OrgEvidence.VerdictText(r))}");
            if (r.Report is null) continue;
            Line();
            foreach (var line in ReportMarkdown.Render(r.Report).TrimEnd('\n').Split('\n'))
                Line(line.StartsWith('#') ? "##" + line : line);
        }
        return md.ToString();
    }

    /// <summary>The single-repository table with the repository and its verdict first; a repository without releases in the period still has a row.</summary>
    public static string Csv(OrgEvidence org)
    {
        var csv = new StringBuilder();
        void Row(string prefix, string rest) => csv.Append(prefix).Append(rest.Length > 0 ? "," + rest : "").Append("\r\n");
        Row($"{ReportCsv.Cell("repository")},{ReportCsv.Cell("verify")}", string.Join(",", ReportCsv.Columns.Select(ReportCsv.Cell)));
        foreach (var r in org.Repositories)
        {
            var prefix = $"{ReportCsv.Cell(r.Name)},{ReportCsv.Cell(OrgEvidence.VerdictText(r))}";
            var rows = r.Report is null ? [] : ReportCsv.Render(r.Report).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
            if (rows.Count == 0) Row(prefix, string.Join(",", ReportCsv.Columns.Select(_ => ReportCsv.Cell(""))));
            foreach (var row in rows) Row(prefix, row);
        }
        return csv.ToString();
    }

    public static string Html(OrgEvidence org)
    {
        var html = new StringBuilder();
        void Line(string text) => html.Append(text).Append('\n');
        static string T(string? text) => ReportHtml.T(text);
        Line("<header>");
        Line("<h1>Organisation evidence report</h1>");
        Line($"<p class=\"meta\">Period {T(org.Period.ToString())} · Generated {T(ReportText.Time(org.GeneratedAt))} by Shipgate</p>");
        Line("</header>");
        Line("<h2>Summary</h2>");
        Line("<table><tbody>");
        foreach (var (measure, value) in Summary(org)) Line($"<tr><th>{T(measure)}</th><td>{T(value)}</td></tr>");
        Line("</tbody></table>");
        Line("<h2>Repositories</h2>");
        Line("<table><thead><tr><th>Repository</th><th>Verify</th><th>Releases</th><th>Pull requests</th></tr></thead><tbody>");
        foreach (var r in org.Repositories)
            Line($"<tr><td><a href=\"#{Anchor(r)}\">{T(r.Name)}</a></td><td><span class=\"{(r.Status == RepositoryStatus.Intact ? "yes" : "no")}\">" +
                 $"{T(OrgEvidence.VerdictText(r))}</span></td><td>{r.Report?.Totals.Releases.ToString() ?? "-"}</td>" +
                 $"<td>{r.Report?.Totals.PullRequests.ToString() ?? "-"}</td></tr>");
        Line("</tbody></table>");
        foreach (var r in org.Repositories)
        {
            Line($"<section class=\"release\" id=\"{Anchor(r)}\">");
            Line($"<h2>Repository {T(r.Name)}</h2>");
            Line($"<p>Verify: <span class=\"{(r.Status == RepositoryStatus.Intact ? "yes" : "no")}\">{T(OrgEvidence.VerdictText(r))}</span></p>");
            if (r.Report is not null) html.Append(Demoted(ReportHtml.Body(r.Report)));
            Line("</section>");
        }
        return ReportHtml.Page($"Organisation evidence report, {org.Period.Since:yyyy-MM-dd} to {org.Period.Until:yyyy-MM-dd}", html.ToString());
    }

    /// <summary>A repository's own headings under its section's h2: h1 becomes h3, h2 h4, h3 h5 (recorded text is encoded, so only tags match).</summary>
    private static string Demoted(string body)
    {
        foreach (var level in new[] { 3, 2, 1 })
            body = body.Replace($"<h{level}", $"<h{level + 2}", StringComparison.Ordinal).Replace($"</h{level}>", $"</h{level + 2}>", StringComparison.Ordinal);
        return body;
    }

    private static string Anchor(RepositoryVerdict r) => "repository-" + RepositoryCache.FolderName(r.Source.Url)[..^4];

    /// <summary>schemas/audit-report-org.v1.json.</summary>
    public static string Json(OrgEvidence org) => DocumentJson.Text(OrgReportJson.Of(org), DocumentJson.Default.OrgReportJson) + "\n";
}
