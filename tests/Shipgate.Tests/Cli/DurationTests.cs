using Shipgate.Config;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Cli;

public sealed class DurationTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData(" 1h ", 3600)]
    [InlineData("24h", 86400)]
    public void A_whole_number_and_a_unit_is_a_duration(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Duration.Parse(text));

    [Theory]
    [InlineData("15")]
    [InlineData("m")]
    [InlineData("0s")]
    [InlineData("25h")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    [InlineData("15 minutes")]
    public void Anything_else_is_not(string text) => Assert.Null(Duration.Parse(text));

    [Theory]
    [InlineData(900, "15 minutes")]
    [InlineData(3600, "1 hour")]
    [InlineData(90, "90 seconds")]
    [InlineData(1, "1 second")]
    public void A_duration_is_said_in_the_largest_unit_that_says_it_exactly(int seconds, string words) =>
        Assert.Equal(words, Duration.Words(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public async Task A_confirm_within_that_is_no_duration_is_a_usage_error_naming_the_value()
    {
        using var folder = new TempFolder();

        var result = await new ShipgateRunner(folder.Path, Path.Combine(folder.Path, "state")).RunAsync(["mcp", "--confirm-within", "15"]);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains("--confirm-within must be a duration such as 90s, 15m or 1h (at most 24 hours), not '15'.", result.Errors);
    }
}
