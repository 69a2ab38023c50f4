using System.Diagnostics;
using Shipgate.Cli;

namespace Shipgate.Tests.Cli;

/// <summary>
/// shipgate run at a real terminal (a pseudo-terminal made by script(1)) leaves it as it found it: .NET switches the keypad to
/// application mode when the console starts, and the last keypad sequence shipgate writes switches it back.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KeypadModeTests
{
    private const string Transmit = "\u001b[?1h\u001b=";

    [Theory]
    [InlineData("--version")]
    [InlineData("doctor", "--repo", "/")]
    [InlineData("relase")]
    public void The_terminal_is_left_in_normal_keypad_mode(params string[] args)
    {
        var output = AtTerminal(args);

        Assert.Contains(KeypadMode.Local, output);
        Assert.True(output.LastIndexOf(KeypadMode.Local, StringComparison.Ordinal) > output.LastIndexOf(Transmit, StringComparison.Ordinal),
            $"the keypad is left in application mode: {output.Replace("\u001b", "ESC")}");
    }

    [Fact]
    public void Nothing_is_written_for_the_keypad_when_the_output_is_not_a_terminal()
    {
        var start = Start("dotnet", [typeof(ShipgateCli).Assembly.Location, "--version"]);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)));

        Assert.StartsWith("shipgate ", output);
        Assert.DoesNotContain("\u001b", output);
    }

    /// <summary>What shipgate writes to a terminal: script(1) runs it on a pseudo-terminal and copies what it wrote.</summary>
    private static string AtTerminal(string[] args)
    {
        var command = string.Join(' ', new[] { "dotnet", typeof(ShipgateCli).Assembly.Location }.Concat(args).Select(a => $"'{a}'"));
        using var process = Process.Start(Start("script", ["-qec", command, "/dev/null"]))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "shipgate did not finish");
        return output.Result;
    }

    private static ProcessStartInfo Start(string program, string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["TERM"] = "xterm-256color";
        start.Environment["GH_TOKEN"] = null;
        start.Environment["GITHUB_TOKEN"] = null;
        return start;
    }
}
