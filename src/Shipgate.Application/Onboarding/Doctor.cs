using Shipgate.Audit;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.GitHub;
using Shipgate.Integrations;
using Shipgate.Rendering;

namespace Shipgate.Onboarding;

/// <summary>One line of <c>shipgate doctor</c>: what was checked, what was found, and what to do when it failed.</summary>
internal sealed record DoctorCheck(string Name, bool Passed, string Found, string? Fix = null)
{
    public static DoctorCheck Ok(string name, string found) => new(name, true, found);

    public static DoctorCheck Failed(string name, string found, string fix) => new(name, false, found, fix);
}

/// <summary>
/// Checks a clone's setup the way a release will need it: git, the repository, the remote and its branches,
/// the release policy, GitHub (token present, valid, can read the repository, production's branch rules),
/// Linear (key and team keys), Jira when a site is named (site, credentials, projects) and the signing key when records are signed. Reads only; each check says what to do.
/// </summary>
internal static class Doctor
{
    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(string folder, Func<string, string?> environment, TimeProvider clock, Secrets secrets,
        CancellationToken ct)
    {
        var checks = new List<DoctorCheck>();
        var version = await new GitCli(folder, secrets).TryRunAsync(["--version"], ct: ct);
        checks.Add(version.ExitCode == 0
            ? DoctorCheck.Ok("git", version.Text.Trim())
            : DoctorCheck.Failed("git", "git does not run", "install git 2.38 or later and put it on PATH"));
        if (!checks[^1].Passed) return checks;

        string root;
        try
        {
            root = await GitRepository.FindTopLevelAsync(folder, secrets, ct);
            checks.Add(DoctorCheck.Ok("repository", root));
        }
        catch (UsageException e)
        {
            checks.Add(DoctorCheck.Failed("repository", e.Message, "run shipgate doctor inside a clone of the repository you release, or pass --repo DIR"));
            return checks;
        }

        var git = new GitRepository(new GitCli(root, secrets));
        var location = PolicyLocation.FromEnvironment(environment);
        var url = await git.RemoteUrlAsync(location.Remote, ct);
        if (url is null)
        {
            checks.Add(DoctorCheck.Failed("remote", $"no remote named '{location.Remote}'",
                $"git remote add {location.Remote} <url>, or name yours in {PolicyLocation.RemoteVariable}"));
            return checks;
        }
        var listed = await git.Cli.TryRunAsync(["ls-remote", "--heads", location.Remote], ct: ct);
        if (listed.ExitCode != 0)
        {
            checks.Add(DoctorCheck.Failed("remote", $"{location.Remote} ({secrets.Redact(url)}) cannot be reached",
                "check the URL, your network and your git credentials (git ls-remote " + location.Remote + ")"));
            return checks;
        }
        checks.Add(DoctorCheck.Ok("remote", $"{location.Remote} ({secrets.Redact(url)}) answers"));

        ReleasePolicy policy;
        try
        {
            policy = await AccountedPolicy.ReadAsync(git, location, ct);
            checks.Add(DoctorCheck.Ok("config",
                policy.FromFile ? $"{policy.Source.Display} loads" : "no .shipgate.yml on the remote yet: Shipgate's defaults"));
            if (policy.Unaccounted is { } pushed)
                checks.Add(DoctorCheck.Failed("policy",
                    $"{location.ProductionBranch}'s tip carries a release policy no release or review accounts for: commit {Sha.Short(pushed.Commit)} " +
                    $"\"{pushed.Subject}\" by {pushed.Author}; releases are refused until it is acknowledged",
                    $"someone other than its author runs {pushed.ReviewCommand}"));
        }
        catch (ShipgateException e)
        {
            checks.Add(DoctorCheck.Failed("config", SafeText.OneLine(e.Message),
                "fix the file as the message says, commit it and release it (or push it to staging first)"));
            return checks;
        }
        var config = policy.Config;
        var heads = listed.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[^1]).ToHashSet();
        var missing = new[] { config.StagingBranch, config.ProductionBranch }.Where(b => !heads.Contains("refs/heads/" + b)).ToList();
        checks.Add(missing.Count == 0
            ? DoctorCheck.Ok("branches", $"{config.StagingBranch} and {config.ProductionBranch} are on {config.Remote}" +
                (heads.Contains("refs/heads/" + config.ArchiveBranch)
                    ? $", and {config.ArchiveBranch}"
                    : $"; {config.ArchiveBranch} comes with the first release"))
            : DoctorCheck.Failed("branches", $"{config.Remote} has no {string.Join(" or ", missing)}",
                $"push them (git push {config.Remote} <commit>:refs/heads/<branch>) or set branches.staging / branches.production"));

