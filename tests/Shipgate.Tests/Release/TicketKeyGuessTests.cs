using Shipgate.Release;

namespace Shipgate.Tests.Release;

/// <summary>The ticket keys init proposes from a history: recurring KEY-123 ids, not the names of standards.</summary>
public sealed class TicketKeyGuessTests
{
    [Fact]
    public void Keys_seen_in_two_different_ids_are_proposed_most_used_first()
    {
        string[] texts =
        [
            "ENG-12: login form", "feature/ENG-14-remember-me", "Refs ENG-15", "ENG-12 again (the same id counts once)",
            "PAY-3 refunds", "PAY-4 invoices",
            "OPS-1 seen once",
        ];

        Assert.Equal(["ENG", "PAY"], TicketKeyGuess.From(texts));
    }

    [Theory]
    [InlineData("Handles UTF-8 and UTF-16, SHA-256 and SHA-512")]
    [InlineData("Fixes CVE-2024-3094 and CVE-2023-4863 per RFC-9110 and RFC-9111, ISO-8601 and ISO-3166 dates")]
    [InlineData("eng-1 and eng-2 are lower case")]
    [InlineData("XENG-1, XENG1-2 and ENG-3a and ENG-4b are inside longer words")]
    public void Names_of_standards_lower_case_and_ids_inside_words_are_not_keys(string text) =>
        Assert.Empty(TicketKeyGuess.From([text, text]));

    [Fact]
    public void At_most_five_keys_are_proposed()
    {
        var texts = new[] { "KA", "KB", "KC", "KD", "KE", "KF" }.SelectMany((key, i) => Enumerable.Range(1, 7 - i).Select(n => $"{key}-{n}"));

        Assert.Equal(["KA", "KB", "KC", "KD", "KE"], TicketKeyGuess.From(texts));
    }
}
