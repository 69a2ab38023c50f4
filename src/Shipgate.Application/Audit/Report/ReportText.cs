using System.Globalization;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Release;

namespace Shipgate.Audit.Report;

/// <summary>
/// The plain-text wording every format shares, so md, csv and html say the same thing. The
/// result is raw text: each renderer still escapes it for its format.
/// </summary>
internal static class ReportText
{
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Unknown when the release could not ask GitHub who approved the PR.</summary>
    public static string Independent(bool? approved) => approved switch { true => "yes", false => "no", null => "unknown" };

    public static string Approvers(RecordPullRequest pr) => pr.Approvers.Count == 0 ? "none" : string.Join(", ", pr.Approvers);

    public static string Archive(RecordPullRequest pr) => pr.ComplianceArchive ?? "missing";

    /// <summary>Who approved a release made inside GitHub Actions, and where; null for a word typed at a terminal or in an MCP form.</summary>
    public static string? ApprovedBy(ReleaseRecord record) =>
        record.Confirmation.Approval is { } approval
            ? $"{string.Join(", ", approval.Approvers.Select(a => "@" + a.Login))} in GitHub environment {approval.Environment} " +
              $"(run {approval.Run.Id}, started by @{approval.Run.TriggeringActor})"
            : null;

    public static string Ci(RecordCiStatus ci) => ci.UnverifiedReason is { } reason ? $"{ci.Status}: {reason}" : ci.Status;

    public static string Check(RecordCiCheck check) => $"{check.Name}: {check.Conclusion}";

    public static string Ticket(RecordTicket ticket)
    {
        var state = ticket.Verification switch
        {
            TicketCheck.NotFound => $"not found in {TicketSystems.Name(ticket.System)}",
            TicketCheck.Unverified => "unverified",
            _ => ticket.Status ?? "no status",
        };
        return string.IsNullOrEmpty(ticket.Title) ? $"{ticket.Id} ({state})" : $"{ticket.Id} {ticket.Title} ({state})";
    }

    /// <summary>"no", or the emergency's reason and where its review stands.</summary>
    public static string Emergency(ReleaseEvidence release) => (release.Record.Emergency, release.Review) switch
    {
        (null, _) => "no",
        ({ } e, null) => $"yes{CiOverride(e)}: {e.Reason}; NOT REVIEWED",
        ({ } e, { } r) => $"yes{CiOverride(e)}: {e.Reason}; reviewed by {r.ReviewedBy} on {Day(r.Timestamp)} ({r.ReviewId}, {Reviewer(r)}): {r.Note}",
    };

    /// <summary>Who a review names: "Name &lt;email&gt; (@login)", as much of it as the record holds.</summary>
    public static string Reviewer(ReviewRecord review)
    {
        var reviewer = SeparationOfDuties.ReviewerOf(review);
        return $"{reviewer.Name}{(reviewer.Email.Length > 0 ? $" <{reviewer.Email}>" : "")}{(reviewer.Login is null ? "" : $" (@{reviewer.Login})")}";
    }

    /// <summary>How the release's deployment ended, from its deployment record: succeeded, failed, timed out, or not followed.</summary>
    public static string Deployment(ReleaseEvidence release) => release.Deployment is not { } d
        ? "not followed"
        : $"{d.Outcome.Replace('_', ' ')} ({string.Join("; ", d.Runs.Select(r => $"{r.Name} {r.Conclusion ?? r.Status} {r.Url}"))}; {d.DeploymentId})";

    private static string CiOverride(RecordEmergency emergency) => emergency.CiOverridden ? ", CI gate overridden" : "";
}
