using Shipgate.Composition;

namespace Shipgate.Audit;

/// <summary><c>audit verify</c>'s work, shared by the command (screen or --json), the MCP audit_verify tool and the organisation's verify.</summary>
internal static class TrailVerification
{
    public static async Task<(TrailFacts Facts, TrailVerdict Verdict)> RunAsync(CliHost host, string? folder, Secrets secrets, CancellationToken ct)
    {
        var repository = await LocalRepository.OpenAsync(host.WorkingDirectory, host.Environment, folder, secrets, ct);
        return await RunAsync(repository, host.Clock.GetUtcNow(), ct);
    }

    /// <summary>Verifies one repository already opened: a clone, or a bare copy in the organisation's cache.</summary>
    public static async Task<(TrailFacts Facts, TrailVerdict Verdict)> RunAsync(LocalRepository repository, DateTimeOffset now, CancellationToken ct)
    {
        using var signers = await AllowedSigners.OpenAsync(repository, ct);
        var facts = await TrailReader.ReadAsync(repository.Git, repository.Config, repository.Name, signers?.Path, ct);
        return (facts, TrailVerifier.Verify(facts, now, repository.Config.Audit.ReviewWithin));
    }
}
