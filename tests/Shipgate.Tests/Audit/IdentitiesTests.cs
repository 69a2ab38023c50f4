using Shipgate.Audit;

namespace Shipgate.Tests.Audit;

/// <summary>Identities compared as one: without case, and with compatibility forms (fullwidth, mathematical letters and digits) folded as NFKC folds them.</summary>
public sealed class IdentitiesTests
{
    [Theory]
    [InlineData("rita@example.com", "rita@example.com")]
    [InlineData("Rita@Example.COM", "rita@example.com")]
    [InlineData(" rita@example.com ", "rita@example.com")]
    [InlineData("ｒｉｔａ@ｅｘａｍｐｌｅ.ｃｏｍ", "rita@example.com")]
    [InlineData("rita\uFF20example.com", "rita@example.com")] // fullwidth commercial at
    [InlineData("\U0001D42B\U0001D422\U0001D42D\U0001D41A@example.com", "rita@example.com")] // mathematical bold letters
    [InlineData("rita\U0001D7CF@example.com", "rita1@example.com")] // mathematical bold digit
    public void The_same_identity_in_another_form_is_the_same(string a, string b) => Assert.True(Identities.SameAs(a, b));

    [Theory]
    [InlineData("carol@example.com", "rita@example.com")]
    [InlineData("", "")]
    [InlineData(null, null)]
    [InlineData("rita@example.com", null)]
    public void Different_or_unknown_identities_are_never_the_same(string? a, string? b) => Assert.False(Identities.SameAs(a, b));
}
