using Shipgate.Integrations;

namespace Shipgate.Audit;

/// <summary>How verify reaches GitHub for the witness: the environment (token, API URL), the secrets to redact and the clock.</summary>
internal sealed record WitnessAccess(Func<string, string?> Environment, Secrets Secrets, TimeProvider Clock);

/// <summary>
/// Asks GitHub's repository activity for the production and archive branches (both at once) and has
/// <see cref="TrailWitness"/> judge the trail by it. Without a token or a repository, or when GitHub cannot answer, the
/// trail is not witnessed and the verdict says why; the offline checks stand as they are.
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
}
