using Shipgate.Audit.Org;
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
}
