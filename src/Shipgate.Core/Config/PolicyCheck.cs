using Shipgate.Rendering;

namespace Shipgate.Config;

/// <summary>
/// <c>shipgate config check</c>: a policy file not yet committed, judged exactly as a release judges the committed one (the
/// loader, then whether it names the remote and production branch it is read from), and trusted for nothing: no release runs
/// under it and no credential goes to a host it names. It lets a team see a mistake before it is pushed, reviewed and released.
/// </summary>
internal static class PolicyCheck
{
    /// <summary>The settings a release would take from the file; a <see cref="UsageException"/> names its first mistake.</summary>
    /// <param name="display">How messages name the file (its path).</param>
    public static ShipgateConfig Judge(string yaml, string display, PolicyLocation location)
    {
        var defaults = new ShipgateConfig { Remote = location.Remote, ProductionBranch = location.ProductionBranch, StagingBranch = location.StagingBranch };
        var config = ConfigLoader.Parse(yaml, display, defaults);
        ReleasePolicy.RequireSameLocation(config, location, display, stagingFallback: false);
        return config;
    }

    /// <summary>What the file decides, in the words of the keys that decide it, for the person who wrote it to check.</summary>
    public static IReadOnlyList<string> Summary(ShipgateConfig config) =>
    [
        $"branches: {config.Remote}/{config.StagingBranch} is released to {config.Remote}/{config.ProductionBranch}; records go to {config.ArchiveBranch}",
        "github.required_checks: " + (config.GitHub.RequiredChecks.Count == 0 ? "none (CI on staging is judged by its combined status)" : string.Join(", ", config.GitHub.RequiredChecks)),
        "github.require_independent_review: " + (config.GitHub.RequireIndependentReview ? "yes" : "no"),
        "github.environment: " + (config.GitHub.Environment is { } environment
            ? $"{SafeText.OneLine(environment)} (releases inside GitHub Actions are approved by its reviewers)"
            : "none (releases only at a terminal or through MCP)"),
        "deploy.workflow: " + (config.DeployWorkflow is { } workflow
            ? $"{SafeText.OneLine(workflow)} (dispatched for the release tag, input {config.DeployRefInput}, when a release is made in GitHub Actions)"
            : "none"),
                "tickets.keys: " + (config.TicketKeys.Count == 0 ? "none (the tracker's keys are used)" : string.Join(", ", config.TicketKeys)),
        "jira.site: " + (config.Jira.Site ?? "none"),
        "audit.sign: " + (config.Audit.SignRequired ? "required" : config.Audit.Sign ? "true" : "false") +
            $"; audit.review_identity: {(config.Audit.ReviewIdentity == ReviewIdentityRule.Proven ? "proven" : "git-config")}",
        "controls.paths: " + (config.ControlPaths.Count == 0 ? "only the built-in ones" : string.Join(", ", config.ControlPaths.Select(SafeText.OneLine))),
    ];
}
