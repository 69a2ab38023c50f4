namespace Shipgate.Config;

/// <summary>Everything <c>.shipgate.yml</c> can say. Every key is optional; the defaults are DESIGN.md's.</summary>
internal sealed record ShipgateConfig
{
    public static readonly IReadOnlyList<string> SeedWords =
    [
        "DEPLOY", "RELEASE", "SHIP", "LAUNCH", "PROMOTE", "CONFIRM", "PROCEED", "EXECUTE",
        "AUTHORIZE", "APPROVE", "PUBLISH", "DELIVER", "ACTIVATE", "ENABLE", "GO",
    ];

    public static ShipgateConfig Default { get; } = new();

    /// <summary>Where the file was read from, for messages; null when there was none.</summary>
    public string? SourcePath { get; init; }
    public string Remote { get; init; } = "origin";
    public string StagingBranch { get; init; } = "staging";
    public string ProductionBranch { get; init; } = "main";
    public string ArchiveBranch { get; init; } = "compliance-archives";
    /// <summary>Local branches a release may be started from; null means staging and production.</summary>
    public IReadOnlyList<string>? ReleaseFromBranches { get; init; }
    /// <summary>Ticket team keys such as BOL. Empty: ask Linear for its teams' keys, else find no tickets.</summary>
    public IReadOnlyList<string> TicketKeys { get; init; } = [];
    public IReadOnlyList<AreaRule> Areas { get; init; } = [];
    public IReadOnlyList<string> ConfirmationWords { get; init; } = SeedWords;
    public GitHubSettings GitHub { get; init; } = new();
    public string? LinearApiUrl { get; init; }
    /// <summary>jira.site and jira.projects; JIRA_BASE_URL wins over the site.</summary>
    public JiraPolicy Jira { get; init; } = new();
    public string? DeployMonitorUrl { get; init; }
    /// <summary>
    /// deploy.workflow: the deployment workflow (file name or id) a release made inside GitHub Actions dispatches for its tag, since
    /// GitHub starts no workflow for a push made with the job's own token; null: none is dispatched.
    /// </summary>
    public string? DeployWorkflow { get; init; }
    /// <summary>deploy.ref_input: the workflow_dispatch input that receives the release tag.</summary>
    public string DeployRefInput { get; init; } = "ref";
    public AuditSettings Audit { get; init; } = new();
    /// <summary>controls.paths: globs of more files that steer CI, review or the gate, on top of the built-in ones.</summary>
    public IReadOnlyList<string> ControlPaths { get; init; } = [];
    /// <summary>freeze: the windows in which no release but an emergency may go out.</summary>
    public IReadOnlyList<Freeze.FreezeWindow> Freeze { get; init; } = [];

    public IReadOnlyList<string> AllowedCurrentBranches => ReleaseFromBranches ?? [StagingBranch, ProductionBranch];
}

/// <summary>An area of the code base for "key changes by area": files matching any glob belong to it.</summary>
internal sealed record AreaRule(string Id, string Title, IReadOnlyList<string> Paths);

internal sealed record GitHubSettings
{
    /// <summary>owner/name; null: parsed from the remote URL.</summary>
    public string? Repository { get; init; }
    public string? ApiUrl { get; init; }
    public IReadOnlyList<string> RequiredChecks { get; init; } = [];
    public bool RequireIndependentReview { get; init; }
    /// <summary>github.release: make a GitHub Release for each release's tag after the push.</summary>
    public bool PublishRelease { get; init; } = true;
    /// <summary>
    /// github.environment: the GitHub Environment production deploys to. Naming it is what allows a release inside GitHub
    /// Actions, approved by that environment's reviewers; null: releases only at a terminal or through MCP.
    /// </summary>
    public string? Environment { get; init; }

    /// <summary>The environment GitHub Deployments are made for: the configured one, else <c>production</c>.</summary>
    public string DeploymentEnvironment => Environment ?? "production";
}

/// <summary>Jira Cloud as a ticket tracker: where it is, and which project keys are its tickets'.</summary>
internal sealed record JiraPolicy
{
    /// <summary>https://SITE.atlassian.net; null: only JIRA_BASE_URL configures Jira.</summary>
    public string? Site { get; init; }
    /// <summary>Project keys such as OPS. Empty: the project keys Jira lists for the token.</summary>
    public IReadOnlyList<string> Projects { get; init; } = [];
}

/// <summary>How the audit trail is protected and checked.</summary>
internal sealed record AuditSettings
{
    /// <summary>Sign each record commit and release tag with the releaser's git signing key (ssh or gpg): audit.sign true or required.</summary>
    public bool Sign { get; init; }
    /// <summary>audit.sign: required: an unsigned record or tag breaks verify, and a release without a signing key is refused.</summary>
    public bool SignRequired { get; init; }
    /// <summary>audit.review_identity: how a reviewer must be proven; git-config lets an unproven reviewer record, marked as such.</summary>
    public ReviewIdentityRule ReviewIdentity { get; init; } = ReviewIdentityRule.Proven;
    /// <summary>An ssh allowed-signers file (relative to the repository root): verify rejects record commits not signed by a key in it.</summary>
    public string? AllowedSigners { get; init; }
    /// <summary>How long an emergency release may wait for its review before verify calls it overdue.</summary>
    public TimeSpan ReviewWithin { get; init; } = TimeSpan.FromHours(48);
}

/// <summary>What proves who reviewed: a token's login or a signature (proven), or, where the policy allows it, git config alone.</summary>
internal enum ReviewIdentityRule { Proven, GitConfig }
