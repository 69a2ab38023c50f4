using Spectre.Console;

namespace Shipgate.Tests.Support;

/// <summary>A console that writes plain text (no colour, no ANSI, no prompts) to a writer the test reads, 100 columns wide.</summary>
internal static class CapturedConsole
{
    public static IAnsiConsole Create(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 100;
        return console;
    }
}
