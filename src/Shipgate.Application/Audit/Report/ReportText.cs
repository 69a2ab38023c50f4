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

    /// <summary>How the release was confirmed, and by whom: the channel the word was typed in, and the releaser it names.</summary>
    public static string Confirmation(ReleaseRecord record)
    {
        var who = record.ReleasedBy + (record.ReleasedByLogin is null ? "" : $" (@{record.ReleasedByLogin})");
        var word = $"typed the word {record.Confirmation.WordPresented} at {Time(record.Confirmation.ConfirmedAt)}";
        return record.Confirmation.Channel switch
        {
            ConfirmationChannel.Terminal => $"{who} {word} at their terminal",
            ConfirmationChannel.McpElicitation => $"{who} {word} in an MCP client's form" +
                (record.Confirmation.Client is { } client ? $" ({client.Name} {client.Version})" : ""),
            ConfirmationChannel.GitHubEnvironment when record.Confirmation.Approval is { } approval =>
                $"{string.Join(", ", approval.Approvers.Select(a => "@" + a.Login))} approved in GitHub environment {approval.Environment} " +
                $"with the word {record.Confirmation.WordPresented} in the approval comment; the run was started by @{approval.Run.TriggeringActor}",
            null => $"{who} {word} (the record predates recording the channel)",
            ConfirmationChannel other => $"{who} {word} ({JsonNames.Of(other)})",
        };
    }

    /// <summary>The record's place on the archive branch and the SHA-256 that pins its bytes (the next record and the tag quote it).</summary>
    public static string Record(ReleaseEvidence release) => $"{release.RecordPath}, SHA-256 {release.RecordSha256 ?? "unknown"}";

    public static string Tag(ReleaseEvidence release) => release.Tag ?? "none found on the remote";

    /// <summary>Verify's verdict in one line, for the top of the pack.</summary>
    public static string Verify(ReportVerify? verify) => verify switch
    {
        null => "not verified: run shipgate audit verify",
        { Intact: true } v => $"INTACT: every record, link, tag and change of production checks out; GitHub's witness: {v.Witness}",
        var v => $"BROKEN ({v.Problems} {(v.Problems == 1 ? "problem" : "problems")}); first: {v.FirstProblem}; run shipgate audit verify for all of them",
    };

    /// <summary>The words of the pack an auditor may not know, each with what it means here.</summary>
    public static readonly IReadOnlyList<(string Term, string Meaning)> Glossary =
    [
        ("Release record", "The JSON file Shipgate commits to the archive branch in the same atomic push that moves production: what shipped, " +
            "who confirmed it and how. Each record names the SHA-256 of the one before it, so none can be changed or removed unnoticed."),
        ("Release tag", "An annotated git tag named as the release, pushed with it, pointing at the released commit and quoting the record's path and SHA-256."),
        ("Confirmation", "A person typed a randomly drawn word shown with the summary of what ships: at their terminal, or in an MCP client's form. " +
            "A script or piped input cannot confirm."),
        ("Independent review", "The pull request was approved by someone other than its author."),
        ("Unspecced change", "A change released without a specification: a pull request that names no ticket, or a commit that reached staging " +
            "outside any pull request (so nobody reviewed it there either)."),
        ("Compliance archive", "A file on the archive branch, written when a pull request merges (compliance/pr-<number>-…), keeping its reviews, " +
            "checks and files as they were at merge time; 'missing' means none was written."),
        ("Gap", "A warning the release recorded: something a control could not show (CI not verified, a review missing, an archive missing)."),
        ("Emergency release", "A release allowed past a failing gate, with its reason recorded; someone other than the releaser must review it afterwards."),
        ("Direct push", "A commit that reached production without a release; it breaks the trail until someone other than its author acknowledges it."),
        ("Freeze", "A time production must not change: a window of the release policy, or one started with shipgate freeze start. A release in it " +
            "is blocked unless it is an emergency, which the record names."),
        ("Witness", "GitHub's own log of pushes to the production and archive branches, compared with the trail when a token is given."),
    ];

    private static string CiOverride(RecordEmergency emergency) => emergency.CiOverridden ? ", CI gate overridden" : "";
}
