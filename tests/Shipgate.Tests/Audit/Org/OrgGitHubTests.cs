using System.Text;
using System.Text.Json;
using Shipgate.Audit;
using Shipgate.Emulators;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit.Org;

/// <summary>
/// <c>audit verify --org OWNER</c> against the GitHub emulator: the organisation's repositories that have the archive
/// branch, found in GraphQL pages of 100 (more than 100 of them have no git behind them and no archive branch), and the
/// real ones among them verified from their bare origins.
/// </summary>
[Trait("Category", "Integration")]
[Collection(Organisation.Collection)]
public sealed class OrgGitHubTests(Organisation org)
{
    private const string Token = "ghp_org_audit_token";

    private async Task<(GitHubEmulator GitHub, ShipgateRunner Runner)> StartAsync(params (string Name, string Repository)[] real)
    {
        var fixture = new GitHubFixture { Tokens = { [Token] = "auditor" } };
        fixture.Repositories.AddRange(Enumerable.Range(1, 140).Select(i => new RepositoryFixture
        {
            Owner = "acme",
            Name = $"tool-{i:000}",
            Branches = { ["main"] = new string('a', 40) },
        }));
        fixture.Repositories.AddRange(real.Select(r => new RepositoryFixture
        {
            Owner = "acme",
            Name = r.Name,
            GitUrl = new Uri(org.Repositories.TryGetValue(r.Repository, out var s) ? s.Git.Origin : Path.Combine(org.Folder, r.Repository)).AbsoluteUri,
            Branches = { ["main"] = new string('b', 40), ["compliance-archives"] = new string('c', 40) },
        }));
        var gitHub = await GitHubEmulator.StartAsync(fixture);
        var folder = Path.Combine(org.Folder, "auditor-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var runner = new ShipgateRunner(folder, folder + "-state") { Clock = new ShiftedClock(Organisation.Later) };
        runner.Environment["XDG_CACHE_HOME"] = folder + "-cache";
        runner.Environment["GITHUB_API_URL"] = gitHub.ApiUrl;
        runner.Environment["GH_TOKEN"] = Token;
        return (gitHub, runner);
    }

    [Fact]
    public async Task The_organisations_repositories_with_the_archive_branch_are_found_in_pages_and_verified()
    {
        var before = org.AllOriginRefs();
        var (gitHub, runner) = await StartAsync(("api", "intact"), ("web", "direct-push"), ("billing", "edited-record"), ("ghost", "no-such-origin.git"));
        await using var _ = gitHub;

        var result = await runner.RunAsync(["audit", "verify", "--org", "acme", "--json"]);

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        Assert.Empty(RecordSchemas.ValidateVerifyOrg(Encoding.UTF8.GetBytes(result.Stdout)));
        var verdicts = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("repositories").EnumerateArray()
            .ToDictionary(r => r.GetProperty("repository").GetString()!, r => r.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["acme/api"] = "intact",
            ["acme/web"] = "broken",
            ["acme/billing"] = "broken",
            ["acme/ghost"] = "not_verified",
        }, verdicts);
        // 144 repositories: two pages of 100, each with the token, nothing else asked of GitHub.
        var requests = gitHub.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(("POST", "/graphql", "Bearer [REDACTED]"), (r.Method, r.Path, r.Header("Authorization"))));
        Assert.All(requests, r => Assert.Empty(r.SpecViolations));
        Assert.DoesNotContain(Token, result.Output);
        Assert.Equal(before, org.AllOriginRefs());
    }

    [Fact]
    public async Task The_organisations_evidence_pack_covers_the_repositories_github_lists()
    {
        var (gitHub, runner) = await StartAsync(("api", "intact"), ("web", "direct-push"));
        await using var _ = gitHub;
        var path = Path.Combine(org.Folder, $"org-{Guid.NewGuid():N}.json");
        var (since, until) = (DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"), DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd"));

        var result = await runner.RunAsync(["audit", "report", "--org", "acme", "--since", since, "--until", until, "--format", "json", "--out", path]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var document = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        Assert.Equal(["acme/api", "acme/web"], document.GetProperty("repositories").EnumerateArray().Select(r => r.GetProperty("repository").GetString()));
        Assert.Equal(org.Repositories["intact"].ReleaseIds().Count + org.Repositories["direct-push"].ReleaseIds().Count,
            document.GetProperty("summary").GetProperty("releases").GetInt32());
        Assert.Contains("acme/web: BROKEN: 1 commit on main", System.Text.RegularExpressions.Regex.Replace(result.Errors, @"\s+", " "));
    }

    [Fact]
    public async Task GitHub_Enterprise_is_asked_at_its_own_graphql_endpoint_with_its_own_token()
    {
        var (gitHub, runner) = await StartAsync(("api", "intact"));
        await using var _ = gitHub;
        runner.Environment["GITHUB_API_URL"] = gitHub.EnterpriseApiUrl;
        runner.Environment["GH_TOKEN"] = "not-this-one";
        runner.Environment["GH_ENTERPRISE_TOKEN"] = Token;

        var result = await runner.RunAsync(["audit", "verify", "--org", "acme"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("1 intact, 0 broken, 0 not verified", result.Output);
        // Two pages of the 141 repositories, both answered for the enterprise token (GH_TOKEN's would be refused).
        Assert.Equal(2, gitHub.Requests.Count);
        Assert.All(gitHub.Requests, r => Assert.Equal(("/api/graphql", 200), (r.Path, r.StatusCode)));
    }

    [Fact]
    public async Task Without_a_token_org_is_a_usage_error_that_says_what_to_set()
    {
        var (gitHub, runner) = await StartAsync(("api", "intact"));
        await using var _ = gitHub;
        runner.Environment["GH_TOKEN"] = null;

        var result = await runner.RunAsync(["audit", "verify", "--org", "acme"]);

        Assert.Equal(ExitCode.Usage, result.Code);
        var message = System.Text.RegularExpressions.Regex.Replace(result.Errors, @"\s+", "");
        Assert.Contains("--orgacmeasksGitHubfortheorganisation'srepositories,whichneedsatoken:setGH_ENTERPRISE_TOKENorGITHUB_ENTERPRISE_TOKENorGH_TOKEN",
            message);
        Assert.Empty(gitHub.Requests);
    }

    [Fact]
    public async Task An_organisation_GitHub_does_not_know_is_named()
    {
        var (gitHub, runner) = await StartAsync(("api", "intact"));
        await using var _ = gitHub;

        var result = await runner.RunAsync(["audit", "verify", "--org", "nobody"]);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains("GitHubhasnoorganisationnobodythatthetokencansee.", System.Text.RegularExpressions.Regex.Replace(result.Errors, @"\s+", ""));
    }
}
