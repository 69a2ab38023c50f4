using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Shipgate.Audit;
using Shipgate.Audit.Report;
using Shipgate.Composition;
using Shipgate.Integrations;
using Shipgate.Release;
using Shipgate.Rendering;

namespace Shipgate.Mcp;

/// <summary>
/// The tools <c>shipgate mcp</c> offers an agent, each the same work as its command. Parameter names are the
/// tools' snake_case argument names. Every text a tool returns has its secrets redacted; none holds the word.
/// </summary>
/// <param name="host">The process, with its console swapped per call for a captured one: stdout is the protocol's.</param>
/// <param name="patience">How long the release waits for the person to answer the confirmation form (<c>--confirm-within</c>).</param>
internal sealed class ShipgateTools(CliHost host, string folder, TimeSpan patience)
{
    /// <summary>How long the release waits for the person to answer the confirmation form, unless the operator says otherwise.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(15);

    [Description("Pre-flight, gather and summary of a release from staging to production (a dry run): what would ship, the compliance " +
        "checklist with each box's reason, and the verdict (would_release, blocked and why, nothing_to_release). Changes nothing.")]
    public Task<CallToolResult> ReleasePlan(
        [Description("Plan an emergency release: why it cannot wait for green CI (recorded, and it needs a review).")] string? emergency = null,
        [Description("Why CI cannot be verified (no GitHub access); without it, unverifiable CI blocks the release.")] string? allow_unverified_ci = null,
        CancellationToken ct = default) =>
        GuardAsync(async (people, output) =>
        {
            var context = await ReleaseSetup.OpenAsync(people.Host, new ReleaseOptions(true, allow_unverified_ci, false, emergency), folder,
                people.Secrets, ct);
            var (document, _) = await DryRunPlan.RunAsync(context, ct);
            return Result(PlanDocument.Text(document), output());
        });

    [Description("Release staging to production: runs pre-flight and gather again, then asks the PERSON (not you) for the confirmation word " +
        "through the client's elicitation form. Declined, cancelled, unanswered or a wrong word aborts and changes nothing. Needs a client " +
        "that supports elicitation. Returns the release id, record path, shas, deployment run and ticket comments.")]
    public Task<CallToolResult> Release(
        McpServer server,
        [Description("An emergency release: why it cannot wait for green CI (recorded; review it with shipgate audit review).")] string? emergency = null,
        [Description("Why CI cannot be verified (no GitHub access). Recorded in the release's warnings.")] string? allow_unverified_ci = null,
        [Description("Follow the deployment workflow run to its end before returning (progress notifications tell each poll).")] bool wait = false,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken ct = default)
    {
        if (server.ClientCapabilities?.Elicitation is null)
            return Task.FromResult(Refusal(
                "Shipgate releases only when a person types the confirmation word, and this MCP client cannot ask one: it does not declare " +
                "elicitation support. Nothing was changed. Run shipgate release in a terminal, or use an MCP client that supports elicitation."));
        return GuardAsync(async (people, _) =>
        {
            var context = await ReleaseSetup.OpenAsync(people.Host, new ReleaseOptions(false, allow_unverified_ci, wait, emergency), folder,
                people.Secrets, ct);
            if (progress is not null)
                context = context with { Waiting = new ProgressLines(progress, people.Secrets) };
            var outcome = await ReleasePipeline.ReleaseAsync(context, new ElicitedConfirmation(server, patience), ct);
            var result = ReleaseResult.Text(context, outcome);
            var said = outcome.Released is { } released
                ? $"Released {released.Record.ReleaseId}: {context.Config.ProductionBranch} is at {released.Record.ToSha}; " +
                  $"record {context.RecordLocation(released.Record.ReleaseId)}."
                : "Nothing to release: staging is not ahead of production.";
            return Result(result, said);
        });
    }

    [Description("Verify that the release trail (records, hash chain, release tags, signatures, reviews) is complete and untampered, and, " +
        "with a GitHub token, that GitHub's record of pushes bears it out (the witness). Returns the verdict with every problem and direct push.")]
    public Task<CallToolResult> AuditVerify(CancellationToken ct = default) =>
        GuardAsync(async (people, _) =>
        {
            var (facts, verdict) = await TrailVerification.RunAsync(people.Host, folder, people.Secrets, ct);
            var said = verdict.Ok ? "The audit trail is intact." : $"The audit trail is BROKEN: {verdict.Problems.Count} problem(s).";
            return Result(VerifyScreen.Json(facts, verdict), said);
        });

