using Shipgate.Cli;

// Ctrl-C cancels the run instead of killing the process, so that it ends with the documented
// "aborted" exit code and never between the steps of a release.
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};
return await ShipgateCli.RunAsync(args, CliHost.FromProcess(), interrupted.Token);
