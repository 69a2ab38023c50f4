using System.CommandLine;
using Shipgate.Rendering;

namespace Shipgate.Cli;

/// <summary>The command line: parsing and error reporting only; each command hands over to plain classes.</summary>
internal static class ShipgateCli
{
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken ct = default)
    {
        var root = new RootCommand("Shipgate: promote staging to production with a SOC2 audit trail.");
        root.Subcommands.Add(ReleaseCommand.Create(host));
        root.Subcommands.Add(AuditCommand.Create(host));
        root.Subcommands.Add(McpCommand.Create(host));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                host.Console.MarkupLine($"[red]{Markup.Escape(error.Message)}[/]");
            host.Console.WriteLine("Run shipgate --help for usage.");
            return (int)ExitCode.Usage;
        }
        // Ctrl-C is ours to handle (Program.cs): it must end in the documented "aborted" code, not 130.
        return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, ct);
    }

    /// <summary>Runs a command body, turning failures into their message and documented exit code.</summary>
    public static async Task<int> GuardAsync(CliHost host, Secrets secrets, Func<Task<ExitCode>> body, CancellationToken ct)
    {
        try
        {
            return (int)await body();
        }
        catch (ShipgateException e) when (ct.IsCancellationRequested && e.Code == ExitCode.Error)
        {
            // Ctrl-C reaches git too; its failure is the interruption, not an error of its own.
            host.Console.MarkupLine($"[yellow]Interrupted (Ctrl-C): {Markup.Escape(Shown(e))}[/]");
            return (int)ExitCode.Aborted;
        }
        catch (ShipgateException e)
        {
            var colour = e.Code switch { ExitCode.Blocked or ExitCode.Aborted => "yellow", _ => "red" };
            host.Console.WriteLine();
            host.Console.MarkupLine($"[{colour}]{Markup.Escape(Shown(e))}[/]");
            return (int)e.Code;
        }
        catch (OperationCanceledException)
        {
            host.Console.MarkupLine("[yellow]Interrupted (Ctrl-C).[/]");
            return (int)ExitCode.Aborted;
        }
        catch (Exception e)
        {
            host.Console.MarkupLine($"[red]Unexpected error: {Markup.Escape(Shown(e))}[/]");
            return (int)ExitCode.Error;
        }

        // Messages may quote git, GitHub or Linear: no secret and no control character reaches the terminal.
        string Shown(Exception e) => SafeText.Lines(secrets.Redact(e.Message));
    }
}
