using Shipgate;
using Shipgate.Cli;

// `shipgate --version` alone is answered before the consoles and the command line are built, which it does not use:
// the .NET tool then starts in about half the CPU time (bench/startup.sh). The same line as the --version option's.
if (args is ["--version"])
{
    Console.Out.WriteLine(ShipgateCli.Version());
    KeypadMode.Restore();
    return (int)ExitCode.Success;
}

// Ctrl-C cancels the run instead of killing the process, so that it ends with the documented
// "aborted" exit code and never between the steps of a release.
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};
try
{
    return await ShipgateCli.RunAsync(args, ProcessHost.Create(), interrupted.Token);
}
finally
{
    KeypadMode.Restore();
}
