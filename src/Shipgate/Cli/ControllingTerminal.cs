namespace Shipgate.Cli;

/// <summary>
/// The terminal of the person running Shipgate, opened directly (/dev/tty, or CONIN$ on Windows) rather
/// than through standard input: piped input can be written by a script, the controlling terminal only
/// by someone at it. A process without one (CI, a daemon, setsid) gets null.
/// </summary>
internal static class ControllingTerminal
{
    public static TextReader? TryOpen()
    {
        try
        {
            var device = OperatingSystem.IsWindows() ? "CONIN$" : "/dev/tty";
            return new StreamReader(new FileStream(device, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
