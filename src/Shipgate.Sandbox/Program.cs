using Shipgate.Cli;
using Shipgate.Sandbox;

// The README's first command: builds a throw-away repository with a bare origin, then runs
// `shipgate release` in it, so anyone can see a whole release with no accounts and no network.
// Extra arguments go to `shipgate release` (for example --dry-run); --keep leaves the folder.
// Ctrl-C aborts the release as it would a real one.
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};
return await SandboxRun.RunAsync(args, ProcessHost.Create(), Console.Out, interrupted.Token);
