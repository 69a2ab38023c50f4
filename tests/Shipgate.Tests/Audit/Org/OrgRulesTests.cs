using Shipgate.Audit;
using Shipgate.Audit.Org;
using Shipgate.Git;
using Shipgate.GitHub;

namespace Shipgate.Tests.Audit.Org;

/// <summary>The pure rules of organisation-wide verify: the repos file, cache folder names, where git gets the token.</summary>
public sealed class OrgRulesTests
{
    [Fact]
    public void The_repos_file_takes_urls_and_paths_and_skips_comments_and_blank_lines()
    {
        var sources = RepositoryList.Parse(
            ["# production", "", "https://github.com/acme/api.git", "  git@github.com:acme/web.git  ", "ssh://git@ghe.example.com:2222/acme/x",
             "../mirrors/billing.git", "/srv/git/ledger.git"], "/home/auditor/lists", "repos.txt");

        Assert.Equal(
            ["https://github.com/acme/api.git", "git@github.com:acme/web.git", "ssh://git@ghe.example.com:2222/acme/x",
             "file:///home/auditor/mirrors/billing.git", "file:///srv/git/ledger.git"],
            sources.Select(s => s.Url));
        Assert.Equal("../mirrors/billing.git", sources[3].Given);
    }

    [Fact]
    public void An_empty_repos_file_is_a_usage_error()
    {
        var e = Assert.Throws<UsageException>(() => RepositoryList.Parse(["# nothing yet", ""], "/x", "repos.txt"));
        Assert.Contains("names no repository", e.Message);
    }

    [Fact]
    public void Cache_folders_are_safe_names_unique_per_url()
    {
        var a = RepositoryCache.FolderName("https://github.com/acme/api.git");
        var b = RepositoryCache.FolderName("https://github.com/acme/API.git");
        var odd = RepositoryCache.FolderName("file:///tmp/../etc/päss wd");

        Assert.StartsWith("github-com-acme-api-git-", a);
        Assert.NotEqual(a, b);
        Assert.Matches("^[a-z0-9._-]+$", odd);
        Assert.Matches("^tmp-etc-p-ss-wd-[0-9a-f]{12}\\.git$", odd);
    }

    [Fact]
    public void The_token_goes_to_git_only_for_the_github_host_over_https_and_never_in_plain_text()
    {
        var auth = new GitHubGitAuth(GitHubGitAuth.OriginOf(GitHubEndpoints.Resolve(null, _ => null, null)), new GitHubToken("ghp_secret_value", "GH_TOKEN"));
        var secrets = new Secrets();

        var github = auth.EnvironmentFor("https://github.com/acme/api", secrets);

        Assert.Equal("https://github.com", auth.Origin);
        Assert.Equal(("1", "http.https://github.com/.extraHeader"), (github["GIT_CONFIG_COUNT"], github["GIT_CONFIG_KEY_0"]));
        Assert.StartsWith("Authorization: Basic ", github["GIT_CONFIG_VALUE_0"]);
        Assert.DoesNotContain("ghp_secret_value", github["GIT_CONFIG_VALUE_0"]);
        Assert.Equal("Authorization: Basic ***", secrets.Redact(github["GIT_CONFIG_VALUE_0"]!));
        Assert.Empty(auth.EnvironmentFor("https://gitlab.com/acme/api", secrets));
        Assert.Empty(auth.EnvironmentFor("https://github.com.evil.example/acme/api", secrets));
        Assert.Empty(auth.EnvironmentFor("http://github.com/acme/api", secrets));
        Assert.Empty(auth.EnvironmentFor("git@github.com:acme/api.git", secrets));
        Assert.Empty(auth.EnvironmentFor("file:///srv/git/api.git", secrets));
    }

    [Fact]
    public void An_enterprise_token_goes_to_the_enterprise_host()
    {
        var endpoints = GitHubEndpoints.Resolve(null, name => name == "GH_HOST" ? "ghe.example.com" : null, null);
        Assert.Equal("https://ghe.example.com", GitHubGitAuth.OriginOf(endpoints));
    }

