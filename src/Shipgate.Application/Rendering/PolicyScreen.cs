using Shipgate.Config;
using Shipgate.Git;

namespace Shipgate.Rendering;

/// <summary>
/// Where the release policy came from, and what a release does to it. The diff is text anyone who
/// can open a pull request wrote: each line is cleaned, its indentation kept.
/// </summary>
internal static class PolicyScreen
{
    /// <summary>One line for the summary's head: the file and blob the release is checked by, or the fallback, said plainly.</summary>
    public static void Source(IAnsiConsole console, ReleasePolicy policy)
    {
        var source = policy.Source;
        var config = policy.Config;
        if (!policy.FromFile)
            console.WriteLine($"Policy: Shipgate's defaults (no {source.Path} on {config.Remote}/{config.ProductionBranch} or {config.StagingBranch})");
        else if (source.StagingFallback)
            console.MarkupLine($"[yellow]Policy: {Markup.Escape(source.Display)} (blob {Sha.Short(source.BlobSha)}). " +
                $"{Markup.Escape(config.ProductionBranch)} has no {Markup.Escape(source.Path)} yet, " +
                "so staging's committed file is used until a release puts one there.[/]");
        else
            console.WriteLine($"Policy: {source.Display} (blob {Sha.Short(source.BlobSha)})" + (source.Commit != policy.ProductionTip
                ? $" at {Sha.Short(source.Commit)}, the last commit of {config.ProductionBranch} the audit trail accounts for ({policy.AccountedBy})"
                : ""));
    }

    /// <summary>The RELEASE POLICY CHANGES section, when the release changes the policy file; nothing otherwise.</summary>
    public static void Changes(IAnsiConsole console, ReleasePolicy policy, PolicyChange change)
    {
        if (!change.Changed) return;
        Screens.Section(console, "RELEASE POLICY CHANGES");
        console.MarkupLine($"[yellow]{Markup.Escape(char.ToUpperInvariant(change.Summary[0]) + change.Summary[1..])}, the release policy.[/] " +
            $"The change takes effect from the next release; this one is checked by {Markup.Escape(policy.Source.Display)}.");
        console.WriteLine();
        // The committed text as it is, every run of spaces kept: only control and bidi characters are left out.
        foreach (var line in change.Diff) console.WriteLine(SafeText.Verbatim(line));
        console.WriteLine();
    }

}
