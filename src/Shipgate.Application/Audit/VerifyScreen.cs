using System.Text.Json;
using System.Text.Json.Nodes;
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
            $"Archive:    {facts.ArchiveBranch} @ {Sha.Short(facts.ArchiveTip, "(absent)")} ({verdict.Releases} releases, {verdict.Reviews} reviews" +
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

    /// <summary>The verdict as schemas/audit-verify.v1.json, built as JSON nodes: no reflection, so the natively compiled shipgate writes it too.</summary>
    public static string Json(TrailFacts facts, TrailVerdict verdict) => new JsonObject
    {
        ["ok"] = verdict.Ok,
        ["repository"] = facts.Repository,
        ["archive_branch"] = facts.ArchiveBranch,
        ["archive_sha"] = facts.ArchiveTip,
        ["production_branch"] = facts.ProductionBranch,
        ["production_sha"] = facts.MainTip,
        ["releases"] = verdict.Releases,
        ["release_tags"] = facts.ReleaseTags.Count,
        ["reviews"] = verdict.Reviews,
        ["first_broken"] = verdict.FirstBroken,
        ["problems"] = List(verdict.Problems, p => new() { ["check"] = CheckName(p.Check), ["record"] = p.Link, ["message"] = p.Message }),
        ["direct_pushes"] = List(verdict.DirectPushes,
            p => new() { ["sha"] = p.Sha, ["subject"] = p.Subject, ["author"] = p.Author, ["author_email"] = p.AuthorEmail }),
        ["reviewed_direct_pushes"] = List(verdict.ReviewedDirectPushes, r => new()
        {
            ["sha"] = r.Push.Sha,
            ["subject"] = r.Push.Subject,
            ["author"] = r.Push.Author,
            ["author_email"] = r.Push.AuthorEmail,
            ["review_id"] = r.ReviewId,
            ["reviewed_by"] = r.ReviewedBy,
            ["after_release"] = r.AfterRelease,
            ["before_release"] = r.BeforeRelease,
        }),
        ["emergencies"] = List(verdict.Emergencies, e => new()
        {
            ["release_id"] = e.ReleaseId,
            ["reason"] = e.Reason,
            ["released_at"] = e.ReleasedAt,
            ["review_id"] = e.ReviewId,
            ["overdue"] = e.Overdue,
        }),
        ["signatures_required"] = verdict.SignaturesRequired,
        ["witness"] = WitnessScreen.Json(verdict.Witness),
        ["unproven"] = verdict.Unproven.Count,
        ["unproven_reviews"] = List(verdict.Unproven,
            u => new() { ["review_id"] = u.ReviewId, ["reviewed_by"] = u.ReviewedBy, ["reason"] = u.Why }),
    }.ToJsonString(Indented);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static JsonArray List<T>(IEnumerable<T> items, Func<T, JsonObject> item) => new([.. items.Select(JsonNode (i) => item(i))]);

    private static string CheckName(TrailCheck check) => JsonNamingPolicy.SnakeCaseLower.ConvertName(check.ToString());
}
