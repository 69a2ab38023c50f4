using Shipgate.Config;
using Shipgate.Release;

namespace Shipgate.Rendering;

/// <summary>
/// CONFIRM RELEASE: what the release will do, the production warning, the emergency banner when there is one, and the word
/// to type. Drawn from plain values the caller has: never the release's context.
/// </summary>
internal static class ConfirmScreen
{
    /// <param name="emergency">The reason given with --emergency; null for a normal release.</param>
    public static void Show(IAnsiConsole console, ShipgateConfig config, string repositoryName, int commits, string? emergency, string word)
    {
        Screens.Banner(console, "CONFIRM RELEASE");
        console.WriteLine($"You are about to deploy {Plural.Of(commits, "commit")} to PRODUCTION.");
        console.WriteLine();
        console.WriteLine("This will:");
        console.WriteLine($"1. Fast-forward {config.ProductionBranch} to {config.StagingBranch}");
        console.WriteLine($"2. Trigger the production deployment of {repositoryName}");
        console.WriteLine($"3. Create a permanent release record in {config.ArchiveBranch}");
        console.WriteLine();
        console.MarkupLine("[red bold]WARNING: This action deploys to PRODUCTION and affects live users.[/]");
        console.WriteLine();
        if (emergency is not null)
        {
            Screens.EmergencyBanner(console, $"EMERGENCY RELEASE: {SafeText.OneLine(emergency)}",
                $"It must be reviewed by someone else with shipgate audit review within {Screens.Duration(config.Audit.ReviewWithin)} of the release.");
            console.WriteLine();
        }
        console.MarkupLine($"To confirm, type the word: [bold]{Markup.Escape(word)}[/]");
        console.WriteLine($"To cancel, type {ConfirmationWord.AbortWord}.");
        console.WriteLine();
        console.Write(new Text("> "));
    }
}
