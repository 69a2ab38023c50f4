using System.Text.Json.Serialization;
using Shipgate.Audit.Report;
using Shipgate.Config;
using Shipgate.Integrations;

namespace Shipgate.Audit.Org;

/// <summary>One repository's verdict across the organisation, under the same name in every format (the JSON's status).</summary>
internal enum RepositoryStatus
{
    [JsonStringEnumMemberName("intact")] Intact,
    [JsonStringEnumMemberName("broken")] Broken,
    [JsonStringEnumMemberName("no_trail")] NoTrail,
    [JsonStringEnumMemberName("not_verified")] NotVerified,
}

/// <summary>
/// What verify found for one repository: its verdict, or why it could not be verified (then it counts as not verified, never
/// intact). A repository with no trail at all holds no evidence: it counts as "no trail", never as intact.
/// </summary>
/// <param name="Name">owner/name when its policy or URL says it, else the line as given.</param>
internal sealed record RepositoryVerdict(RepositorySource Source, string Name, TrailVerdict? Verdict, string? NotVerifiedReason, int ReleaseTags = 0)
{
    public EvidenceReport? Report { get; init; }

    /// <summary>Why the repository holds no evidence (<see cref="NoTrailIn"/>); null when it has a trail.</summary>
    public string? NoTrail { get; init; }

    /// <summary>A trail broken is broken even where nothing else is left of it.</summary>
    public RepositoryStatus Status => Verdict is null ? RepositoryStatus.NotVerified : !Verdict.Ok ? RepositoryStatus.Broken
        : NoTrail is not null ? RepositoryStatus.NoTrail : RepositoryStatus.Intact;

    /// <summary>The first thing wrong, as verify words it (or why there is no trail); null when intact.</summary>
    public string? FirstProblem => NotVerifiedReason ?? Verdict?.Problems.FirstOrDefault()?.Message ?? NoTrail;

    /// <summary>
    /// Why a repository has no trail at all: no release record (no archive branch, or one that holds only compliance archives)
    /// and no release tags on the remote. Single verify passes such a repository (nothing released yet, nothing to break);
    /// across the organisation it is named, since it shows nothing.
    /// </summary>
    public static string? NoTrailIn(TrailFacts facts)
    {
        if (facts.ReleaseTags.Count > 0 || facts.Links.Any(l => l.IsRelease)) return null;
        var archive = facts.ArchiveTip is null
            ? $"the remote has no {facts.ArchiveBranch} branch"
            : $"{facts.ArchiveBranch} holds no release record";
        return $"{archive} and no release tags, so nothing shows how changes reached {facts.ProductionBranch}. " +
            "Release it with shipgate, or leave it out of --repos.";
    }
}

/// <summary>How one organisation-wide run reaches and judges its repositories.</summary>
/// <param name="Auth">The GitHub token for git fetches from GitHub's host; null without one.</param>
/// <param name="Period">Set for a report: each repository's evidence for it is kept.</param>
internal sealed record OrgRun(RepositoryCache Cache, PolicyLocation Location, GitHubGitAuth? Auth, Secrets Secrets, DateTimeOffset Now,
    ReportPeriod? Period = null)
{
    /// <summary>How many repositories are fetched and verified at once: each runs one git process at a time.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>How each repository's witness (GitHub's record of pushes) is asked; null: not asked.</summary>
    public WitnessAccess? Witness { get; init; }
}

/// <summary>
/// Verifies every repository's trail exactly as <c>audit verify</c> does for one (<see cref="TrailVerification"/>), on its
/// bare copy in the cache, at most <see cref="OrgRun.Concurrency"/> at a time. A repository that cannot be fetched or
/// read is named with the reason. Only each verdict (and the period's evidence) is kept, never a trail's bytes, so
/// memory does not grow with the number of repositories beyond their verdicts.
/// </summary>
internal static class OrgTrails
{
    /// <param name="progress">Told (done, total, running) as repositories finish; for the progress line.</param>
    public static async Task<IReadOnlyList<RepositoryVerdict>> VerifyAsync(OrgRun run, IReadOnlyList<RepositorySource> sources,
        Action<int, int>? progress, CancellationToken ct)
    {
        var results = new RepositoryVerdict[sources.Count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, sources.Count),
            new ParallelOptions { MaxDegreeOfParallelism = run.Concurrency, CancellationToken = ct },
            async (i, token) =>
            {
                results[i] = await VerifyOneAsync(run, sources[i], token);
                progress?.Invoke(Interlocked.Increment(ref done), sources.Count);
            });
        return results;
    }

    private static async Task<RepositoryVerdict> VerifyOneAsync(OrgRun run, RepositorySource source, CancellationToken ct)
    {
        var name = run.Secrets.Redact(source.Given);
        try
        {
            var environment = run.Auth?.EnvironmentFor(source.Url, run.Secrets) ?? new Dictionary<string, string?>();
            var cached = await run.Cache.FetchAsync(source, run.Location, environment, ct);
            var policy = cached.Policy;
            var address = RepositoryAddress.Parse(source.Url);
            name = policy.Config.GitHub.Repository ?? address?.FullName ?? name;
            var repository = new LocalRepository(cached.Folder, policy, cached.Git, address, name,
                address is null ? null : $"https://{address.Host}/{name}");
            var (facts, verdict) = await TrailVerification.RunAsync(repository, run.Now, run.Witness, ct);
            return new RepositoryVerdict(source, name, verdict, null, facts.ReleaseTags.Count)
            {
                NoTrail = RepositoryVerdict.NoTrailIn(facts),
                Report = run.Period is { } period ? EvidenceReport.Of(name, facts, verdict, period, run.Now) : null,
            };
        }
        catch (Exception e) when (e is not OperationCanceledException && !ct.IsCancellationRequested)
        {
            // One repository that cannot be read (git, its policy, the file system) is named; the others are still verified.
            return new RepositoryVerdict(source, name, null, Rendering.SafeText.OneLine(run.Secrets.Redact(e.Message)));
        }
    }
}
