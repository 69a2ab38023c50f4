using Shipgate.Audit;

namespace Shipgate.Tests.Audit;

/// <summary>Names and emails compared as a reader sees them: NFKC, then the UTS #39 confusable skeleton.</summary>
public sealed class LookAlikeTests
{
    [Theory]
    [InlineData("rel@exаmple.com", "rel@example.com")] // Cyrillic а (U+0430)
    [InlineData("rel@exаmple.com", "Rel@Example.COM")] // emails: case does not matter
    [InlineData("REL@EXАMPLE.COM", "rel@example.com")] // Cyrillic А (U+0410), upper case
    [InlineData("rel@exa\u200Bmple.com", "rel@example.com")] // a zero-width space
    [InlineData("rel@example\u00AD.com", "rel@example.com")] // a soft hyphen
    [InlineData("ｒｅｌ@ｅｘａｍｐｌｅ.ｃｏｍ", "rel@example.com")] // full-width forms (NFKC)
    [InlineData("rel@examp1e.com", "rel@example.com")] // digit one for l
    [InlineData("rn@example.com", "m@example.com")] // r n for m
    [InlineData("Rіta Releaser", "Rita Releaser")] // Cyrillic і (U+0456)
    [InlineData("Rita\u00A0 Releaser ", "Rita Releaser")] // a no-break space, doubled and trailing spaces
    [InlineData("Ｒita Ｒeleaser", "Rita Releaser")]
    [InlineData("Rita\u200DReleaser", "RitaReleaser")] // a zero-width joiner
    public void Look_alikes_are_the_same_identity(string a, string b)
    {
        Assert.True(LookAlike.Same(a, b), $"{a} / {b}");
        Assert.True(LookAlike.Same(b, a), $"{b} / {a}");
    }

    [Theory]
    [InlineData("rel@example.com", "rel@example.org")]
    [InlineData("rel@example.com", "rita@example.com")]
    [InlineData("dana@example.com", "rita@example.com")]
    [InlineData("Rita Releaser", "Carol CTO")]
    [InlineData("Rita Releaser", "Rita Reviewer")]
    [InlineData("Rita Releaser", "Rita Releasers")]
    [InlineData("rel@example.com", "rel2@example.com")]
    public void Distinct_names_are_not(string a, string b)
    {
        Assert.False(LookAlike.Same(a, b), $"{a} / {b}");
        Assert.False(LookAlike.Same(b, a), $"{b} / {a}");
    }

    [Fact]
    public void The_skeleton_is_unicodes_prototype_of_each_character()
    {
        Assert.Equal("exarnple", LookAlike.Skeleton("exаmple"));
        Assert.Equal(LookAlike.Skeleton("example"), LookAlike.Skeleton("exаmple"));
        Assert.Equal("rn", LookAlike.Skeleton("m"));
        Assert.Equal("l", LookAlike.Skeleton("1"));
        Assert.Equal("l", LookAlike.Skeleton("I"));
        Assert.Equal("O", LookAlike.Skeleton("0"));
        Assert.Equal("paypal", LookAlike.Skeleton("pаyp\u200Bаl"));
        Assert.Equal("\uFFFD", LookAlike.Skeleton("\uD800"));
    }
}
