using Shipgate.Rendering;
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
    /// <summary>Where errors and warnings go (stderr), so that a piped result holds results only; by default the console itself.</summary>
    public IAnsiConsole Errors { get; init; } = Console;

    /// <summary>Standard error is a terminal: a progress line that rewrites itself may be shown there.</summary>
    public bool ErrorsAreTerminal { get; init; }

    /// <summary>The process's own: stdout for results, stderr for errors, each as wide as its terminal (COLUMNS wins) or unlimited when redirected.</summary>
    public static CliHost FromProcess()
    {
        var columns = ProcessEnvironment.GetEnvironmentVariable("COLUMNS");
        var output = AnsiConsole.Console;
        output.Profile.Width = ScreenLayout.Width(!System.Console.IsOutputRedirected, columns, output.Profile.Width);
        var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
        errors.Profile.Width = ScreenLayout.Width(!System.Console.IsErrorRedirected, columns, errors.Profile.Width);
        return new CliHost(
            output, ControllingTerminal.TryOpen, ProcessEnvironment.GetEnvironmentVariable, TimeProvider.System, Directory.GetCurrentDirectory())
        {
            Errors = errors,
            ErrorsAreTerminal = !System.Console.IsErrorRedirected,
        };
    }
}
