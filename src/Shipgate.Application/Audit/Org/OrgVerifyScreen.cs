using Shipgate.Rendering;

namespace Shipgate.Audit.Org;

/// <summary>The organisation's verdicts in figures: what the summary line and the JSON's top level say.</summary>
/// <param name="NoTrail">Repositories with no archive branch and no release tags: they hold no evidence, so never count as intact.</param>
internal sealed record OrgSummary(int Repositories, int Intact, int Broken, int NotVerified, int Releases, int NoTrail = 0)
{
    /// <summary>Every trail shown intact; a repository that could not be verified or has no trail is never counted as intact.</summary>
    public bool Ok => Intact == Repositories;

    public static OrgSummary Of(IReadOnlyList<RepositoryVerdict> verdicts) => new(
        verdicts.Count,
        verdicts.Count(v => v.Status == RepositoryStatus.Intact),
        verdicts.Count(v => v.Status == RepositoryStatus.Broken),
        verdicts.Count(v => v.Status == RepositoryStatus.NotVerified),
        verdicts.Sum(v => v.Verdict?.Releases ?? 0),
        verdicts.Count(v => v.Status == RepositoryStatus.NoTrail));

    /// <summary>The counts by verdict; repositories with no trail are named only when there are any.</summary>
    public string Counts => $"{Intact} intact, {Broken} broken, {NotVerified} not verified" + (NoTrail > 0 ? $", {NoTrail} with no trail" : "");

    public override string ToString() =>
        $"{Plural.Of(Repositories, "repository", "repositories")}: {Counts}; {Plural.Of(Releases, "release")} verified.";
}

/// <summary>
/// <c>audit verify --repos/--org</c> shown: one line per repository (its verdict and first problem) and the organisation's
/// summary, or JSON (<c>schemas/audit-verify-org.v1.json</c>) with each repository's verdict as single verify words it.
/// </summary>
internal static class OrgVerifyScreen
{
    public static void Show(IAnsiConsole console, IReadOnlyList<RepositoryVerdict> verdicts)
    {
        Screens.Banner(console, "ORGANISATION AUDIT TRAIL VERIFICATION");
        var width = verdicts.Count == 0 ? 0 : verdicts.Max(v => v.Name.Length);
        foreach (var v in verdicts)
        {
            var name = SafeText.OneLine(v.Name).PadRight(width);
            switch (v.Status)
            {
                case RepositoryStatus.Intact:
                    console.MarkupLine($"[green]intact      [/] {Markup.Escape(name)}  {Plural.Of(v.Verdict!.Releases, "release")}" +
                        (v.Verdict.Witness is { Asked: true } witness ? (witness.Witnessed ? ", witnessed" : ", not witnessed") : ""));
                    break;
                case RepositoryStatus.Broken:
                    console.MarkupLine($"[red]BROKEN      [/] {Markup.Escape(name)}  {Plural.Of(v.Verdict!.Releases, "release")}, " +
                        $"{Plural.Of(v.Verdict.Problems.Count, "problem")}; first: {Markup.Escape(SafeText.OneLine(v.FirstProblem))}");
                    break;
                case RepositoryStatus.NoTrail:
                    console.MarkupLine($"[yellow]NO TRAIL    [/] {Markup.Escape(name)}  {Markup.Escape(SafeText.OneLine(v.FirstProblem))}");
                    break;
                default:
                    console.MarkupLine($"[yellow]NOT VERIFIED[/] {Markup.Escape(name)}  {Markup.Escape(SafeText.OneLine(v.FirstProblem))}");
                    break;
            }
        }
        var summary = OrgSummary.Of(verdicts);
        console.WriteLine();
        console.WriteLine("Organisation: " + summary);
        if (summary.Ok)
            console.MarkupLine("[green]PASS: every repository's audit trail is intact.[/]");
        else
            console.MarkupLine($"[red]FAIL: {summary.Repositories - summary.Intact} of {summary.Repositories} repositories are not shown intact " +
                "(broken, with no trail, or could not be verified). Run shipgate audit verify in a clone of each for its full checklist." +
                (summary.NoTrail > 0 ? " A repository with no trail holds no evidence: release it with shipgate, or leave it out of --repos." : "") +
                "[/]");
    }

    /// <summary>The verdicts as schemas/audit-verify-org.v1.json.</summary>
    public static string Json(IReadOnlyList<RepositoryVerdict> verdicts) =>
        DocumentJson.Text(OrgVerifyJson.Of(verdicts), DocumentJson.Default.OrgVerifyJson);
}
