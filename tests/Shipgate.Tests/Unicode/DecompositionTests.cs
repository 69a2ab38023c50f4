using Shipgate.Unicode;

namespace Shipgate.Tests.Unicode;

/// <summary>
/// NFD and NFKD from the embedded table (string.Normalize does nothing to non-ASCII text under invariant globalization).
/// Cases from Unicode's NormalizationTest.txt 15.0, whose every line these two pass (checked when the table was made).
/// </summary>
public sealed class DecompositionTests
{
    [Theory]
    [InlineData("\u00C5", "A\u030A", "A\u030A")] // LATIN CAPITAL LETTER A WITH RING ABOVE
    [InlineData("\u212B", "A\u030A", "A\u030A")] // ANGSTROM SIGN: canonical, to the same
    [InlineData("\u1E9B\u0323", "\u017F\u0323\u0307", "s\u0323\u0307")] // long s with dot above and below: marks reordered
    [InlineData("\uFB01", "\uFB01", "fi")] // LATIN SMALL LIGATURE FI: compatibility only
    [InlineData("\uFF52\u00B2", "\uFF52\u00B2", "r2")] // full-width r, superscript two
    [InlineData("\uAC01", "\u1100\u1161\u11A8", "\u1100\u1161\u11A8")] // HANGUL SYLLABLE GAG, by rule
    [InlineData("q\u0307\u0323", "q\u0323\u0307", "q\u0323\u0307")] // dot below (220) before dot above (230)
    [InlineData("\u2460", "\u2460", "1")] // CIRCLED DIGIT ONE
    [InlineData("plain", "plain", "plain")]
    public void Text_is_decomposed_and_its_marks_put_in_canonical_order(string text, string nfd, string nfkd)
    {
        Assert.Equal(nfd, Decomposition.Nfd(text));
        Assert.Equal(nfkd, Decomposition.Nfkd(text));
    }
}
