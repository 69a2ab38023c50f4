namespace Shipgate.Cli;

/// <summary>
/// .NET switches a terminal's cursor keys and keypad to application mode (terminfo <c>smkx</c>, <c>ESC[?1h ESC=</c>) as soon
/// as a program touches the console, and never switches them back (dotnet/runtime, "Terminal hardware is always left in
/// application mode"): after it, arrow keys in the shell type <c>^[OA</c>. Shipgate puts the terminal back as it found it.
/// </summary>
internal static class KeypadMode
{
    /// <summary>terminfo <c>rmkx</c> for every terminal .NET sends <c>smkx</c> to (the xterm family, screen, tmux, rxvt, VTE).</summary>
    public const string Local = "\u001b[?1l\u001b>";

    /// <summary>Sends <see cref="Local"/> when standard output is a terminal, which is where .NET sent the switch.</summary>
    public static void Restore()
    {
        if (Console.IsOutputRedirected || Environment.GetEnvironmentVariable("TERM") is null or "" or "dumb") return;
        Console.Out.Write(Local);
        Console.Out.Flush();
    }
}
