using System.Text.Json.Serialization;

namespace Shipgate.Integrations;

/// <summary>
/// The code host's deployments (GitHub Deployments): where a release shows up on the repository's environments page, with
/// the state of its rollout. Only GitHub's client fills it; a release without it still runs on git facts alone.
/// </summary>
internal interface IDeploymentHost
{
    /// <summary>The deployment already made for this release (same tag, environment and release id in its payload), or null.</summary>
    Task<long?> FindDeploymentAsync(DeploymentRequest request, CancellationToken ct);

    /// <summary>A new deployment of the release's tag; answers GitHub's id for it.</summary>
    Task<long> CreateDeploymentAsync(DeploymentRequest request, CancellationToken ct);

    /// <summary>A new status of a deployment; <paramref name="logUrl"/> is the run that deploys it, when known.</summary>
    Task SetDeploymentStatusAsync(long deploymentId, DeploymentState state, string? logUrl, string description, CancellationToken ct);
}

/// <summary>What a release's deployment names: the tag deployed, the environment, and the record that proves the release.</summary>
/// <param name="RecordSha256">The SHA-256 of the release record's bytes, as its tag message carries it.</param>
internal sealed record DeploymentRequest(string Tag, string Environment, string ReleaseId, string RecordSha256);

/// <summary>The deployment statuses Shipgate sets, by GitHub's names.</summary>
internal enum DeploymentState
{
    [JsonStringEnumMemberName("in_progress")] InProgress,
    [JsonStringEnumMemberName("success")] Success,
    [JsonStringEnumMemberName("failure")] Failure,
}
