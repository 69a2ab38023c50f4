using Shipgate.Audit.Org;

namespace Shipgate.Tests.Audit.Org;

/// <summary>Which lines of the repos file carry credentials, and how a source is shown and named in the cache.</summary>
public sealed class SourceAddressTests
{
    [Theory]
    [InlineData("https://user:pw@github.com/acme/x.git")]
    [InlineData("https://ghp_token@github.com/acme/x.git")]
    [InlineData("http://user:pw@example.com/x.git")]
    [InlineData("ssh://user:pw@example.com/x.git")]
    [InlineData("ssh://:pw@example.com/x.git")]
    [InlineData("git://user:pw@example.com/x.git")]
    [InlineData("git://user@example.com/x.git")]
    [InlineData("file://user:pw@localhost/srv/x.git")]
    [InlineData("user:pw@example.com:acme/x.git")]
    [InlineData("user:pw@example.com/acme/x.git")]
    [InlineData("https://example.com/x.git?access_token=abc")]
    [InlineData("https://example.com/x.git?a=1&token=abc")]
    [InlineData("https://example.com/x.git?key=abc")]
    [InlineData("https://example.com/x.git?private_token=abc")]
    [InlineData("https://example.com/x.git?Access%5FToken=abc")]
    [InlineData("git@example.com:acme/x.git?token=abc")]
    public void Credentials_in_any_scheme_or_form_are_found(string line) =>
        Assert.True(SourceAddress.CarriesCredentials(line), line);

    [Theory]
    [InlineData("https://github.com/acme/x.git")]
    [InlineData("ssh://git@ghe.example.com:2222/acme/x")]
    [InlineData("git@github.com:acme/web.git")]
    [InlineData("https://example.com/x.git?ref=main")]
    [InlineData("file:///srv/git/x.git")]
    [InlineData("../mirrors/x?token=1.git")]
    [InlineData("/srv/git/a:b@c.git")]
    public void Plain_addresses_and_ssh_logins_carry_none(string line) =>
        Assert.False(SourceAddress.CarriesCredentials(line), line);

    [Theory]
    [InlineData("ssh://git@ghe.example.com:2222/acme/x", "ssh://ghe.example.com:2222/acme/x")]
    [InlineData("git@github.com:acme/web.git", "github.com:acme/web.git")]
    [InlineData("https://example.com/x.git?ref=main#top", "https://example.com/x.git")]
    [InlineData("HTTPS://u:p@Example.com/x", "HTTPS://Example.com/x")]
    [InlineData("../mirrors/billing.git", "../mirrors/billing.git")]
    public void A_source_is_shown_without_its_user_part_or_query(string line, string shown) =>
        Assert.Equal(shown, SourceAddress.Shown(line));

    [Theory]
    [InlineData("ssh://deploy:hunter2@example.com/acme/x.git")]
    [InlineData("deploy:hunter2@example.com:acme/x.git")]
    [InlineData("https://example.com/acme/x.git?access_token=hunter2")]
    [InlineData("https://hunter2@example.com/acme/x.git")]
    public void A_cache_folder_name_never_holds_a_user_part_or_query(string url)
    {
        var name = RepositoryCache.FolderName(url);

        Assert.DoesNotContain("hunter2", name);
        Assert.DoesNotContain("deploy", name);
        Assert.Matches("^example-com-acme-x-git-[0-9a-f]{12}\\.git$", name);
    }

    [Fact]
    public void The_list_keeps_what_it_shows_free_of_logins_and_queries()
    {
        var sources = RepositoryList.Parse(["ssh://git@ghe.example.com/acme/x", "https://example.com/acme/y.git?ref=main"], "/x", "repos.txt");

        Assert.Equal(["ssh://ghe.example.com/acme/x", "https://example.com/acme/y.git"], sources.Select(s => s.Given));
        Assert.Equal("ssh://git@ghe.example.com/acme/x", sources[0].Url);
    }

    [Fact]
    public void The_cache_config_names_the_source_and_the_cache_and_nothing_else()
    {
        var text = CacheConfig.Text("file:///srv/a \"b\"\\c", "up\"stream", "/cache/x.git");

        Assert.Equal(
            "[core]\n\trepositoryformatversion = 1\n\tbare = true\n\tlogAllRefUpdates = false\n" +
            "[extensions]\n\tpartialClone = \"shipgate-source\"\n[gc]\n\tauto = 0\n" +
            "[remote \"shipgate-source\"]\n\turl = \"file:///srv/a \\\"b\\\"\\\\c\"\n\tpromisor = true\n" +
            "\tuploadpack = \"git -c uploadpack.allowFilter=true -c uploadpack.allowAnySHA1InWant=true upload-pack\"\n" +
            "[remote \"up\\\"stream\"]\n\turl = \"/cache/x.git\"\n", text);
        Assert.Contains("core.hooksPath=/dev/null", CacheConfig.GitOptions);
        Assert.Contains("protocol.allow=never", CacheConfig.GitOptions);
    }
}