    [Fact]
    public void The_organisation_query_asks_for_100_repositories_and_the_archive_branch_per_page()
    {
        var first = OrganizationRepositories.Query("compliance-archives", null);
        var next = OrganizationRepositories.Query("compliance-archives", "Y3Vyc29yOnYyOjk5\"}");

        Assert.Contains("repositories(first: 100) {", first);
        Assert.Contains("ref(qualifiedName: \"refs/heads/compliance-archives\") { name }", first);
        Assert.Contains("after: \"Y3Vyc29yOnYyOjk5\\u0022}\"", next);
    }

    private static TrailFacts Facts(string? archiveTip, params TagObject[] tags) =>
        new("acme/new", "compliance-archives", "main", archiveTip, new string('a', 40), [], [], [], true, null, tags);

    private static TrailFacts WithRecord(string id) =>
        Facts(new string('d', 40)) with { Links = [new TrailLink(id, 0, new string('e', 40), [])] };

    private static readonly TrailVerdict Passed = new(true, 0, 0, null, [], [], [], [], false);

    [Fact]
    public void A_repository_has_no_trail_only_without_both_a_release_record_and_release_tags()
    {
        var tag = new TagObject("refs/tags/release-2026-01-01-000000", new string('b', 40), new string('c', 40), "release-2026-01-01-000000", "x");

        Assert.Equal("the remote has no compliance-archives branch and no release tags, so nothing shows how changes reached main. " +
            "Release it with shipgate, or leave it out of --repos.", RepositoryVerdict.NoTrailIn(Facts(null)));
        Assert.Equal("compliance-archives holds no release record and no release tags, so nothing shows how changes reached main. " +
            "Release it with shipgate, or leave it out of --repos.", RepositoryVerdict.NoTrailIn(Facts(new string('d', 40))));
        Assert.Null(RepositoryVerdict.NoTrailIn(WithRecord("release-2026-01-01-000000")));
        Assert.NotNull(RepositoryVerdict.NoTrailIn(WithRecord("review-2026-01-01-000000")));
        Assert.Null(RepositoryVerdict.NoTrailIn(Facts(null, tag)));
    }

    [Fact]
    public void No_trail_is_its_own_verdict_counted_apart_and_never_intact()
    {
        RepositoryVerdict Repository(string name, TrailVerdict? verdict, string? noTrail = null) =>
            new(new RepositorySource("file:///" + name, name), name, verdict, verdict is null ? "cannot be read" : null) { NoTrail = noTrail };
        var broken = Passed with { Ok = false, Problems = [new TrailProblem(TrailCheck.Tags, null, "cut")] };
        var verdicts = new[]
        {
            Repository("a", Passed with { Releases = 3 }),
            Repository("b", Passed, noTrail: "nothing"),
            Repository("c", broken, noTrail: "nothing"),
            Repository("d", null),
        };

        Assert.Equal([RepositoryStatus.Intact, RepositoryStatus.NoTrail, RepositoryStatus.Broken, RepositoryStatus.NotVerified], verdicts.Select(v => v.Status));
        Assert.Equal("nothing", verdicts[1].FirstProblem);
        Assert.Equal("cut", verdicts[2].FirstProblem);
        var summary = OrgSummary.Of(verdicts);
        Assert.Equal(new OrgSummary(4, 1, 1, 1, 3, 1), summary);
        Assert.False(summary.Ok);
        Assert.Equal("4 repositories: 1 intact, 1 broken, 1 not verified, 1 with no trail; 3 releases verified.", summary.ToString());
        Assert.False(OrgSummary.Of([verdicts[0], verdicts[1]]).Ok);
        Assert.True(OrgSummary.Of([verdicts[0]]).Ok);
        Assert.Equal("NO TRAIL: nothing", OrgEvidence.VerdictText(verdicts[1]));
    }
}
