using System.CommandLine;
using System.CommandLine.Parsing;
using Shipgate.Audit;
using Shipgate.Audit.Org;
using Shipgate.Audit.Report;
using Shipgate.Integrations;
using Shipgate.Rendering;

namespace Shipgate.Cli;

/// <summary><c>shipgate audit report</c>: the evidence pack for an audit period, written to one file.</summary>
internal static class AuditReportCommand
{
    public static Command Create(CliHost host)
    {
        var since = new Option<string>("--since") { Description = "First day of the period (YYYY-MM-DD, UTC, included).", Required = true, HelpName = "date" };
        var until = new Option<string>("--until") { Description = "Last day of the period (YYYY-MM-DD, UTC, included).", Required = true, HelpName = "date" };
        var format = new Option<string>("--format") { Description = "md, csv, html or json.", Required = true };
        format.AcceptOnlyFromAmong([.. ReportFiles.Formats.Keys]);
        var output = new Option<string>("--out") { Description = "The file to write; its folder must exist.", Required = true, HelpName = "path" };
        output.CustomParser = result => OutputPath(host, result);
        var repo = RepositoryOption.Create();
        var command = new Command("report", "Write the evidence an auditor samples from: every release of a period, its PRs, reviews, CI, tickets and gaps.")
            { since, until, format, output, repo };
        var org = new OrgOptions();
        org.AddTo(command, repo);
        command.Validators.Add(result =>
        {
            if (result.GetValue(since) is not { } first || result.GetValue(until) is not { } last) return;
            try
            {
                ReportPeriod.Parse(first, last);
            }
            catch (UsageException e)
            {
                result.AddError(e.Message);
            }
        });
        command.SetAction((parse, ct) =>
        {
            var secrets = Connections.SecretsFrom(host.Environment);
            return ShipgateCli.GuardAsync(host, secrets, async () =>
            {
                var period = ReportPeriod.Parse(parse.GetValue(since)!, parse.GetValue(until)!);
                var path = parse.GetValue(output)!;
                var (render, byteOrderMark) = ReportFiles.Formats[parse.GetValue(format)!];
                if (org.Given(parse))
                    return await OrganisationAsync(host, org, parse, secrets, period, path, OrgReportFormats.Renderers[parse.GetValue(format)!],
                        byteOrderMark, ct);

                var (facts, verdict) = await TrailVerification.RunAsync(host, parse.GetValue(repo), secrets, ct);
                var report = EvidenceReport.Of(facts.Repository, facts, verdict, period, host.Clock.GetUtcNow());
                ReportFiles.WriteAtomically(path, render(report), byteOrderMark);

                host.Console.MarkupLine($"Wrote {Markup.Escape(path)}: evidence for {Markup.Escape(period.ToString())}; " +
                    $"releases: {report.Totals.Releases}, PRs: {report.Totals.PullRequests}, gaps: {report.Totals.Gaps}.");
                return ExitCode.Success;
            }, ct);
        });
        return command;
    }

    /// <summary>
    /// report --repos/--org: one evidence pack for the organisation. The pack is written whatever the verdicts (each
    /// repository's is in it, as in the single report); a repository not shown intact is also named on standard error.
    /// </summary>
    private static async Task<ExitCode> OrganisationAsync(CliHost host, OrgOptions org, ParseResult parse, Secrets secrets, ReportPeriod period,
        string path, Func<OrgEvidence, string> render, bool byteOrderMark, CancellationToken ct)
    {
        var (sources, run) = await org.ResolveAsync(parse, host, secrets, period, ct);
        var verdicts = await OrgOptions.VerifyAsync(host, run, sources, quiet: false, ct);
        var evidence = OrgEvidence.Build(verdicts, period, host.Clock.GetUtcNow());
        ReportFiles.WriteAtomically(path, render(evidence), byteOrderMark);

        var totals = evidence.Totals.Totals;
        host.Console.MarkupLine($"Wrote {Markup.Escape(path)}: evidence for {Markup.Escape(period.ToString())} across " +
            $"{Markup.Escape(evidence.Totals.Verify.ToString())} Releases: {totals.Releases}, PRs: {totals.PullRequests}, gaps: {totals.Gaps}.");
        foreach (var r in verdicts.Where(r => r.Status != RepositoryStatus.Intact))
            host.Errors.MarkupLine($"[yellow]{Markup.Escape(SafeText.OneLine(r.Name))}: {Markup.Escape(SafeText.OneLine(OrgEvidence.VerdictText(r)))}[/]");
        return ExitCode.Success;
    }

    /// <summary>The full path of --out, checked before any work: its folder exists and it is not itself a folder.</summary>
    private static string OutputPath(CliHost host, ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (string.IsNullOrWhiteSpace(text))
        {
            result.AddError("--out needs a file path.");
            return "";
        }
        var path = Path.GetFullPath(text, host.WorkingDirectory);
        if (Directory.Exists(path)) result.AddError($"--out {text} is a folder; name the file to write.");
        else if (!Directory.Exists(Path.GetDirectoryName(path))) result.AddError($"--out {text}: the folder {Path.GetDirectoryName(path)} does not exist.");
        return path;
    }

}
