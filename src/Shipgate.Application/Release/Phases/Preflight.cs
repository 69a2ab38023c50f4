using Shipgate.Audit;
using Shipgate.Config;
using Shipgate.Integrations;
using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 1, pre-flight. Refuses a release that must not start: wrong current branch, a production
/// branch that diverged, an audit trail that was cut (unless --emergency), CI not green (or not
/// verifiable) on staging's head, a release policy on production that the trail does not account for (<see cref="PolicyGate"/>,
/// unless --emergency), no signing key where signatures are required (<see cref="SigningKeyGate"/>). Shows what the release does to the release policy. Warns of open PRs
/// targeting staging. Reads the remote's tips once (<see cref="ReadTipsAsync"/>); they are also the push's leases,
/// and what the <see cref="Lookups"/> the checks read are started from.
/// Skipped: never. Ends the release early (null) when there is nothing to release.
/// Fails: <see cref="ReleaseBlockedException"/> (exit 3) for the branch, a divergence or a cut trail; a closed gate goes to the
/// <see cref="GateRunner"/> (a release stops there); <see cref="ShipgateException"/> for git or the API.
/// </summary>
internal static class Preflight
{
    /// <summary>The first step: the current branch, the remote's tips (fetched), no divergence. Null: nothing to release.</summary>
    /// <param name="needsIdentity">False for a dry run, which records nothing and so needs no git identity.</param>
    /// <param name="gates">Where a release from another branch stops (a dry run from any branch goes on: it changes nothing).</param>
    public static async Task<TipsRead?> ReadTipsAsync(ReleaseContext context, bool needsIdentity, GateRunner gates, CancellationToken ct)
    {
        var config = context.Config;
        var git = context.Git;

        gates.Pass(BranchGate(config, await git.CurrentBranchAsync(ct)));

        var identity = needsIdentity ? await git.IdentityAsync(ct) : null;

        var heads = await git.RemoteHeadsAsync(config.Remote, [config.StagingBranch, config.ProductionBranch, config.ArchiveBranch], ct);
        var staging = heads.GetValueOrDefault(config.StagingBranch)
            ?? throw new ReleaseBlockedException($"The remote '{config.Remote}' has no branch '{config.StagingBranch}' to release from (branches.staging).");
        var production = heads.GetValueOrDefault(config.ProductionBranch)
            ?? throw new ReleaseBlockedException(
                $"The remote '{config.Remote}' has no branch '{config.ProductionBranch}' to release to (branches.production).");
        var tips = new RemoteTips(staging, production, heads.GetValueOrDefault(config.ArchiveBranch));

        if (!await git.BringObjectsAsync(config.Remote, heads, ct))
            throw new ShipgateException(ExitCode.Error, $"The remote '{config.Remote}' changed while it was being read. Run shipgate release again.");
        if (context.Policy.MovedSince(production, staging) is { } moved)
            throw new ShipgateException(ExitCode.Error, moved);

        // Gather's git reads of the range start now, beside the divergence count; unwanted if the release stops here.
        var gitReads = new HeadStart<GitFacts>(token => Gather.ReadGitAsync(context, tips, token), ct);
        try
        {
            return await CheckDivergenceAsync(context, tips, ct) ? new TipsRead(tips, identity, gitReads) : await NoneAsync(gitReads);
        }
        catch (Exception)
        {
            await gitReads.DisposeAsync();
            throw;
        }

        static async Task<TipsRead?> NoneAsync(HeadStart<GitFacts> unwanted)
        {
            await unwanted.DisposeAsync();
            return null;
        }
    }

    /// <summary>A release runs from the branches release.from_branches names (staging and production by default); null: it may.</summary>
    private static WouldBlock? BranchGate(ShipgateConfig config, string? current)
    {
        if (current is not null && config.AllowedCurrentBranches.Contains(current)) return null;
        var allowed = string.Join(" or ", config.AllowedCurrentBranches);
        var message = $"Must be on {allowed} branch to release (you are on {current ?? "a detached HEAD"}).";
        return new WouldBlock($"you are on {current ?? "a detached HEAD"}; a release must run from {allowed}", null, message, GateNotice.GoesOn(message));
    }

    /// <summary>False when there is nothing to release; throws when production has diverged from staging.</summary>
    private static async Task<bool> CheckDivergenceAsync(ReleaseContext context, RemoteTips tips, CancellationToken ct)
    {
        var (config, production, staging) = (context.Config, tips.Production, tips.Staging);
        var (productionOnly, stagingOnly) = await context.Git.CountDivergenceAsync(production, staging, ct);
        if (productionOnly > 0)
            throw new ReleaseBlockedException(
                $"ERROR: {config.ProductionBranch} has diverged from {config.StagingBranch}.\n\n" +
                $"{config.ProductionBranch} has {Plural.Of(productionOnly, "commit")} not in {config.StagingBranch}.\n" +
                "This indicates direct pushes to main, which violates the workflow.\n\n" +
                $"Investigate with: git log {config.Remote}/{config.StagingBranch}..{config.Remote}/{config.ProductionBranch}\n\n" +
                "Do NOT force-push. Resolve the divergence manually.");
        if (stagingOnly == 0)
        {
            context.Console.WriteLine("Nothing to release.");
            context.Console.WriteLine();
            context.Console.WriteLine($"{config.StagingBranch} and {config.ProductionBranch} are at the same commit: {staging}");
            return false;
        }
        return true;
    }

