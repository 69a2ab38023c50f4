using System.Diagnostics;
using Shipgate.Testing;

namespace Shipgate.Tests.Support;

/// <summary>Ctrl-C at a chosen moment of a run: a slow origin to catch git at work, and a cancellation when a marker file appears.</summary>
internal static class Interrupts
{
    /// <summary>
    /// Makes the releaser's fetches and ls-remotes wait on origin: the upload-pack origin runs first
    /// writes <paramref name="started"/>, then waits up to 30 s before serving.
    /// </summary>
    internal static void SlowUploadPack(ReleaseScenario s, string started)
    {
        var script = Path.Combine(s.Folder, "slow-upload-pack");
        File.WriteAllText(script, $"""
            #!/bin/sh
            touch '{started}'
            i=0
            while [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
            exec git-upload-pack "$@"
            """);
        using (var chmod = Process.Start("chmod", ["+x", script])!) chmod.WaitForExit();
        GitScenario.Run(s.Git.Releaser, "config", "remote.origin.uploadpack", script);
    }

    /// <summary>
    /// Cancels <paramref name="interrupt"/> once <paramref name="file"/> exists: Ctrl-C at that moment, told by the file
    /// system (60 s at most: a bound on a hang, not a measure).
    /// </summary>
    internal static async Task CancelWhenAsync(string file, CancellationTokenSource interrupt)
    {
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(file)!, Path.GetFileName(file));
        watcher.Created += (_, _) => created.TrySetResult();
        watcher.EnableRaisingEvents = true;
        if (!File.Exists(file)) await created.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await interrupt.CancelAsync();
    }
}
