using Shipgate.Git;
using Shipgate.Rendering;

namespace Shipgate.Audit;

/// <summary>The witness's part of verify's screen (its JSON is <see cref="WitnessJson"/>): the verdict, what GitHub answered for, each record witnessed or why not.</summary>
internal static class WitnessScreen
{
    public static void Show(IAnsiConsole console, WitnessVerdict? witness)
    {
        if (witness is null) return;
        var line = $"Witness: {SafeText.OneLine(witness.Summary)}";
        if (witness.Status == WitnessStatus.Witnessed) console.MarkupLine($"[green]{Markup.Escape(line)}[/]");
        else if (witness.Status == WitnessStatus.Broken) console.MarkupLine($"[red]{Markup.Escape(line)}[/]");
        else console.MarkupLine($"[yellow]{Markup.Escape(line)}[/]");
        if (witness.Claims is { NotChecked: null } claims)
            console.WriteLine($"    claims: GitHub asked for {Plural.Of(claims.PullRequests, "pull request")}, the PRs of {Plural.Of(claims.Commits, "commit")} " +
                $"and CI on {Plural.Of(claims.CiChecked, "commit")}, for {Plural.Of(claims.Records, "release")}; {claims.Problems.Count} contradicted");
        else if (witness.Claims is { NotChecked: { } why })
            console.WriteLine($"    not witnessed: the records' claims: {SafeText.OneLine(why)}");
        foreach (var record in witness.Records.Where(r => !r.Witnessed).Take(10))
            console.WriteLine($"    not witnessed: {record.Id}: {SafeText.OneLine(record.WhyNot)}");
        foreach (var update in witness.WithoutActor.Take(10))
            console.WriteLine($"    not witnessed: {update.Ref} {Sha.Short(update.Before)}..{Sha.Short(update.After)} ({update.TypeName}) at " +
                $"{update.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: GitHub names no actor");
    }
}
