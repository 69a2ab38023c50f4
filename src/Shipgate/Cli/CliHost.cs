using ProcessEnvironment = System.Environment;

namespace Shipgate.Cli;

/// <summary>
/// Everything the CLI takes from the process: console, terminal, environment, clock, folder.
/// Tests run the real commands in-process by handing in their own.
/// </summary>
/// <param name="OpenTerminal">Opens the controlling terminal the confirmation word is typed at; null when there is none.</param>
internal sealed record CliHost(
    IAnsiConsole Console,
    Func<TextReader?> OpenTerminal,
    Func<string, string?> Environment,
    TimeProvider Clock,
    string WorkingDirectory)
{
    /// <summary>Standard error: where people's text goes when standard output carries JSON (--json, shipgate mcp).</summary>
    public IAnsiConsole ErrorConsole { get; init; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });

    public static CliHost FromProcess() => new(
        AnsiConsole.Console,
        ControllingTerminal.TryOpen,
        ProcessEnvironment.GetEnvironmentVariable,
        TimeProvider.System,
        Directory.GetCurrentDirectory());
}