        checks.AddRange(await GitHubChecksAsync(policy, url, environment, clock, secrets, ct));
        checks.AddRange(await LinearChecksAsync(policy, environment, clock, secrets, ct));
        checks.AddRange(await JiraChecksAsync(policy, environment, clock, secrets, ct));
        if (config.Audit.Sign)
        {
            var key = await git.Cli.TryRunAsync(["config", "--get", "user.signingkey"], ct: ct);
            checks.Add(key.ExitCode == 0 && key.Text.Trim().Length > 0
                ? DoctorCheck.Ok("signing key", "audit.sign is on and git has user.signingkey")
                : DoctorCheck.Failed("signing key", "audit.sign is on but git has no user.signingkey",
                    "git config user.signingkey <key> (and gpg.format ssh for an ssh key), or set audit.sign: false"));
        }
        return checks;
    }

    private static async Task<IReadOnlyList<DoctorCheck>> GitHubChecksAsync(ReleasePolicy policy, string url, Func<string, string?> environment,
        TimeProvider clock, Secrets secrets, CancellationToken ct)
    {
        Integration<ICodeHost> codeHost;
        try
        {
            codeHost = await Connections.CodeHostAsync(policy, RepositoryAddress.Parse(url), environment, secrets, clock, ct: ct);
        }
        catch (ShipgateException e)
        {
            return [DoctorCheck.Failed("GitHub token", SafeText.OneLine(e.Message), "set the variable the message names")];
        }
        if (codeHost.Service is not GitHubClient github)
            return [DoctorCheck.Failed("GitHub token", codeHost.Missing ?? "no GitHub",
                "set GH_TOKEN or GITHUB_TOKEN (or run gh auth login); without it CI cannot be verified")];

        var checks = new List<DoctorCheck>();
        try
        {
            var login = await github.GetViewerLoginAsync(ct);
            checks.Add(DoctorCheck.Ok("GitHub token", $"present and valid (login {login})"));
        }
        catch (ApiException e) when (e.Status is 401)
        {
            return [DoctorCheck.Failed("GitHub token", "present but GitHub refuses it (401)", "make a new token and set GH_TOKEN or GITHUB_TOKEN to it")];
        }
        catch (ApiException e) when (e.Status is 403)
        {
            checks.Add(DoctorCheck.Ok("GitHub token", "present (an app or Actions token: it cannot read /user)"));
        }
        catch (ShipgateException e)
        {
            return [DoctorCheck.Failed("GitHub token", SafeText.OneLine(secrets.Redact(e.Message)), "check GITHUB_API_URL or GH_HOST and your network")];
        }

        try
        {
            checks.Add(DoctorCheck.Ok("GitHub repository", $"{await github.GetRepositoryNameAsync(ct)} is readable with the token"));
        }
        catch (ShipgateException e)
        {
            checks.Add(DoctorCheck.Failed("GitHub repository", SafeText.OneLine(secrets.Redact(e.Message)),
                "give the token read access to the repository (contents, checks, pull requests, actions), or fix github.repository"));
            return checks;
        }

        var production = policy.Config.ProductionBranch;
        IReadOnlyList<BranchRule> rules;
        try
        {
            rules = await github.GetBranchRulesAsync(production, ct);
        }
        catch (ShipgateException e)
        {
            checks.Add(DoctorCheck.Failed("branch protection", SafeText.OneLine(secrets.Redact(e.Message)),
                "check the token can read the repository's rules"));
            return checks;
        }
        checks.Add(BranchProtection.Judge(production, rules, policy.Config.GitHub.RequiredChecks));
        checks.AddRange(await EnvironmentDoctor.CheckAsync(policy.Config, github, github.Repository, environment, secrets, ct));
        return checks;
    }

    private static async Task<IReadOnlyList<DoctorCheck>> LinearChecksAsync(ReleasePolicy policy, Func<string, string?> environment, TimeProvider clock,
        Secrets secrets, CancellationToken ct)
    {
        var tracker = Connections.Tracker(policy, environment, secrets, clock);
        if (tracker.Service is not { } linear)
        {
            // Without a Linear key Linear is not the tracker: Jira may be (checked next), or there is none, which is a choice.
            if (Connections.JiraNamed(policy, environment)) return [];
            return [DoctorCheck.Ok("tickets", $"no ticket tracker ({tracker.Missing ?? "no Linear"}): ticket ids are found by tickets.keys " +
                "and listed unverified; give Shipgate a tracker's credentials to verify them (README, Configuration)")];
        }
        IReadOnlyList<string> teams;
        try
        {
            teams = await linear.GetTeamKeysAsync(ct);
        }
        catch (ShipgateException e)
        {
            return [DoctorCheck.Failed("Linear key", SafeText.OneLine(secrets.Redact(e.Message)), "set LINEAR_API_KEY to a valid Linear API key")];
        }
        var known = policy.Config.TicketKeys;
        var unknown = known.Where(k => !teams.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        return
        [
            DoctorCheck.Ok("Linear key", $"valid; Linear's team keys: {string.Join(", ", teams)}"),
            unknown.Count == 0
                ? DoctorCheck.Ok("ticket keys",
                    known.Count == 0 ? "tickets.keys unset: Linear's team keys are used" : $"{string.Join(", ", known)} are Linear teams")
                : DoctorCheck.Failed("ticket keys", $"tickets.keys names {string.Join(", ", unknown)}, which Linear does not have",
                    $"fix tickets.keys (Linear has {string.Join(", ", teams)})"),
        ];
    }

    /// <summary>
    /// Jira, only when a site is named (JIRA_BASE_URL or jira.site): the site and the credentials (<c>/rest/api/3/myself</c>),
    /// then the projects: jira.projects must be projects the credentials can see, or, unset, the keys Jira lists are used.
    /// </summary>
    private static async Task<IReadOnlyList<DoctorCheck>> JiraChecksAsync(ReleasePolicy policy, Func<string, string?> environment, TimeProvider clock,
        Secrets secrets, CancellationToken ct)
    {
        Integration<ITicketTracker>? jira;
        try
        {
            jira = Connections.Jira(policy, environment, secrets, clock);
        }
        catch (ShipgateException e)
        {
            return [DoctorCheck.Failed("Jira site", SafeText.OneLine(secrets.Redact(e.Message)), "set JIRA_BASE_URL or jira.site to your https://SITE.atlassian.net")];
        }
        if (jira is null) return [];
        if (jira.Service is not Jira.JiraClient client)
            return [DoctorCheck.Failed("Jira credentials", jira.Missing ?? "no Jira",
                "set JIRA_EMAIL and JIRA_API_TOKEN (an Atlassian API token); without them Jira tickets stay unverified")];
        var site = client.Settings.Site.GetLeftPart(UriPartial.Authority);
        var checks = new List<DoctorCheck>();
        try
        {
            var account = await client.GetAccountAsync(ct);
            checks.Add(DoctorCheck.Ok("Jira site", $"{site} answers"));
            checks.Add(DoctorCheck.Ok("Jira credentials", $"valid (account {SafeText.OneLine(account)})"));
        }
        catch (TrackerUnavailableException e) when (e.Status == 401)
        {
            return [DoctorCheck.Ok("Jira site", $"{site} answers"),
                DoctorCheck.Failed("Jira credentials", $"{site} refuses JIRA_EMAIL and JIRA_API_TOKEN (401)",
                    "set JIRA_EMAIL to your Atlassian account's email and JIRA_API_TOKEN to a valid API token (id.atlassian.com)")];
        }
        catch (ShipgateException e)
        {
            return [DoctorCheck.Failed("Jira site", SafeText.OneLine(secrets.Redact(e.Message)), "check JIRA_BASE_URL or jira.site and your network")];
        }
        IReadOnlyList<string> projects;
        try
        {
            projects = await client.GetTeamKeysAsync(ct);
        }
        catch (ShipgateException e)
        {
            checks.Add(DoctorCheck.Failed("Jira projects", SafeText.OneLine(secrets.Redact(e.Message)), "check the account can browse your projects"));
            return checks;
        }
        var named = policy.Config.Jira.Projects;
        var unknown = named.Where(k => !projects.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        checks.Add(unknown.Count == 0
            ? DoctorCheck.Ok("Jira projects", named.Count == 0
                ? $"jira.projects unset: the projects Jira lists are used ({(projects.Count == 0 ? "none" : string.Join(", ", projects))})"
                : $"{string.Join(", ", named)} are Jira projects the account can see")
            : DoctorCheck.Failed("Jira projects", $"jira.projects names {string.Join(", ", unknown)}, which Jira does not show this account",
                $"fix jira.projects (Jira shows {(projects.Count == 0 ? "no project" : string.Join(", ", projects))}) or give the account access"));
        return checks;
    }
}

/// <summary>Judges production's branch rules: direct pushes blocked, and the required checks those the policy names. Pure.</summary>
internal static class BranchProtection
{
    public static DoctorCheck Judge(string branch, IReadOnlyList<BranchRule> rules, IReadOnlyList<string> requiredChecks)
    {
        const string name = "branch protection";
        var problems = new List<string>();
        var fixes = new List<string>();
        if (!rules.Any(r => r.Type is "pull_request" or "update"))
        {
            problems.Add($"direct pushes to {branch} are not blocked");
            fixes.Add($"add a ruleset on {branch} that requires a pull request or restricts updates (with Shipgate's releaser allowed to bypass)");
        }
        var ruleChecks = rules.Where(r => r.Type == "required_status_checks").SelectMany(r => r.Checks).Distinct().Order(StringComparer.Ordinal).ToList();
        var wanted = requiredChecks.Distinct().Order(StringComparer.Ordinal).ToList();
        if (ruleChecks.Count == 0)
        {
            problems.Add("no required status checks");
            fixes.Add("require your CI checks in the ruleset" + (wanted.Count > 0 ? $" ({string.Join(", ", wanted)})" : ""));
        }
        else if (!ruleChecks.SequenceEqual(wanted))
        {
            problems.Add($"the ruleset requires [{string.Join(", ", ruleChecks)}] but github.required_checks is [{string.Join(", ", wanted)}]");
            fixes.Add("make github.required_checks and the ruleset's required checks the same");
        }
        return problems.Count == 0
            ? DoctorCheck.Ok(name, $"direct pushes to {branch} blocked; required checks {string.Join(", ", ruleChecks)} match github.required_checks")
            : DoctorCheck.Failed(name, string.Join("; ", problems), string.Join("; ", fixes));
    }
}
