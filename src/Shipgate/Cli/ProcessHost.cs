using Shipgate.Rendering;
using ProcessEnvironment = System.Environment;

namespace Shipgate.Cli;

/// <summary>The <see cref="CliHost"/> of this process: the real console, terminal, environment and clock.</summary>
internal static class ProcessHost
{
    /// <summary>The process's own: stdout for results, stderr for errors, each as wide as its terminal (COLUMNS wins) or unlimited when redirected.</summary>
    public static CliHost Create()
    {
        var columns = ProcessEnvironment.GetEnvironmentVariable("COLUMNS");
        var output = AnsiConsole.Create(ColourChoice.Settings(ProcessEnvironment.GetEnvironmentVariable, System.Console.Out));
        output.Profile.Width = ScreenLayout.Width(!System.Console.IsOutputRedirected, columns, output.Profile.Width);
        var errors = AnsiConsole.Create(ColourChoice.Settings(ProcessEnvironment.GetEnvironmentVariable, System.Console.Error));
        errors.Profile.Width = ScreenLayout.Width(!System.Console.IsErrorRedirected, columns, errors.Profile.Width);
        return new CliHost(
            output, ControllingTerminal.TryOpen, ProcessEnvironment.GetEnvironmentVariable, TimeProvider.System, Directory.GetCurrentDirectory())
        {
            Errors = errors,
            ErrorsAreTerminal = !System.Console.IsErrorRedirected,
        };
    }
}
