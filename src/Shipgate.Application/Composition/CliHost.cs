namespace Shipgate.Composition;

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
}
