using System.CommandLine;
using Shipgate.Mcp;

namespace Shipgate.Cli;

/// <summary><c>shipgate mcp</c>: serve the repository's release tools to an MCP client over stdio until it disconnects.</summary>
internal static class McpCommand
{
    public static Command Create(CliHost host)
    {
        var repo = RepositoryOption.Create();
        var command = new Command("mcp",
            "Serve Shipgate to an AI agent over the Model Context Protocol (stdio): release_plan, release (the word is asked of a person " +
            "through the client's form), audit_verify, audit_report.") { repo };
        command.SetAction(async (parse, ct) =>
        {
            var folder = Path.GetFullPath(parse.GetValue(repo) ?? ".", host.WorkingDirectory);
            await ShipgateMcpServer.RunAsync(host, folder, ct);
            return (int)ExitCode.Success;
        });
        return command;
    }
}
