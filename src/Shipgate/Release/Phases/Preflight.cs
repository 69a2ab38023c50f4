using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 1. Refuses a release that must not start: wrong current branch, nothing ahead, a
/// production branch that diverged, CI not green (or not verifiable) on staging's head. Warns of
/// open PRs targeting staging. Reads the remote's tips once; they are also the push's leases.
/// </summary>
public sealed class Preflight : IReleasePhase
{
    public string Name => "pre-flight checks";

    public string? SkipReason(ReleaseContext context) => null;

    public async Task<PhaseOutcome> RunAsync(ReleaseContext context, CancellationToken ct)
    {
        var config = context.Config;
        var git = context.Git;

        var current = await git.CurrentBranchAsync();
        if (current is null || !config.AllowedCurrentBranches.Contains(current))
            throw new ReleaseBlockedException(
                $"Must be on {string.Join(" or ", config.AllowedCurrentBranches)} branch to release (you are on {current ?? "a detached HEAD"}).");

        if (!context.Options.DryRun)
            context.Releaser = await git.IdentityAsync();

        var heads = await git.RemoteHeadsAsync(config.Remote, [config.StagingBranch, config.ProductionBranch, config.ArchiveBranch]);
        var staging = heads.GetValueOrDefault(config.StagingBranch)
            ?? throw new ReleaseBlockedException($"The remote '{config.Remote}' has no branch '{config.StagingBranch}' to release from (branches.staging).");
        var production = heads.GetValueOrDefault(config.ProductionBranch)
            ?? throw new ReleaseBlockedException($"The remote '{config.Remote}' has no branch '{config.ProductionBranch}' to release to (branches.production).");
        var archive = heads.GetValueOrDefault(config.ArchiveBranch);
        context.Tips = new RemoteTips(staging, production, archive);

        await git.FetchObjectsAsync(config.Remote, heads.Keys);
        if (!await git.HasObjectsAsync(heads.Values))
            throw new ShipgateException(ExitCode.Error, $"The remote '{config.Remote}' changed while it was being read. Run shipgate release again.");

        var (productionOnly, stagingOnly) = await git.CountDivergenceAsync(production, staging);
        if (productionOnly > 0)
            throw new ReleaseBlockedException(
                $"ERROR: {config.ProductionBranch} has diverged from {config.StagingBranch}.\n\n" +
                $"{config.ProductionBranch} has {productionOnly} commits not in {config.StagingBranch}.\n" +
                "This indicates direct pushes to main, which violates the workflow.\n\n" +
                $"Investigate with: git log {config.Remote}/{config.StagingBranch}..{config.Remote}/{config.ProductionBranch}\n\n" +
                "Do NOT force-push. Resolve the divergence manually.");
        if (stagingOnly == 0)
        {
            context.Console.WriteLine("Nothing to release.");
            context.Console.WriteLine();
            context.Console.WriteLine($"{config.StagingBranch} and {config.ProductionBranch} are at the same commit: {staging}");
            return PhaseOutcome.Finished;
        }

        context.Trail = await Audit.TrailGuard.CheckAsync(git, config, archive, context.Options.Emergency, context.Console);
        context.Ci = await CheckCiAsync(context, staging, ct);

        if (context.CodeHost is { } host)
        {
            context.OpenPullRequests = await host.GetOpenPullRequestsAsync(config.StagingBranch, ct);
            if (context.OpenPullRequests.Count > 0)
                Screens.OpenPullRequestsWarning(context.Console, context.OpenPullRequests, config.StagingBranch);
            if (!context.Options.DryRun)
                context.ReleaserLogin = await ReleaserLoginAsync(context, host, ct);
        }
        return PhaseOutcome.Continue;
    }

    /// <summary>The login behind the token, when GitHub says; an Actions token cannot read /user, and that is no reason to stop.</summary>
    private static async Task<string?> ReleaserLoginAsync(ReleaseContext context, Integrations.ICodeHost host, CancellationToken ct)
    {
        try
        {
            return await host.GetViewerLoginAsync(ct);
        }
        catch (ShipgateException e) when (!ct.IsCancellationRequested)
        {
            context.Console.MarkupLine($"[yellow]WARNING: the GitHub login behind the token is unknown ({SafeText.Markup(context.Secrets.Redact(e.Message))}); the record names the releaser by git identity only.[/]");
            return null;
        }
    }

    private static async Task<CiResult> CheckCiAsync(ReleaseContext context, string sha, CancellationToken ct)
    {
        var emergency = context.Options.Emergency;
        if (context.CodeHost is not { } host)
        {
            var missing = context.CodeHostMissing ?? "no code host is configured";
            var (heading, because, recorded) = emergency is not null
                ? ("[red bold]EMERGENCY RELEASE:[/]", "as an emergency; it must be reviewed with shipgate audit review", $"emergency release: {SafeText.OneLine(emergency)}")
                : context.Options.AllowUnverifiedCi is { } reason
                    ? ("[yellow]WARNING:[/]", "because --allow-unverified-ci was given; the reason is recorded", $"released with --allow-unverified-ci: {SafeText.OneLine(reason)}")
                    : throw new ReleaseBlockedException(
                        $"BLOCKED: CI on {context.Config.StagingBranch} cannot be verified: {missing}.\n\n" +
                        "Set GH_TOKEN or GITHUB_TOKEN (or log in with gh) so Shipgate can read the checks, or, to release without\n" +
                        "verified CI, pass --allow-unverified-ci \"<reason>\"; the reason goes into the release record.");
            context.Console.MarkupLine($"{heading} [yellow]CI on {Markup.Escape(context.Config.StagingBranch)} is not verified ({Markup.Escape(missing)}). Proceeding {because}.[/]");
            context.Console.WriteLine();
            return CiResult.Unverified(sha, $"{missing}; {recorded}");
        }

        var verdict = await host.GetCiVerdictAsync(sha, context.Config.GitHub.RequiredChecks, ct);
        if (!verdict.Passed && emergency is not null)
        {
            context.Console.MarkupLine($"[red bold]EMERGENCY RELEASE:[/] [yellow]CI has not passed on {Markup.Escape(context.Config.StagingBranch)} ({SafeText.Markup(string.Join("; ", verdict.Problems))}). Proceeding as an emergency; it must be reviewed with shipgate audit review.[/]");
            context.Console.WriteLine();
        }
        else if (!verdict.Passed)
            throw new ReleaseBlockedException(
                $"BLOCKED: CI checks have not passed on {context.Config.StagingBranch}.\n\n" +
                $"Status: {verdict.Status}\n" +
                "Failed checks:\n" + string.Join("\n", verdict.Problems.Select(p => "- " + SafeText.OneLine(p))) +
                $"\n\nFix {context.Config.StagingBranch} before releasing.");
        return CiResult.From(verdict);
    }
}
