namespace Shipgate.Cli;

/// <summary>
/// Colour as the environment asks (no-color.org, bixense.com/clicolors): <c>NO_COLOR</c> set to anything turns colour off;
/// <c>CLICOLOR_FORCE</c> set to anything but 0 turns it on even when the output is a file or a pipe (a CI log that shows
/// colours). NO_COLOR wins. Otherwise Spectre decides from the terminal, as before.
/// </summary>
internal static class ColourChoice
{
    public static AnsiConsoleSettings Settings(Func<string, string?> environment, TextWriter writer)
    {
        var settings = new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) };
        if (!string.IsNullOrEmpty(environment("NO_COLOR")))
        {
            settings.ColorSystem = ColorSystemSupport.NoColors;
        }
        else if (environment("CLICOLOR_FORCE") is { Length: > 0 } force && force != "0")
        {
            settings.Ansi = AnsiSupport.Yes;
            settings.ColorSystem = ColorSystemSupport.Standard;
        }
        return settings;
    }
}
