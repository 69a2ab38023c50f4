using Shipgate.Audit;

namespace Shipgate.Cli;

/// <summary><c>audit verify</c>'s work, shared by the command (screen or --json) and the MCP audit_verify tool.</summary>
internal static class TrailVerification
{
    public static async Task<(TrailFacts Facts, TrailVerdict Verdict)> RunAsync(CliHost host, string? folder, Secrets secrets, CancellationToken ct)
    {
        var repository = await LocalRepository.OpenAsync(host.WorkingDirectory, host.Environment, folder, secrets, ct);
        using var signers = await AllowedSigners.OpenAsync(repository, ct);
        var facts = await TrailReader.ReadAsync(repository.Git, repository.Config, repository.Name, signers?.Path, ct);
        return (facts, TrailVerifier.Verify(facts, host.Clock.GetUtcNow(), repository.Config.Audit.ReviewWithin));
    }
}
