using System.CommandLine;
using Shipgate.Config;
using Shipgate.Mcp;
using Shipgate.Rendering;

namespace Shipgate.Cli;

/// <summary><c>shipgate mcp</c>: serve the repository's release tools to an MCP client over stdio until it disconnects.</summary>
internal static class McpCommand
{
    public static Command Create(CliHost host)
    {
        var repo = RepositoryOption.Create();
        var confirmWithin = new Option<string?>("--confirm-within")
        {
            Description = $"How long a release waits for the person to answer the confirmation form: 90s, 15m or 1h " +
                $"(default {Duration.Words(ShipgateTools.Patience)}, at most 24 hours). Unanswered, the release aborts and changes nothing.",
            HelpName = "duration",
        };
        confirmWithin.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && Duration.Parse(text) is null)
                result.AddError($"--confirm-within must be a duration such as 90s, 15m or 1h (at most 24 hours), not '{text}'.");
        });
        var command = new Command("mcp",
            "Serve Shipgate to an AI agent over the Model Context Protocol (stdio): release_plan, release (the word is asked of a person " +
            "through the client's form), audit_verify, audit_report.") { repo, confirmWithin };
        // The server answers a client for as long as it is connected: a folder that is not there is said now, not at each tool call.
        command.Validators.Add(result =>
        {
            if (result.GetValue(repo) is { } given && !Directory.Exists(Path.GetFullPath(given, host.WorkingDirectory)))
                result.AddError($"The folder {SafeText.OneLine(given)} does not exist. Give the repository's folder with --repo.");
        });
        command.SetAction(async (parse, ct) =>
        {
            var folder = Path.GetFullPath(parse.GetValue(repo) ?? ".", host.WorkingDirectory);
            var patience = parse.GetValue(confirmWithin) is { } text ? Duration.Parse(text)!.Value : ShipgateTools.Patience;
            await ShipgateMcpServer.RunAsync(host, folder, patience, ct);
            return (int)ExitCode.Success;
        });
        return command;
    }
}
