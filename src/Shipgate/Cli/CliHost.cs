namespace Shipgate.Cli;

/// <summary>
/// Everything the CLI takes from the process: console, input, environment, clock, folder.
/// Tests run the real commands in-process by handing in their own.
/// </summary>
public sealed record CliHost(
    IAnsiConsole Console,
    TextReader Input,
    Func<string, string?> Environment,
    TimeProvider Clock,
    string WorkingDirectory)
{
    public static CliHost FromProcess() => new(
        AnsiConsole.Console,
        System.Console.In,
        System.Environment.GetEnvironmentVariable,
        TimeProvider.System,
        Directory.GetCurrentDirectory());
}
