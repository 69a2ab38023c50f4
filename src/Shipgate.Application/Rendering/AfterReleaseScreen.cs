using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Release;
using Shipgate.Release.After;

namespace Shipgate.Rendering;

/// <summary>The lines the phases after the push add to the screen: what they did, and a deployment that needs a person.</summary>
internal static class AfterReleaseScreen
{
    /// <summary>Exit 7 says both things: the release is made, and its deployment failed or did not finish.</summary>
    public static void DeploymentNeedsAttention(IAnsiConsole console, ShipgateConfig config, Released released, DeploymentOutcome outcome)
    {
        var record = released.Record;
        var what = outcome == DeploymentOutcome.Failed
            ? "its deployment FAILED"
            : "its deployment did not finish while --wait followed it";
        console.MarkupLine($"[red]The release {Markup.Escape(record.ReleaseId)} was made ({Markup.Escape(config.ProductionBranch)} is at " +
            $"{Sha.Short(record.ToSha)}, the record is on {Markup.Escape(config.ArchiveBranch)}), but {what}. " +
            $"Exit code {(int)ExitCode.DeploymentFailed}: look at the run before anything else.[/]");
    }

    /// <summary>One line per thing done after the push (GitHub Release, Slack), or why it was not.</summary>
    public static void Line(IAnsiConsole console, string line, bool warning)
    {
        var text = Markup.Escape(SafeText.OneLine(line));
        console.MarkupLine(warning ? $"[yellow]{text}[/]" : text);
    }
}
