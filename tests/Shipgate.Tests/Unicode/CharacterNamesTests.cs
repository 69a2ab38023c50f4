using System.Text;
using Shipgate.Unicode;

namespace Shipgate.Tests.Unicode;

/// <summary>Unicode's names for characters, from the embedded table, by rule for Hangul, by label for the unnamed.</summary>
public sealed class CharacterNamesTests
{
    [Theory]
    [InlineData(0x0041, "U+0041 LATIN CAPITAL LETTER A")]
    [InlineData(0x0430, "U+0430 CYRILLIC SMALL LETTER A")]
    [InlineData(0x0020, "U+0020 SPACE")]
    [InlineData(0x00A0, "U+00A0 NO-BREAK SPACE")]
    [InlineData(0x200B, "U+200B ZERO WIDTH SPACE")]
    [InlineData(0x200D, "U+200D ZERO WIDTH JOINER")]
    [InlineData(0xFEFF, "U+FEFF ZERO WIDTH NO-BREAK SPACE")]
    [InlineData(0x0009, "U+0009 CHARACTER TABULATION")]
    [InlineData(0x0080, "U+0080 <control-0080>")]
    [InlineData(0x4E00, "U+4E00 CJK UNIFIED IDEOGRAPH-4E00")]
    [InlineData(0x2A6DF, "U+2A6DF CJK UNIFIED IDEOGRAPH-2A6DF")]
    [InlineData(0xF900, "U+F900 CJK COMPATIBILITY IDEOGRAPH-F900")]
    [InlineData(0x17000, "U+17000 TANGUT IDEOGRAPH-17000")]
    [InlineData(0xAC00, "U+AC00 HANGUL SYLLABLE GA")]
    [InlineData(0xD4DB, "U+D4DB HANGUL SYLLABLE PWILH")]
    [InlineData(0xD7A3, "U+D7A3 HANGUL SYLLABLE HIH")]
    [InlineData(0x1F600, "U+1F600 GRINNING FACE")]
    [InlineData(0xE0041, "U+E0041 TAG LATIN CAPITAL LETTER A")]
    [InlineData(0xE000, "U+E000 <private-use-E000>")]
    [InlineData(0x10FFFD, "U+10FFFD <private-use-10FFFD>")]
    [InlineData(0xFFFF, "U+FFFF <noncharacter-FFFF>")]
    [InlineData(0xFDD0, "U+FDD0 <noncharacter-FDD0>")]
    [InlineData(0x0378, "U+0378 <reserved-0378>")]
    public void Each_character_is_described_by_its_code_point_and_name(int value, string described) =>
        Assert.Equal(described, CharacterNames.Describe(new Rune(value)));
}
