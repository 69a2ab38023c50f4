using Shipgate.Release;

namespace Shipgate.Tests.Release;

/// <summary>Why a typed word is not the word: plain text quoted back, hidden differences named by code point.</summary>
public sealed class WordMismatchTests
{
    [Fact]
    public void A_visible_difference_is_quoted_back()
    {
        Assert.Equal("you typed \"publish\", not PUBLISH", WordMismatch.Explain("publish", "PUBLISH"));
        Assert.Equal("you typed \"PUBLIS\", not PUBLISH", WordMismatch.Explain("PUBLIS", "PUBLISH"));
    }

    [Fact]
    public void A_look_alike_letter_is_named_by_code_point_beside_the_words_letter()
    {
        Assert.Equal(
            "what you typed looks like PUBLISH but is not it:\n" +
            "  character 5: you typed U+0406 CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I where PUBLISH has U+0049 LATIN CAPITAL LETTER I\n" +
            "Type PUBLISH in plain letters, with no spaces",
            WordMismatch.Explain("PUBL\u0406SH", "PUBLISH"));
    }

    [Fact]
    public void Spaces_and_invisible_characters_are_named_where_they_are()
    {
        Assert.Equal(
            "what you typed looks like PUBLISH but is not it:\n" +
            "  character 1: you typed U+0020 SPACE, which PUBLISH does not have\n" +
            "  character 4: you typed U+200B ZERO WIDTH SPACE, which PUBLISH does not have\n" +
            "  character 10: you typed U+00A0 NO-BREAK SPACE, which PUBLISH does not have\n" +
            "Type PUBLISH in plain letters, with no spaces",
            WordMismatch.Explain(" PU\u200BBLISH\u00A0", "PUBLISH"));
    }

    [Fact]
    public void Ascii_look_alikes_and_other_hidden_differences_are_named_too()
    {
        Assert.Equal(
            "what you typed looks like BRAVO but is not it:\n" +
            "  character 5: you typed U+0030 DIGIT ZERO where BRAVO has U+004F LATIN CAPITAL LETTER O\n" +
            "Type BRAVO in plain letters, with no spaces",
            WordMismatch.Explain("BRAV0", "BRAVO"));
        Assert.Equal(
            "what you typed looks like CHARLIE but is not it:\n" +
            "  character 6: you typed U+0031 DIGIT ONE where CHARLIE has U+0049 LATIN CAPITAL LETTER I\n" +
            "Type CHARLIE in plain letters, with no spaces",
            WordMismatch.Explain("CHARL1E", "CHARLIE"));
        Assert.Equal(
            "you typed \"publіsh\", not PUBLISH, and it holds characters that cannot be seen or look like others:\n" +
            "  character 1: you typed U+0070 LATIN SMALL LETTER P where PUBLISH has U+0050 LATIN CAPITAL LETTER P\n" +
            "  character 2: you typed U+0075 LATIN SMALL LETTER U where PUBLISH has U+0055 LATIN CAPITAL LETTER U\n" +
            "  character 3: you typed U+0062 LATIN SMALL LETTER B where PUBLISH has U+0042 LATIN CAPITAL LETTER B\n" +
            "  character 4: you typed U+006C LATIN SMALL LETTER L where PUBLISH has U+004C LATIN CAPITAL LETTER L\n" +
            "  character 5: you typed U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I where PUBLISH has U+0049 LATIN CAPITAL LETTER I\n" +
            "  character 6: you typed U+0073 LATIN SMALL LETTER S where PUBLISH has U+0053 LATIN CAPITAL LETTER S\n" +
            "  character 7: you typed U+0068 LATIN SMALL LETTER H where PUBLISH has U+0048 LATIN CAPITAL LETTER H\n" +
            "Type PUBLISH in plain letters, with no spaces",
            WordMismatch.Explain("publ\u0456sh", "PUBLISH"));
    }

    [Fact]
    public void The_fewest_changes_are_found_in_order()
    {
        var changes = WordMismatch.Changes("PUBLSHX", "PUBLISH");

        Assert.Equal(
            [new WordMismatch.Change(5, null, new System.Text.Rune('I')), new WordMismatch.Change(7, new System.Text.Rune('X'), null)],
            changes);
    }
}
