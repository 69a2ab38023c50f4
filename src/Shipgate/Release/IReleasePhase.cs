namespace Shipgate.Release;

/// <summary>Whether the release goes on after a phase.</summary>
public enum PhaseOutcome { Continue, Finished }

/// <summary>
/// One step of a release. Each says what it does (<see cref="Name"/>), when it is skipped
/// (<see cref="SkipReason"/>) and fails by throwing a <see cref="ShipgateException"/> with the
/// exit code that explains it.
/// </summary>
public interface IReleasePhase
{
    string Name { get; }

    /// <summary>Null to run; otherwise why the phase does not run for this release.</summary>
    string? SkipReason(ReleaseContext context);

    Task<PhaseOutcome> RunAsync(ReleaseContext context, CancellationToken ct);
}
