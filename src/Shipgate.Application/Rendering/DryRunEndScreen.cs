using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Release;

namespace Shipgate.Rendering;

/// <summary>The dry run's last word: what a release would do now, or every gate that would stop it, and the command to run.</summary>
internal static class DryRunEndScreen
{
    public static void Show(IAnsiConsole console, ShipgateConfig config, ReleasePlan plan, ReleaseOptions options, IReadOnlyList<WouldBlock> blockers)
    {
        console.WriteLine();
        console.WriteLine("DRY RUN MODE - No changes were made.");
        console.WriteLine();
        var command = new List<string> { "shipgate release" };
        if (options.AllowUnverifiedCi is { } unverified) command.Add($"--allow-unverified-ci {Quoted(unverified)}");
        if (options.Emergency is { } emergency) command.Add($"--emergency {Quoted(emergency)}");
        if (blockers.Count > 0)
        {
            console.MarkupLine($"[yellow]A release now would be BLOCKED: {SafeText.Markup(string.Join("; ", blockers.Select(b => b.Reason)))}.[/]");
            console.WriteLine();
            var flags = blockers.Select(b => b.Flag).OfType<string>().Distinct().ToList();
            if (flags.Count == blockers.Count)
                console.WriteLine($"To release anyway (the reason is recorded), run: {string.Join(" ", command.Concat(flags))}");
            else
                console.WriteLine("Fix what blocks it, then run the dry run again.");
            return;
        }
        console.WriteLine(
            $"A release now would move {config.ProductionBranch} to {Sha.Short(plan.ToSha)} and add a record to {config.ArchiveBranch}.");
        console.WriteLine();
        console.WriteLine($"To execute this release, run: {string.Join(" ", command)}");
    }

    /// <summary>A reason as the shell should see it again: in double quotes, with what the shell expands escaped.</summary>
    private static string Quoted(string reason)
    {
        var text = SafeText.OneLine(reason);
        foreach (var c in new[] { "\\", "\"", "$", "`" }) text = text.Replace(c, "\\" + c);
        return $"\"{text}\"";
    }
}
