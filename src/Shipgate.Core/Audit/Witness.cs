using System.Text.Json.Serialization;
using Shipgate.Integrations;

namespace Shipgate.Audit;

/// <summary>What GitHub listed of the production and archive branches' updates (each oldest first).</summary>
internal sealed record WitnessFacts(IReadOnlyList<RefActivity> Production, IReadOnlyList<RefActivity> Archive)
{
    /// <summary>The oldest update GitHub returned: what it answered for begins there.</summary>
    public DateTimeOffset? AnsweredSince => Production.Concat(Archive).Select(a => (DateTimeOffset?)a.Timestamp).Min();
}

/// <summary>The witness's verdict in one word, as verify's JSON names it.</summary>
internal enum WitnessStatus
{
    [JsonStringEnumMemberName("witnessed")] Witnessed,
    [JsonStringEnumMemberName("not_witnessed")] NotWitnessed,
    [JsonStringEnumMemberName("broken")] Broken,
}

/// <summary>Whether GitHub's record of pushes bears a record out, and if not, why.</summary>
/// <param name="WhyNot">Null when witnessed.</param>
internal sealed record RecordWitness(string Id, bool Witnessed, string? WhyNot);

/// <summary>
/// The witness's verdict: broken when GitHub saw what the trail does not account for (its problems, which break the trail);
/// witnessed when GitHub bears out every record and names every actor; else not witnessed, saying why.
/// </summary>
/// <param name="NotAsked">Why GitHub was not asked (no token, no repository); null when it was.</param>
/// <param name="WithoutActor">Updates GitHub lists without saying who made them: nothing is witnessed by them.</param>
internal sealed record WitnessVerdict(
    string? NotAsked,
    DateTimeOffset? AnsweredSince,
    IReadOnlyList<TrailProblem> Problems,
    IReadOnlyList<RecordWitness> Records,
    IReadOnlyList<RefActivity> WithoutActor)
{
    public static WitnessVerdict NotAskedBecause(string why) => new(why, null, [], [], []);

    public bool Asked => NotAsked is null;

    /// <summary>What GitHub said of the release records' claims (PRs, approvals, CI); null when they were not asked about.</summary>
    public ClaimsVerdict? Claims { get; init; }

    /// <summary>This verdict with the claims': each claim GitHub contradicts breaks the trail; claims it could not check leave it not witnessed.</summary>
    public WitnessVerdict WithClaims(ClaimsVerdict claims) => this with { Problems = [.. Problems, .. claims.Problems], Claims = claims };

    private bool ClaimsBorneOut => Claims is null || Claims.NotChecked is null;

    public WitnessStatus Status => Problems.Count > 0 ? WitnessStatus.Broken
        : Asked && WithoutActor.Count == 0 && Records.All(r => r.Witnessed) && ClaimsBorneOut ? WitnessStatus.Witnessed
        : WitnessStatus.NotWitnessed;

    public bool Witnessed => Status == WitnessStatus.Witnessed;

    /// <summary>The verdict's own words, for the screen: why the trail is or is not witnessed.</summary>
    public string Summary => Status switch
    {
        WitnessStatus.Witnessed => $"witnessed: GitHub's record of pushes bears out every record{Since}" +
            (Claims is not null ? ", and GitHub bears out their pull requests, approvals and CI" : ""),
        WitnessStatus.Broken when Problems.All(p => p.Check == TrailCheck.Claims) => "GitHub contradicts what the release records claim",
        WitnessStatus.Broken => $"GitHub's record of pushes contradicts the trail{Since}",
        _ when !Asked => $"not witnessed: {NotAsked}",
        _ when WithoutActor.Count == 0 && Records.All(r => r.Witnessed) => $"not witnessed: {Claims?.NotChecked}",
        _ => $"not witnessed: {Records.Count(r => !r.Witnessed)} of {Records.Count} records" +
             (WithoutActor.Count > 0 ? $", {WithoutActor.Count} updates GitHub names no actor for" : "") + Since,
    };

    private string Since => AnsweredSince is { } since ? $" (GitHub answered for pushes since {since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC)" : "";
}
