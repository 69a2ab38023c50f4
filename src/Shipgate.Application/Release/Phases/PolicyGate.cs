using Shipgate.Audit;
using Shipgate.Git;

namespace Shipgate.Release.Phases;

/// <summary>
/// Pre-flight's refusal of a release policy pushed around the gate: production's tip carries a <c>.shipgate.yml</c> that no
/// release or review accounts for (<see cref="Config.ReleasePolicy.Unaccounted"/>). A release stops (exit 3) naming the
/// commit, its author and the review that accounts for it; a dry run names it as a gate; an emergency goes ahead under the
/// last accounted policy, and its record's warnings say so.
/// </summary>
internal static class PolicyGate
{
    /// <returns>The trail's health (with the emergency's warning when there is one) and the gate if it is closed.</returns>
    public static (TrailHealth Trail, WouldBlock? Blocked) Check(ReleaseContext context, TrailHealth trail)
    {
        var policy = context.Policy;
        if (policy.Unaccounted is not { } pushed) return (trail, null);
        var (production, accounted) = (context.Config.ProductionBranch, Sha.Short(policy.Source.Commit));
        var what = $"{production}'s tip carries a release policy that no release or review accounts for: commit {Sha.Short(pushed.Commit)} " +
            $"\"{pushed.Subject}\" by {pushed.Author} <{pushed.AuthorEmail}> " +
            $"{(pushed.TipBlob is null ? "deleted" : "changed")} {policy.Source.Path} after {accounted} ({policy.AccountedBy})";
        if (context.Options.Emergency is not null)
        {
            context.Console.MarkupLine($"[red bold]EMERGENCY RELEASE:[/] [yellow]{Markup.Escape(what)}. Proceeding as an emergency under " +
                $"the last accounted policy ({Markup.Escape(policy.Source.Path)} at {accounted}); the record says so.[/]");
            context.Console.WriteLine();
            return (trail with
            {
                Warnings = [.. trail.Warnings,
                    $"The release went ahead as an emergency although {what}; it was checked by the last accounted policy, " +
                    $"{policy.Source.Path} at {accounted}. Acknowledge the push: {pushed.ReviewCommand}."],
            }, null);
        }

        var message = $"BLOCKED: {what}.\n\n" +
            "A policy pushed straight to production does not govern a release until someone other than its author acknowledges the push:\n" +
            $"  {pushed.ReviewCommand}\n" +
            "then release again. If production cannot wait: shipgate release --emergency \"<reason>\" releases under the last " +
            "accounted policy, and its record says so.";
        return (trail, new WouldBlock($"{what}; acknowledge it with {pushed.ReviewCommand}", "--emergency \"<reason>\"", message,
            GateNotice.GoesOn(message)));
    }
}
