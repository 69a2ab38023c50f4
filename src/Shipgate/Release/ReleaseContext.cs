using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Record;
using Spectre.Console;

namespace Shipgate.Release;

/// <summary>What the user asked for on the command line.</summary>
/// <param name="Emergency">Why this release may pass a failing CI gate; it is recorded and must be reviewed.</param>
public sealed record ReleaseOptions(bool DryRun = false, string? AllowUnverifiedCi = null, bool WaitForDeployment = false, string? Emergency = null);

/// <summary>The remote's branch tips as read at the start: what is released, and the leases of the push.</summary>
public sealed record RemoteTips(string Staging, string Production, string? Archive);

/// <summary>
/// The one context every release phase reads and extends, in the manner of a GoReleaser pipe
/// context: inputs first, then what each phase found, in phase order.
/// </summary>
public sealed class ReleaseContext
{
    // Inputs.
    public required ReleaseOptions Options { get; init; }
    public required ShipgateConfig Config { get; init; }
    public required GitRepository Git { get; init; }
    public required IAnsiConsole Console { get; init; }
    public required TextReader Input { get; init; }
    public required TimeProvider Clock { get; init; }
    public required Secrets Secrets { get; init; }
    public required WordMemory WordMemory { get; init; }
    /// <summary>owner/name on the code host, else the remote URL without credentials.</summary>
    public required string RepositoryName { get; init; }
    /// <summary>The repository's web page, when the remote is on a known code host.</summary>
    public string? WebUrl { get; init; }
    public ICodeHost? CodeHost { get; init; }
    /// <summary>Why there is no code host (no token, no repository), for messages.</summary>
    public string? CodeHostMissing { get; init; }
    public ITicketTracker? Tracker { get; init; }
    public string? TrackerMissing { get; init; }

    // Pre-flight.
    public RemoteTips? Tips { get; set; }
    public CiResult? Ci { get; set; }
    public IReadOnlyList<OpenPullRequest> OpenPullRequests { get; set; } = [];
    public GitIdentity? Releaser { get; set; }
    public string? ReleaserLogin { get; set; }
    /// <summary>The trail as pre-flight found it: what an emergency release records as broken, and the release ids tags hold.</summary>
    public Audit.TrailHealth Trail { get; set; } = Audit.TrailHealth.Unchecked;

    // Gather.
    public IReadOnlyList<string> ArchiveFiles { get; set; } = [];
    public ReleasePlan? Plan { get; set; }
    public PreviousRelease? Previous { get; set; }
    public string? PreviousWord { get; set; }

    // Confirmation.
    public RecordConfirmation? Confirmation { get; set; }

    // Record and promote.
    public ReleaseRecord? Record { get; set; }
    public string? RecordCommit { get; set; }
    public IReadOnlyList<WorkflowRun> DeploymentRuns { get; set; } = [];
    public string? DeploymentNote { get; set; }

    // Post-release.
    public IReadOnlyList<string> TicketsCommented { get; set; } = [];
    public IReadOnlyList<string> TicketsNotCommented { get; set; } = [];
    public string? TicketCommentNote { get; set; }

    public RemoteTips RequireTips => Tips ?? throw new InvalidOperationException("pre-flight has not run");
    public ReleasePlan RequirePlan => Plan ?? throw new InvalidOperationException("gather has not run");
    public CiResult RequireCi => Ci ?? throw new InvalidOperationException("pre-flight has not run");
    public ReleaseRecord RequireRecord => Record ?? throw new InvalidOperationException("record and promote has not run");

    /// <summary>Now, as records hold time (UTC, whole seconds).</summary>
    public DateTimeOffset Now() => RecordFiles.RecordTime(Clock.GetUtcNow());

    /// <summary>A browsable URL of a file on the archive branch, when the repository has a web page.</summary>
    public string? ArchiveFileUrl(string path) =>
        WebUrl is null ? null : $"{WebUrl}/blob/{Uri.EscapeDataString(Config.ArchiveBranch).Replace("%2F", "/")}/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}";
}
