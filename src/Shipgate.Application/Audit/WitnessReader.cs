using Shipgate.Integrations;

namespace Shipgate.Audit;

/// <summary>How verify reaches GitHub for the witness: the environment (token, API URL), the secrets to redact and the clock.</summary>
internal sealed record WitnessAccess(Func<string, string?> Environment, Secrets Secrets, TimeProvider Clock);

/// <summary>
/// Asks GitHub's repository activity for the production and archive branches (both at once) and has
/// <see cref="TrailWitness"/> judge the trail by it; beside it, asks GitHub what the release records claim
/// (<see cref="RecordClaims"/>: PRs and commits' PRs in batches for the whole trail, CI per staging sha by the required checks of
/// the policy that governed each release, read from git by <see cref="GoverningPolicyReader"/>). Without a token
/// or a repository, or when GitHub cannot answer, the trail is not witnessed and the verdict says why; the offline checks
/// stand as they are.
/// </summary>
internal static class WitnessReader
{
    public static async Task<WitnessVerdict> ReadAsync(LocalRepository repository, TrailFacts facts, WitnessAccess? access, CancellationToken ct)
    {
        if (access is null) return WitnessVerdict.NotAskedBecause("GitHub was not asked");
        Integration<ICodeHost> codeHost;
        try
        {
            codeHost = await Connections.CodeHostAsync(repository.Policy, repository.Address, access.Environment, access.Secrets, access.Clock, ct: ct);
        }
        catch (ShipgateException e)
        {
            return WitnessVerdict.NotAskedBecause(access.Secrets.Redact(e.Message));
        }
        if (codeHost.Service is not IPushHistory history)
            return WitnessVerdict.NotAskedBecause(codeHost.Missing ?? "the code host keeps no record of pushes");
        var (pushes, claims) = await AtOnce.BothAsync(
            token => ReadPushesAsync(history, facts, access, token),
            token => ReadClaimsAsync(codeHost.Service, repository.Git, facts, access, token), ct);
        return pushes.Asked ? pushes.WithClaims(claims) : pushes;
    }

    private static async Task<WitnessVerdict> ReadPushesAsync(IPushHistory history, TrailFacts facts, WitnessAccess access, CancellationToken ct)
    {
        try
        {
            var (production, archive) = await AtOnce.BothAsync(
                token => history.GetBranchActivityAsync(facts.ProductionBranch, token),
                token => history.GetBranchActivityAsync(facts.ArchiveBranch, token), ct);
            return TrailWitness.Judge(facts, new WitnessFacts(production, archive));
        }
        catch (ApiException e)
        {
            return WitnessVerdict.NotAskedBecause($"GitHub's repository activity could not be read: {access.Secrets.Redact(e.Message)}");
        }
    }

    /// <summary>Every record's PRs and untied commits in one batched lookup (100 per query), and CI once per staging sha claimed green.</summary>
    private static async Task<ClaimsVerdict> ReadClaimsAsync(ICodeHost host, Git.GitRepository git, TrailFacts facts, WitnessAccess access,
        CancellationToken ct)
    {
        var claims = await GoverningPolicyReader.ReadAsync(git, RecordClaims.Read(facts), ct);
        var questions = RecordClaims.Questions(claims);
        try
        {
            var shas = questions.Ci.Keys.ToList();
            var (pullRequests, ci) = await AtOnce.BothAsync(
                token => questions.PullRequests.Count + questions.Commits.Count == 0
                    ? Task.FromResult(Release.ReleasePlanner.NoLookup)
                    : host.GetPullRequestsAsync(questions.PullRequests, questions.Commits, token),
                token => AtOnce.AllAsync(shas, (sha, t) => host.GetCiVerdictAsync(sha, questions.Ci[sha], t), token), ct);
            var bySha = shas.Zip(ci).ToDictionary(p => p.First, p => p.Second, StringComparer.OrdinalIgnoreCase);
            return RecordClaims.Judge(claims, questions, new ClaimAnswers(pullRequests, bySha));
        }
        catch (ApiException e)
        {
            return ClaimsVerdict.NotCheckedBecause($"GitHub could not be asked what the records claim: {access.Secrets.Redact(e.Message)}");
        }
    }
}
