using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Release;
using Shipgate.Tests.Audit;

namespace Shipgate.Tests.Release;

/// <summary>A release already made, as the phases after the push get it.</summary>
internal static class MadeRelease
{
    public static readonly RecordTicket[] Tickets =
    [
        new("BOL-1", "A", null, "Done", "completed", TicketCheck.Verified),
        new("BOL-2", "B", null, "Done", "completed", TicketCheck.Verified),
        new("BOL-9", null, null, null, null, TicketCheck.NotFound),
        new("ENG-5", "C", null, "Done", "completed", TicketCheck.Verified),
    ];

    public static Released Made() =>
        new(ReportRecords.Released("release-2026-02-04-153045", ReportRecords.At("2026-02-04T15:30:45"), tickets: Tickets), new string('e', 40));

    public static WorkflowRun Run(RunStatus status) =>
        new(1, "deploy", status, status == RunStatus.Completed ? RunConclusion.Success : null, "https://github.com/acme/shop/actions/runs/1");
}
