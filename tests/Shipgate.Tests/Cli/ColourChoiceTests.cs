using Spectre.Console;
using Shipgate.Cli;

namespace Shipgate.Tests.Cli;

/// <summary>NO_COLOR and CLICOLOR_FORCE, as a console made from them writes red text to a file.</summary>
public sealed class ColourChoiceTests
{
    private const string Escape = "\u001b[";

    private static string RedWritten(params (string Name, string Value)[] environment)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(ColourChoice.Settings(name => environment.FirstOrDefault(v => v.Name == name).Value, writer));
        console.MarkupLine("[red]refused[/]");
        return writer.ToString();
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    public void Clicolor_force_colours_output_that_is_not_a_terminal(string value) =>
        Assert.Contains(Escape, RedWritten(("CLICOLOR_FORCE", value)));

    [Fact]
    public void No_color_wins_over_clicolor_force() =>
        Assert.DoesNotContain(Escape, RedWritten(("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")));

    [Fact]
    public void Clicolor_force_0_forces_nothing_and_no_color_alone_turns_colour_off()
    {
        // Without either, Spectre decides from the terminal as before; CLICOLOR_FORCE=0 leaves that decision alone.
        Assert.Equal(RedWritten(), RedWritten(("CLICOLOR_FORCE", "0")));
        Assert.DoesNotContain(Escape, RedWritten(("NO_COLOR", "1")));
        Assert.Contains("refused", RedWritten(("NO_COLOR", "1")));
    }
}
