using Shipgate.Config;
using Shipgate.Release;

namespace Shipgate.Rendering;

/// <summary>After the push: the deployment's workflow runs seen (or why none was), and where to monitor it.</summary>
internal static class DeploymentScreen
{
    public static void Triggered(IAnsiConsole console, ShipgateConfig config, DeploymentSeen deployment)
    {
        if (deployment.Runs.Count == 0)
        {
            console.WriteLine(SafeText.Lines(deployment.Note ?? "Deployment: no workflow run seen yet."));
        }
        else
        {
            console.WriteLine("Deployment triggered.");
            console.WriteLine();
            foreach (var run in deployment.Runs)
            {
                console.WriteLine($"GitHub Actions: {SafeText.OneLine(run.Url)}");
                console.WriteLine($"Status: {SafeText.OneLine(run.State)} ({SafeText.OneLine(run.Name)})");
            }
            if (deployment.Note is { } note) console.WriteLine(SafeText.Lines(note));
        }
        if (config.DeployMonitorUrl is { } monitor)
        {
            console.WriteLine();
            console.WriteLine($"Monitor at: {monitor}");
        }
        console.WriteLine();
    }
}
