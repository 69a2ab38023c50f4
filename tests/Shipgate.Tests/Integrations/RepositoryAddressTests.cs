using Shipgate.Integrations;

namespace Shipgate.Tests.Integrations;

public sealed class RepositoryAddressTests
{
    [Theory]
    [InlineData("https://github.com/acme/svc.git", "github.com", "acme", "svc")]
    [InlineData("https://x-access-token:ghp_secret@github.com/acme/svc", "github.com", "acme", "svc")]
    [InlineData("git@github.com:acme/svc.git", "github.com", "acme", "svc")]
    [InlineData("ssh://git@ghe.example.com:2222/acme/svc.git", "ghe.example.com", "acme", "svc")]
    [InlineData("git@ghe.example.com:acme/svc.dots", "ghe.example.com", "acme", "svc.dots")]
    public void Parses_every_remote_form(string url, string host, string owner, string name) =>
        Assert.Equal(new RepositoryAddress(host, owner, name), RepositoryAddress.Parse(url));

    [Theory]
    [InlineData("/srv/git/origin.git")]
    [InlineData("file:///srv/git/origin.git")]
    [InlineData("")]
    public void Local_remotes_have_no_address(string url) => Assert.Null(RepositoryAddress.Parse(url));

    [Fact]
    public void Secrets_are_redacted_from_text()
    {
        var secrets = new Secrets().Add("ghp_abcdef123456");
        Assert.Equal("fetch https://***@github.com/acme/svc failed: token *** rejected",
            secrets.Redact("fetch https://x-access-token:ghp_abcdef123456@github.com/acme/svc failed: token ghp_abcdef123456 rejected"));
    }
}
