using System.Text.Json.Nodes;
using Shipgate.Git;
using Shipgate.Rendering;

namespace Shipgate.Audit;

/// <summary>The witness's part of verify's screen and JSON: the verdict, what GitHub answered for, each record witnessed or why not.</summary>
internal static class WitnessScreen
{
    public static void Show(IAnsiConsole console, WitnessVerdict? witness)
    {
        if (witness is null) return;
        var line = $"Witness: {SafeText.OneLine(witness.Summary)}";
        if (witness.Status == "witnessed") console.MarkupLine($"[green]{Markup.Escape(line)}[/]");
        else if (witness.Status == "broken") console.MarkupLine($"[red]{Markup.Escape(line)}[/]");
        else console.MarkupLine($"[yellow]{Markup.Escape(line)}[/]");
        if (witness.Claims is { NotChecked: null } claims)
            console.WriteLine($"    claims: GitHub asked for {claims.PullRequests} pull requests, the PRs of {claims.Commits} commits and CI on " +
                $"{claims.CiChecked} commits, for {claims.Records} releases; {claims.Problems.Count} contradicted");
        else if (witness.Claims is { NotChecked: { } why })
            console.WriteLine($"    not witnessed: the records' claims: {SafeText.OneLine(why)}");
        foreach (var record in witness.Records.Where(r => !r.Witnessed).Take(10))
            console.WriteLine($"    not witnessed: {record.Id}: {SafeText.OneLine(record.WhyNot)}");
        foreach (var update in witness.WithoutActor.Take(10))
            console.WriteLine($"    not witnessed: {update.Ref} {Sha.Short(update.Before)}..{Sha.Short(update.After)} ({update.TypeName}) at " +
                $"{update.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: GitHub names no actor");
    }

    /// <summary>schemas/audit-verify.v1.json's witness section.</summary>
    public static JsonObject? Json(WitnessVerdict? witness) => witness is null ? null : new JsonObject
    {
        ["status"] = witness.Status,
        ["not_asked_reason"] = witness.NotAsked,
        ["answered_since"] = witness.AnsweredSince?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["records"] = new JsonArray([.. witness.Records.Select(JsonNode (r) => new JsonObject
        {
            ["record"] = r.Id,
            ["witnessed"] = r.Witnessed,
            ["reason"] = r.WhyNot,
        })]),
        ["claims"] = witness.Claims is not { } claims ? null : new JsonObject
        {
            ["not_checked_reason"] = claims.NotChecked,
            ["records"] = claims.Records,
            ["pull_requests"] = claims.PullRequests,
            ["commits"] = claims.Commits,
            ["ci_checked"] = claims.CiChecked,
            ["contradicted"] = claims.Problems.Count,
        },
        ["without_actor"] = new JsonArray([.. witness.WithoutActor.Select(JsonNode (a) => new JsonObject
        {
            ["ref"] = a.Ref,
            ["before"] = a.Before,
            ["after"] = a.After,
            ["activity_type"] = a.TypeName,
            ["timestamp"] = a.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        })]),
    };
}
