using Shipgate.Config;
using Shipgate.Freeze;

namespace Shipgate.Tests.Freeze;

/// <summary><c>freeze:</c> in the policy: windows read strictly, each mistake named with file, line and key (exit 2), and the schema agreeing.</summary>
public sealed class FreezeConfigTests
{
    private const string Example = """
        freeze:
          - name: Year-end freeze
            from: 2026-12-20T00:00:00+01:00
            until: 2027-01-04T09:00:00+01:00
          - name: Weekends
            weekly: { days: [sat, sun], from: "00:00", until: "24:00", time_zone: Europe/Berlin }
        """;

    [Fact]
    public void The_issue_s_example_reads_as_one_absolute_and_one_weekly_window()
    {
        var config = ConfigLoader.Parse(Example, ".shipgate.yml");

        Assert.Equal(2, config.Freeze.Count);
        var yearEnd = Assert.IsType<AbsoluteFreeze>(config.Freeze[0]);
        Assert.Equal("Year-end freeze", yearEnd.Name);
        Assert.Equal(new DateTimeOffset(2026, 12, 19, 23, 0, 0, TimeSpan.Zero), yearEnd.From.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 8, 0, 0, TimeSpan.Zero), yearEnd.Until.ToUniversalTime());
        var weekends = Assert.IsType<WeeklyFreeze>(config.Freeze[1]);
        Assert.Equal([DayOfWeek.Saturday, DayOfWeek.Sunday], weekends.Days);
        Assert.Equal(TimeSpan.Zero, weekends.From);
        Assert.Equal(TimeSpan.FromHours(24), weekends.Until);
        Assert.Equal("Europe/Berlin", weekends.Zone.Id);
        Assert.Empty(ConfigSchema.Problems(Example));
    }

    [Theory]
    [InlineData("freeze:\n  - name: X\n    from: 2026-12-20\n    until: 2027-01-04T09:00:00+01:00\n",
        ".shipgate.yml:3: freeze[0].from: '2026-12-20' is not a date and time with its offset")]
    [InlineData("freeze:\n  - name: X\n    from: 2026-12-20T00:00:00\n    until: 2027-01-04T09:00:00+01:00\n",
        ".shipgate.yml:3: freeze[0].from: '2026-12-20T00:00:00' is not a date and time with its offset")]
    [InlineData("freeze:\n  - name: X\n    from: 2027-01-04T09:00:00+01:00\n    until: 2026-12-20T00:00:00+01:00\n",
        ".shipgate.yml:4: freeze[0].until: '2026-12-20T00:00:00+01:00' is not after from")]
    [InlineData("freeze:\n  - name: Ok\n    from: 2026-12-20T00:00:00Z\n    until: 2026-12-21T00:00:00Z\n  - name: W\n    weekly: { days: [sat, sunday], from: \"00:00\", until: \"24:00\", time_zone: UTC }\n",
        ".shipgate.yml:6: freeze[1].weekly.days: 'sunday' is not a day")]
    [InlineData("freeze:\n  - name: W\n    weekly: { days: [sat], from: \"00:00\", until: \"24:00\", time_zone: Europe/Atlantis }\n",
        ".shipgate.yml:3: freeze[0].weekly.time_zone: 'Europe/Atlantis' is not a time zone")]
    [InlineData("freeze:\n  - name: W\n    weekly: { days: [sat], from: \"25:00\", until: \"24:00\", time_zone: UTC }\n",
        ".shipgate.yml:3: freeze[0].weekly.from: '25:00' is not a time of day")]
    [InlineData("freeze:\n  - name: W\n    weekly: { days: [sat], from: \"08:00\", until: \"08:00\", time_zone: UTC }\n",
        ".shipgate.yml:3: freeze[0].weekly.until: equals from")]
    [InlineData("freeze:\n  - name: W\n    weekly: { days: [], from: \"08:00\", until: \"09:00\", time_zone: UTC }\n",
        ".shipgate.yml:3: freeze[0].weekly.days: name at least one day")]
    [InlineData("freeze:\n  - from: 2026-12-20T00:00:00Z\n    until: 2026-12-21T00:00:00Z\n",
        ".shipgate.yml:2: freeze[0].name: give each freeze window a name")]
    [InlineData("freeze:\n  - name: Both\n    from: 2026-12-20T00:00:00Z\n    until: 2026-12-21T00:00:00Z\n    weekly: { days: [sat], from: \"00:00\", until: \"24:00\", time_zone: UTC }\n",
        ".shipgate.yml:2: freeze[0]: give either from and until")]
    [InlineData("freeze:\n  - name: W\n    weekly: { days: [sat], from: \"00:00\", until: \"24:00\", timezone: UTC }\n",
        ".shipgate.yml:3: freeze[0].weekly.timezone: unknown key")]
    [InlineData("freeze:\n  name: W\n", ".shipgate.yml:2: freeze: expected a list")]
    public void A_bad_window_names_file_line_and_key_and_the_schema_refuses_it_too(string yaml, string expected)
    {
        var error = Assert.Throws<UsageException>(() => ConfigLoader.Parse(yaml, ".shipgate.yml"));

        Assert.Contains(expected, error.Message);
        Assert.Equal(ExitCode.Usage, error.Code);
        if (!yaml.Contains("Atlantis", StringComparison.Ordinal) && !yaml.Contains("is not after", StringComparison.Ordinal)
            && !expected.Contains("equals from", StringComparison.Ordinal) && !expected.Contains("not after", StringComparison.Ordinal))
            Assert.NotEmpty(ConfigSchema.Problems(yaml));
    }
}
