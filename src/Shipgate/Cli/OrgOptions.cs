using System.CommandLine;
using Shipgate.Audit;
using Shipgate.Audit.Org;
using Shipgate.Audit.Report;
using Shipgate.Config;
using Shipgate.GitHub;
using Shipgate.Integrations;
using Shipgate.Rendering;

namespace Shipgate.Cli;

/// <summary>
/// <c>--repos FILE</c> and <c>--org OWNER</c>, which <c>audit verify</c> and <c>audit report</c> take to work across an
/// organisation from any folder: which repositories, how git reaches them (the GitHub token only for GitHub's own host),
/// and the cache they are fetched into.
/// </summary>
internal sealed class OrgOptions
{
    public Option<string?> Repos { get; } = new("--repos")
    {
        Description = "Verify every repository listed in FILE (one git URL or local path per line, # comments) instead of one clone.",
        HelpName = "file",
    };

    public Option<string?> Org { get; } = new("--org")
    {
        Description = "Verify every repository of this GitHub organisation that has the archive branch (needs a GitHub token).",
        HelpName = "owner",
    };

    public void AddTo(Command command, Option<string?> repo)
    {
        command.Options.Add(Repos);
        command.Options.Add(Org);
        command.Validators.Add(result =>
        {
            var (repos, org) = (result.GetResult(Repos) is not null, result.GetResult(Org) is not null);
            if (repos && org) result.AddError("Give --repos FILE or --org OWNER, not both.");
            if ((repos || org) && result.GetResult(repo) is not null)
                result.AddError("--repo names one clone; --repos and --org name many. Give one of them.");
            if (org && string.IsNullOrWhiteSpace(result.GetValue(Org))) result.AddError("--org needs the organisation's login, e.g. --org acme.");
        });
    }

    public bool Given(ParseResult parse) => parse.GetResult(Repos) is not null || parse.GetResult(Org) is not null;

    /// <summary>The repositories and how to reach them: the list read (bad lines are exit 2), or the organisation asked of GitHub.</summary>
    public async Task<(IReadOnlyList<RepositorySource> Sources, OrgRun Run)> ResolveAsync(ParseResult parse, CliHost host, Secrets secrets,
        ReportPeriod? period, CancellationToken ct)
    {
        var location = PolicyLocation.FromEnvironment(host.Environment);
        var cache = new RepositoryCache(RepositoryCache.DefaultRoot(host.Environment), secrets);
        var endpoints = GitHubEndpoints.Resolve(null, host.Environment, null);
        var gitOrigin = GitHubGitAuth.OriginOf(endpoints);
        var tokenHost = endpoints.ApiUrl.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase) ? "github.com" : endpoints.ApiUrl.Host;

        IReadOnlyList<RepositorySource> sources;
        GitHubToken? token;
        if (parse.GetValue(Repos) is { } file)
        {
            sources = RepositoryList.Read(Path.GetFullPath(file, host.WorkingDirectory));
            // A token is looked for only when a listed repository lives on GitHub's host over https: git then needs it.
            token = sources.Any(s => s.Url.StartsWith(gitOrigin + "/", StringComparison.OrdinalIgnoreCase))
                ? await GitHubToken.FindAsync(host.Environment, tokenHost, ct)
                : null;
        }
        else
        {
            var login = parse.GetValue(Org)!.Trim();
            Destinations(host).Require(endpoints.ApiUrl, "GitHub", endpoints.ApiSource, "GITHUB_API_URL (or GH_HOST)");
            Destinations(host).Require(endpoints.GraphQLUrl, "GitHub", "GraphQL, derived from " + endpoints.ApiSource, "GITHUB_GRAPHQL_URL");
            token = await GitHubToken.FindAsync(host.Environment, tokenHost, ct)
                ?? throw new UsageException($"--org {login} asks GitHub for the organisation's repositories, which needs a token: set " +
                    $"{string.Join(" or ", GitHubToken.VariablesFor(tokenHost))}, or log in with `gh auth login`.");
            secrets.Add(token.Value);
            var http = new GitHubHttp(endpoints, token, $"organisation {login}", secrets, host.Clock, waits: new WaitLines(host.Errors, secrets));
            sources = await OrganizationRepositories.ListAsync(http, login, new ShipgateConfig().ArchiveBranch, ct);
            if (sources.Count == 0)
                throw new UsageException($"No repository of {login} on GitHub has the branch {new ShipgateConfig().ArchiveBranch}: nothing to verify.");
        }
        if (token is not null) secrets.Add(token.Value);
        var auth = token is null ? null : new GitHubGitAuth(gitOrigin, token);
        return (sources, new OrgRun(cache, location, auth, secrets, host.Clock.GetUtcNow(), period)
        { Witness = period is null ? new WitnessAccess(host.Environment, secrets, host.Clock) : null });
    }

    /// <summary>Where the token may go with no repository at hand: GitHub's API and the hosts the operator's environment names.</summary>
    private static TokenDestinations Destinations(CliHost host)
    {
        var defaults = new ShipgateConfig();
        var policy = new ReleasePolicy(defaults, new PolicySource(defaults.Remote, defaults.ProductionBranch, null, ConfigLoader.FileName, null, false),
            null, null);
        return TokenDestinations.ForGitHub(policy, host.Environment, null);
    }

    /// <summary>
    /// Verifies every repository, with a progress line on standard error while it runs when that is a terminal
    /// (never under --json, never when redirected).
    /// </summary>
    public static async Task<IReadOnlyList<RepositoryVerdict>> VerifyAsync(CliHost host, OrgRun run, IReadOnlyList<RepositorySource> sources,
        bool quiet, CancellationToken ct)
    {
        var writer = host.ErrorsAreTerminal && !quiet ? host.Errors.Profile.Out.Writer : null;
        var gate = new Lock();
        void Progress(int done, int total)
        {
            if (writer is null) return;
            lock (gate) writer.Write($"\rFetching and verifying {total} repositories: {done} done\u001b[K");
        }
        Progress(0, sources.Count);
        try
        {
            return await OrgTrails.VerifyAsync(run, sources, Progress, ct);
        }
        finally
        {
            if (writer is not null) lock (gate) writer.Write("\r\u001b[K");
        }
    }
}
