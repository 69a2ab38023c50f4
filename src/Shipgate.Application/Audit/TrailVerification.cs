using Shipgate.Composition;

namespace Shipgate.Audit;

/// <summary><c>audit verify</c>'s work, shared by the command (screen or --json), the MCP audit_verify tool and the organisation's verify.</summary>
internal static class TrailVerification
{
    public static async Task<(TrailFacts Facts, TrailVerdict Verdict)> RunAsync(CliHost host, string? folder, Secrets secrets, CancellationToken ct)
    {
        var repository = await LocalRepository.OpenAsync(host.WorkingDirectory, host.Environment, folder, secrets, ct);
        return await RunAsync(repository, host.Clock.GetUtcNow(), new WitnessAccess(host.Environment, secrets, host.Clock), ct);
    }

    /// <summary>
    /// Verifies one repository already opened: a clone, or a bare copy in the organisation's cache. With
    /// <paramref name="witness"/>, GitHub's record of pushes is asked too (<see cref="WitnessReader"/>).
    /// </summary>
    public static async Task<(TrailFacts Facts, TrailVerdict Verdict)> RunAsync(LocalRepository repository, DateTimeOffset now,
        WitnessAccess? witness, CancellationToken ct)
    {
        using var signers = await AllowedSigners.OpenAsync(repository, ct);
        var facts = await TrailReader.ReadAsync(repository.Git, repository.Config, repository.Name, signers?.Path, ct);
        var verdict = TrailVerifier.Verify(facts, now, repository.Config.Audit.ReviewWithin);
        return (facts, verdict.WithWitness(await WitnessReader.ReadAsync(repository, facts, witness, ct)));
    }
}
