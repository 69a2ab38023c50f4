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

/// <summary>ASCII text is scanned by hand for speed; the scan must find exactly what the pattern finds, in the same order.</summary>
public sealed class TicketScanTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_hand_scan_finds_what_the_pattern_finds(int seed)
    {
        var random = new Random(seed);
        var matcher = new TicketMatcher(["BOL", "bo", "ENG", "B_C", "C", "X1"]);
        string[] pieces = ["BOL", "bol", "Bo", "ENG", "B_C", "b_c", "C", "x", "X1", "_", "-", "-", "-", "0", "00", "7", "42", "123456789", "1234567890", " ", "[", ")", ":", ","];
        var differed = 0;
        var withIds = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
            var byPattern = matcher.FindByPattern(text);
            if (!matcher.Find(text).SequenceEqual(byPattern)) differed++;
            if (byPattern.Count > 0) withIds++;
        }
        Assert.Equal(0, differed);
        Assert.True(withIds > 100, $"only {withIds} texts held an id");
    }

    [Theory]
    [InlineData("BOL-1-2 BOL-3", new[] { "BOL-1", "BOL-3" })]
    [InlineData("-BOL-7", new[] { "BOL-7" })]
    [InlineData("B_C-4 and c-5 and xC-6", new[] { "B_C-4", "C-5" })]
    [InlineData("BOL-123456789 BOL-1234567890", new[] { "BOL-123456789" })]
    [InlineData("Zoë fixed BOL-8", new[] { "BOL-8" })]
    public void Edges_are_found_as_the_pattern_finds_them(string text, string[] expected)
    {
        var matcher = new TicketMatcher(["BOL", "B_C", "C"]);
        Assert.Equal(expected, matcher.Find(text));
        Assert.Equal(expected, matcher.FindByPattern(text));
    }

    [Fact]
    public void Keys_the_scan_does_not_cover_are_matched_by_the_pattern() =>
        Assert.Equal(["A.B-3"], new TicketMatcher(["A.B"]).Find("see a.b-3"));
}
