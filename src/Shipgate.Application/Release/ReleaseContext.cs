using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Slack;

namespace Shipgate.Release;

/// <summary>What the user asked for on the command line.</summary>
/// <param name="Emergency">Why this release may pass a failing CI gate; it is recorded and must be reviewed.</param>
/// <param name="ApprovedPlan">The digest of the plan a GitHub Environment's reviewer approved (--approved-plan): the release inside Actions.</param>
internal sealed record ReleaseOptions(
    bool DryRun = false, string? AllowUnverifiedCi = null, bool WaitForDeployment = false, string? Emergency = null, string? ApprovedPlan = null);

/// <summary>
/// What every phase of a release reads and nobody changes: the options, the policy, the repository
/// and the services. What a phase finds it hands on as its own result (<see cref="Preflighted"/>,
/// <see cref="Gathered"/>, ...), never by writing here.
/// </summary>
internal sealed record ReleaseContext
{
    public required ReleaseOptions Options { get; init; }
    /// <summary>The release policy: a committed file on the remote's production tip (or staging's, before the first release), never the working tree.</summary>
    public required ReleasePolicy Policy { get; init; }
    public ShipgateConfig Config => Policy.Config;
    public required GitRepository Git { get; init; }
    public required IAnsiConsole Console { get; init; }
    /// <summary>Where warnings go (stderr), so that piped results hold results only; by default the console itself.</summary>
    public IAnsiConsole Warnings { get => _warnings ?? Console; init => _warnings = value; }
    private readonly IAnsiConsole? _warnings;
    /// <summary>Opens the controlling terminal the word is typed at; null when the process has none.</summary>
    public required Func<TextReader?> OpenTerminal { get; init; }
    public required TimeProvider Clock { get; init; }
    public required Secrets Secrets { get; init; }
    public required WordMemory WordMemory { get; init; }
    /// <summary>owner/name on the code host, else the remote URL without credentials.</summary>
    public required string RepositoryName { get; init; }
    /// <summary>The repository's web page, when the remote is on a known code host.</summary>
    public string? WebUrl { get; init; }
    public required Integration<ICodeHost> CodeHost { get; init; }
    public required Integration<ITicketTracker> Tracker { get; init; }
    /// <summary>Jira, when a site is named (JIRA_BASE_URL or jira.site); null when the release has no Jira.</summary>
    public Integration<ITicketTracker>? Jira { get; init; }

    /// <summary>Where the services this release asks are asked (the record names them).</summary>
    public IReadOnlyList<ServiceEndpoint> ServiceEndpoints => [.. CodeHost.Endpoints, .. Tracker.Endpoints, .. Jira?.Endpoints ?? []];
    /// <summary>Told each poll of a long wait (the deployment, with --wait), for an MCP client's progress notifications; null on the terminal.</summary>
    public IProgress<string>? Waiting { get; init; }
    /// <summary>The Slack incoming webhook (SHIPGATE_SLACK_WEBHOOK_URL); null: no Slack message.</summary>
    public SlackWebhook? Slack { get; init; }
    /// <summary>The GitHub Actions job this runs in (GITHUB_ACTIONS=true); null elsewhere.</summary>
    public Release.Actions.ActionsJob? Actions { get; init; }

    /// <summary>Now, as records hold time (UTC, whole seconds).</summary>
    public DateTimeOffset Now() => RecordFiles.RecordTime(Clock.GetUtcNow());

    /// <summary>A browsable URL of a file on the archive branch, when the repository has a web page.</summary>
    public string? ArchiveFileUrl(string path) =>
        WebUrl is null
            ? null
            : $"{WebUrl}/blob/{Uri.EscapeDataString(Config.ArchiveBranch).Replace("%2F", "/")}/" +
              string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>Where the record of a release can be read: its web page, else branch:path.</summary>
    public string RecordLocation(string releaseId) =>
        ArchiveFileUrl(RecordFiles.JsonPath(releaseId)) ?? $"{Config.ArchiveBranch}:{RecordFiles.JsonPath(releaseId)}";
}
