using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Shipgate.Audit;
using Shipgate.Composition;
using Shipgate.Record;

namespace Shipgate.Mcp;

/// <summary>
/// <c>shipgate mcp</c>: a Model Context Protocol server over stdio for one repository, built on the official C# SDK.
/// An agent may plan, verify and report; a release still needs a person, who types the word in the client's form.
/// </summary>
internal static class ShipgateMcpServer
{
    public const string Instructions =
        "Shipgate promotes staging to production with a SOC2 audit record. Call release_plan first and show the person the verdict and " +
        "checklist. release asks the person (never you) for a confirmation word through an elicitation form; you cannot supply it.";

    public static async Task RunAsync(CliHost host, string folder, TimeSpan patience, CancellationToken ct)
    {
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "shipgate", Version = RecordBuilder.Tool.Version },
            ServerInstructions = Instructions,
            ToolCollection = Tools(new ShipgateTools(host, folder, patience)),
        };
        await using var server = McpServer.Create(new StdioServerTransport("shipgate"), options);
        await server.RunAsync(ct);
    }

    public static McpServerPrimitiveCollection<McpServerTool> Tools(ShipgateTools tools)
    {
        var plan = JsonDocument.Parse(RecordSchemas.Text(RecordSchemas.PlanSchema)).RootElement.Clone();
        var result = JsonDocument.Parse(RecordSchemas.Text(RecordSchemas.ResultSchema)).RootElement.Clone();
        var verify = JsonDocument.Parse(RecordSchemas.Text(RecordSchemas.VerifySchema)).RootElement.Clone();
        return
        [
            McpServerTool.Create(tools.ReleasePlan,
                new() { Name = "release_plan", ReadOnly = true, Destructive = false, UseStructuredContent = true, OutputSchema = plan }),
            McpServerTool.Create(tools.Release,
                new() { Name = "release", ReadOnly = false, Destructive = true, UseStructuredContent = true, OutputSchema = result }),
            McpServerTool.Create(tools.AuditVerify,
                new() { Name = "audit_verify", ReadOnly = true, Destructive = false, UseStructuredContent = true, OutputSchema = verify }),
            McpServerTool.Create(tools.AuditReport, new() { Name = "audit_report", ReadOnly = false, Destructive = false }),
        ];
    }
}