    /// <summary>
    /// The checks, in the order they are shown: the signing key, the audit trail, the policy change, CI, open PRs, the releaser.
    /// Each closed gate goes to <paramref name="gates"/> where it stands, which stops a release there.
    /// </summary>
    /// <param name="ciAllowed">How the record words --allow-unverified-ci: a dry run says it was given, a release that it released.</param>
    public static async Task<Preflighted> RunAsync(ReleaseContext context, TipsRead read, Lookups lookups, GateRunner gates, string ciAllowed,
        CancellationToken ct)
    {
        var config = context.Config;
        var git = context.Git;
        var (tips, identity, _) = read;
        var (staging, production) = (tips.Staging, tips.Production);

        gates.Pass(await SigningKeyGate.CheckAsync(context, ct));
        var trail = await TrailGuard.CheckAsync(git, config, tips.Archive, context.Options.Emergency, context.Console, ct);
        (trail, var unaccounted) = PolicyGate.Check(context, trail);
        gates.Pass(unaccounted);
        (trail, var frozen) = await FreezeGate.CheckAsync(context, trail, tips.Archive, ct);
        gates.Pass(frozen);

        // Shown before the CI gate, so that a blocked release shows it too: what this release does to the policy in force.
        var policyChange = await PolicyReader.ReadChangeAsync(git, context.Policy.Source is { StagingFallback: false, Commit: { } accounted }
            ? accounted : production, staging, ct);
        PolicyScreen.Changes(context.Console, context.Policy, policyChange);

        var (ci, blocked) = await CheckCiAsync(context, staging, lookups.Ci, ciAllowed);
        gates.Pass(blocked);

        IReadOnlyList<OpenPullRequest> open = [];
        if (lookups.OpenPullRequests is { } asked)
        {
            open = await asked;
            if (open.Count > 0)
                OpenPullRequestsScreen.Show(context.Warnings, open, config.StagingBranch);
        }
        var login = lookups.Login is null ? null : await ReleaserLoginAsync(context, lookups.Login, ct);
        return new Preflighted(tips, ci, open, identity is null ? null : new Releaser(identity, login), policyChange, trail);
    }

    /// <summary>The login behind the token, when GitHub says; an Actions token cannot read /user, and that is no reason to stop.</summary>
    private static async Task<string?> ReleaserLoginAsync(ReleaseContext context, Task<string?> login, CancellationToken ct)
    {
        try
        {
            return await login;
        }
        catch (ShipgateException e) when (!ct.IsCancellationRequested)
        {
            context.Warnings.MarkupLine("[yellow]WARNING: the GitHub login behind the token is unknown " +
                $"({SafeText.Markup(context.Secrets.Redact(e.Message))}); " +
                "the record names the releaser by git identity only.[/]");
            return null;
        }
    }

    /// <summary>CI on staging's head, and the gate if it is closed (CI failed, or unverifiable without --allow-unverified-ci).</summary>
    internal static async Task<(CiResult, WouldBlock?)> CheckCiAsync(ReleaseContext context, string sha, Task<CiVerdict>? asked, string allowed)
    {
        var emergency = context.Options.Emergency;
        var staging = context.Config.StagingBranch;
        if (asked is null)
        {
            var missing = context.CodeHost.Missing!;
            if (emergency is null && context.Options.AllowUnverifiedCi is null)
                return (CiResult.Unverified(sha, missing), new WouldBlock(
                    $"CI on {staging} cannot be verified ({missing})",
                    "--allow-unverified-ci \"<reason>\"",
                    $"BLOCKED: CI on {staging} cannot be verified: {missing}.\n\n" +
                    "Set GH_TOKEN or GITHUB_TOKEN (or log in with gh) so Shipgate can read the checks, or, to release without\n" +
                    "verified CI, pass --allow-unverified-ci \"<reason>\"; the reason goes into the release record.",
                    new GateNotice($"[yellow]WOULD BE BLOCKED:[/] [yellow]CI on {Markup.Escape(staging)} is not verified ({Markup.Escape(missing)}). " +
                        "Proceeding with the dry run; a release now would stop here.[/]")));
            var (heading, because, recorded) = emergency is not null
                ? ("[red bold]EMERGENCY RELEASE:[/]", "as an emergency; it must be reviewed with shipgate audit review",
                    $"emergency release: {SafeText.OneLine(emergency)}")
                : ("[yellow]WARNING:[/]", "because --allow-unverified-ci was given; the reason is recorded",
                    $"{allowed}: {SafeText.OneLine(context.Options.AllowUnverifiedCi!)}");
            context.Console.MarkupLine(
                $"{heading} [yellow]CI on {Markup.Escape(staging)} is not verified ({Markup.Escape(missing)}). Proceeding {because}.[/]");
            context.Console.WriteLine();
            return (CiResult.Unverified(sha, $"{missing}; {recorded}"), null);
        }

        var verdict = await asked;
        if (!verdict.Passed && emergency is not null)
        {
            context.Console.MarkupLine($"[red bold]EMERGENCY RELEASE:[/] [yellow]CI has not passed on {Markup.Escape(staging)} " +
                $"({SafeText.Markup(string.Join("; ", verdict.Problems))}). Proceeding as an emergency; it must be reviewed with shipgate audit review.[/]");
            context.Console.WriteLine();
        }
        else if (!verdict.Passed)
        {
            var message = $"BLOCKED: CI checks have not passed on {staging}.\n\n" +
                $"Status: {JsonNames.Of(verdict.Status)}\n" +
                "Failed checks:\n" + string.Join("\n", verdict.Problems.Select(p => "- " + SafeText.OneLine(p))) +
                $"\n\nFix {staging} before releasing.";
            var failing = string.Join("; ", verdict.Problems.Select(SafeText.OneLine));
            return (CiResult.From(verdict), new WouldBlock($"CI checks have not passed on {staging} ({failing}); fix {staging}", "--emergency \"<reason>\"",
                message, GateNotice.GoesOn(message)));
        }
        return (CiResult.From(verdict), null);
    }
}
