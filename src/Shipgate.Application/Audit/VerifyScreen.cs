using Shipgate.Git;
using Shipgate.Rendering;

namespace Shipgate.Audit;

/// <summary>How verify's verdict is shown: a checklist for people, or JSON for tools.</summary>
internal static class VerifyScreen
{
    private static readonly (TrailCheck Check, string Label)[] Checks =
    [
        (TrailCheck.Schema, "Every record parses and matches the published schema"),
        (TrailCheck.Chain, "Hash chain intact (each record holds the SHA-256 of the one before)"),
        (TrailCheck.Tags, "Every release tag has its record (same SHA-256) and every tagged release its tag"),
        (TrailCheck.AppendOnly, "Archive branch only ever added records"),
        (TrailCheck.Order, "Records were added in the order they are dated"),
        (TrailCheck.Ranges, "Release ranges are contiguous"),
        (TrailCheck.Coverage, "Every change of production since the first release is in a recorded release or an acknowledged direct push"),
        (TrailCheck.Signatures, "Record commits signed by allowed signers"),
        (TrailCheck.Reviews, "Emergency releases reviewed in time"),
        (TrailCheck.Independence, "Reviews by someone other than the releaser or the commit's author"),
        (TrailCheck.Witness, "GitHub's record of pushes shows only releases, acknowledged changes and Shipgate's appends"),
        (TrailCheck.Claims, "GitHub bears out each release's pull requests, approvals, unspecced changes and CI"),
    ];

    public static void Show(IAnsiConsole console, TrailFacts facts, TrailVerdict verdict)
    {
        Screens.Banner(console, "AUDIT TRAIL VERIFICATION");
        console.WriteLine($"Repository: {facts.Repository}");
        console.WriteLine(
            $"Archive:    {facts.ArchiveBranch} @ {Sha.Short(facts.ArchiveTip, "(absent)")} ({Plural.Of(verdict.Releases, "release")}, {Plural.Of(verdict.Reviews, "review")}" +
            (verdict.Unproven.Count > 0 ? $", {verdict.Unproven.Count} unproven)" : ")"));
        console.WriteLine($"Production: {facts.ProductionBranch} @ {Sha.Short(facts.MainTip)}");
        console.WriteLine();
        foreach (var (check, label) in Checks)
        {
            if (check == TrailCheck.Signatures && !verdict.SignaturesRequired)
            {
                console.WriteLine($"[-] {label} (not required: audit.allowed_signers is not set)");
                continue;
            }
            if (check is TrailCheck.Witness or TrailCheck.Claims && verdict.Witness is { Asked: false } unasked)
            {
                console.WriteLine($"[-] {label} (not witnessed: {SafeText.OneLine(unasked.NotAsked)})");
                continue;
            }
            if (check == TrailCheck.Claims && verdict.Witness?.Claims is { NotChecked: { } why })
            {
                console.WriteLine($"[-] {label} (not witnessed: {SafeText.OneLine(why)})");
                continue;
            }
            var failed = verdict.Problems.Where(p => p.Check == check).ToList();
            if (failed.Count == 0) console.WriteLine($"[x] {label}");
            else
            {
                console.MarkupLine($"[red][[ ]] {Markup.Escape(label)}[/]");
                foreach (var problem in failed) console.WriteLine($"      - {SafeText.OneLine(problem.Message)}");
            }
        }
        foreach (var emergency in verdict.Emergencies.Where(e => !e.Overdue))
            console.WriteLine(emergency.ReviewId is null
                ? $"    note: emergency release {emergency.ReleaseId} awaits its review."
                : $"    note: emergency release {emergency.ReleaseId} was reviewed in {emergency.ReviewId}.");
        foreach (var reviewed in verdict.ReviewedDirectPushes)
            console.WriteLine($"    note: direct push {Sha.Short(reviewed.Push.Sha)} \"{reviewed.Push.Subject}\" by {reviewed.Push.Author} " +
                "is a reviewed exception: " +
                $"acknowledged in {reviewed.ReviewId} by {reviewed.ReviewedBy}" +
                (reviewed.AfterRelease is { } after ? $", between {after} and {reviewed.BeforeRelease}." : "."));
        foreach (var unproven in verdict.Unproven)
            console.WriteLine($"    UNPROVEN: review {unproven.ReviewId} by {SafeText.OneLine(unproven.ReviewedBy)}: {unproven.Why}; " +
                "nothing proves who reviewed.");
        WitnessScreen.Show(console, verdict.Witness);
        console.WriteLine();
        if (verdict.Ok)
            console.MarkupLine("[green]PASS: the audit trail is intact.[/]");
        else
            console.MarkupLine("[red]FAIL: the audit trail is broken" +
                $"{(verdict.FirstBroken is { } first ? $" (first broken record: {Markup.Escape(first)})" : "")}.[/]");
    }

    /// <summary>The verdict as schemas/audit-verify.v1.json, serialized by source generation: no reflection, so the natively compiled shipgate writes it too.</summary>
    public static string Json(TrailFacts facts, TrailVerdict verdict) => DocumentJson.Text(VerifyJson.Of(facts, verdict), DocumentJson.Default.VerifyJson);
}