    [Description("The evidence pack for an audit period: every release, its PRs, reviews, CI, tickets and gaps. Returned as Markdown, " +
        "or written to a file (md, csv, html or json) when 'out' is given.")]
    public Task<CallToolResult> AuditReport(
        [Description("First day of the period, YYYY-MM-DD (UTC, included).")] string since,
        [Description("Last day of the period, YYYY-MM-DD (UTC, included).")] string until,
        [Description("md, csv, html or json (only md without 'out').")] string format = "md",
        [Description("A file to write the report to (its folder must exist); without it the Markdown is returned.")] string? @out = null,
        CancellationToken ct = default) =>
        GuardAsync(async (people, _) =>
        {
            var period = ReportPeriod.Parse(since, until);
            if (!ReportFiles.Formats.TryGetValue(format, out var renderer))
                throw new UsageException($"format must be md, csv, html or json, not '{SafeText.OneLine(format)}'.");
            if (@out is null && format != "md")
                throw new UsageException("Without 'out' the report is returned as Markdown: give format md, or a path in 'out'.");
            var (facts, verdict) = await TrailVerification.RunAsync(people.Host, folder, people.Secrets, ct);
            var report = EvidenceReport.Of(facts.Repository, facts, verdict, period, host.Clock.GetUtcNow());
            var text = renderer.Render(report);
            if (@out is null)
                return new CallToolResult { Content = [new TextContentBlock { Text = people.Secrets.Redact(text) }] };
            var path = Path.GetFullPath(@out, folder);
            if (!Directory.Exists(Path.GetDirectoryName(path)))
                throw new UsageException($"out {SafeText.OneLine(@out)}: the folder {Path.GetDirectoryName(path)} does not exist.");
            ReportFiles.WriteAtomically(path, text, renderer.ByteOrderMark);
            return new CallToolResult
            {
                Content = [new TextContentBlock { Text = $"Wrote {path}: evidence for {period}; releases: {report.Totals.Releases}, " +
                    $"PRs: {report.Totals.PullRequests}, gaps: {report.Totals.Gaps}." }],
            };
        });

    /// <summary>
    /// Runs a tool body with the host's console captured (read by <c>output</c>, redacted), turning a failure into an error
    /// result that names it, with its exit code: an agent reads the same message a person would.
    /// </summary>
    private async Task<CallToolResult> GuardAsync(Func<(CliHost Host, Secrets Secrets), Func<string>, Task<CallToolResult>> body)
    {
        var secrets = Connections.SecretsFrom(host.Environment);
        var captured = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(captured),
        });
        console.Profile.Width = 100;
        var people = host with { Console = console, Errors = console, OpenTerminal = () => null };
        try
        {
            return await body((people, secrets), () => SafeText.Lines(secrets.Redact(captured.ToString())));
        }
        catch (Exception e)
        {
            var code = e is ShipgateException known ? known.Code : ExitCode.Error;
            var message = SafeText.Lines(secrets.Redact(e.Message));
            return new CallToolResult
            {
                IsError = true,
                Content = [new TextContentBlock { Text = $"{message}\n(shipgate exit code {(int)code}: {code})" }],
            };
        }
    }

    /// <summary>Each line a numbered progress notification, its secrets redacted. Reported in order, on the caller's thread.</summary>
    private sealed class ProgressLines(IProgress<ProgressNotificationValue> progress, Secrets secrets) : IProgress<string>
    {
        private int _step;

        public void Report(string value) =>
            progress.Report(new ProgressNotificationValue { Progress = ++_step, Message = SafeText.OneLine(secrets.Redact(value)) });
    }

    private static CallToolResult Refusal(string message) =>
        new() { IsError = true, Content = [new TextContentBlock { Text = message }] };

    /// <param name="document">The tool's JSON document, indented as --json prints it.</param>
    private static CallToolResult Result(string document, string said) => new()
    {
        StructuredContent = JsonElement.Parse(document),
        Content = [new TextContentBlock { Text = said }, new TextContentBlock { Text = document }],
    };
}
