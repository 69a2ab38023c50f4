namespace Shipgate.Audit.Org;

/// <summary>schemas/audit-verify-org.v1.json: the organisation's summary and each repository's verdict.</summary>
internal sealed record OrgVerifyJson(bool Ok, OrgVerifySummaryJson Summary, IReadOnlyList<RepositoryVerifyJson> Repositories)
{
    public static OrgVerifyJson Of(IReadOnlyList<RepositoryVerdict> verdicts)
    {
        var summary = OrgSummary.Of(verdicts);
        return new(summary.Ok,
            new OrgVerifySummaryJson(summary.Repositories, summary.Intact, summary.Broken, summary.NotVerified, summary.NoTrail, summary.Releases),
            [.. verdicts.Select(RepositoryVerifyJson.Of)]);
    }
}

internal sealed record OrgVerifySummaryJson(int Repositories, int Intact, int Broken, int NotVerified, int NoTrail, int Releases);

/// <summary>One repository's verdict as single verify words it; the counts are null when it could not be verified.</summary>
/// <param name="Source">The line of --repos, or the organisation's URL, that named it.</param>
internal sealed record RepositoryVerifyJson(
    string Repository, string Source, RepositoryStatus Status, bool Ok, string? Reason, int? Releases, int? ReleaseTags, int? Reviews,
    string? FirstBroken, string? FirstProblem, IReadOnlyList<ProblemJson> Problems, IReadOnlyList<string> DirectPushes, int? EmergenciesUnreviewed,
    WitnessStatus? Witness)
{
    public static RepositoryVerifyJson Of(RepositoryVerdict v) => new(
        v.Name, v.Source.Given, v.Status, v.Status == RepositoryStatus.Intact, v.NotVerifiedReason, v.Verdict?.Releases,
        v.Verdict is null ? null : v.ReleaseTags, v.Verdict?.Reviews, v.Verdict?.FirstBroken, v.FirstProblem,
        [.. (v.Verdict?.Problems ?? []).Select(ProblemJson.Of)], [.. (v.Verdict?.DirectPushes ?? []).Select(p => p.Sha)],
        v.Verdict?.Emergencies.Count(e => e.ReviewId is null), v.Verdict?.Witness?.Status);
}
