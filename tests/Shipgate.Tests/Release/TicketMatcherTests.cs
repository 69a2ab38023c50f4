using Shipgate.Release;

namespace Shipgate.Tests.Release;

public sealed class TicketMatcherTests
{
    private readonly TicketMatcher _matcher = new(["BOL", "eng"]);

    [Theory]
    [InlineData("BOL-407: Session auth", new[] { "BOL-407" })]
    [InlineData("dev/bol-407-session-auth", new[] { "BOL-407" })]
    [InlineData("Fixes ENG-5 and BOL-9.", new[] { "ENG-5", "BOL-9" })]
    [InlineData("Handles UTF-8 and SHA-256", new string[0])]
    [InlineData("XBOL-1 and BOL-12345678901", new string[0])]
    [InlineData("[BOL-0042] leading zeros", new[] { "BOL-42" })]
    [InlineData("BOL-0 is not a ticket", new string[0])]
    public void Finds_only_ids_of_known_keys(string text, string[] expected) =>
        Assert.Equal(expected, _matcher.Find(text));

    [Fact]
    public void Without_keys_nothing_is_a_ticket() =>
        Assert.Empty(new TicketMatcher([]).Find("BOL-1 ENG-2"));

    [Theory]
    [InlineData("BOL-407: Session auth", "Session auth")]
    [InlineData("[BOL-407] Session auth", "Session auth")]
    [InlineData("BOL-1, ENG-2: Two tickets", "Two tickets")]
    [InlineData("Session auth for BOL-407", "Session auth for BOL-407")]
    [InlineData("BOL-407", "BOL-407")]
    public void Strips_the_ticket_prefix_of_a_title(string title, string expected) =>
        Assert.Equal(expected, _matcher.StripTicketPrefix(title));

    [Fact]
    public void Orders_ids_by_key_then_number() =>
        Assert.Equal(["BOL-2", "BOL-10", "ENG-1"], new[] { "ENG-1", "BOL-10", "BOL-2" }.Order(TicketMatcher.IdOrder));
}
