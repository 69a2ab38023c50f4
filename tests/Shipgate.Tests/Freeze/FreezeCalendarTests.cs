using Shipgate.Freeze;

namespace Shipgate.Tests.Freeze;

/// <summary>The window logic on fixed instants, across time zones and Europe/Berlin's daylight-saving changes.</summary>
public sealed class FreezeCalendarTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static WeeklyFreeze Weekends(TimeZoneInfo zone) => new("Weekends", [DayOfWeek.Saturday, DayOfWeek.Sunday], TimeSpan.Zero, TimeSpan.FromHours(24), zone);

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Fact]
    public void An_absolute_window_holds_from_its_start_up_to_but_not_at_its_end()
    {
        FreezeWindow[] windows = [new AbsoluteFreeze("Year-end", new(2026, 12, 20, 0, 0, 0, TimeSpan.FromHours(1)), new(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(1)))];

        Assert.Null(FreezeCalendar.ActiveAt(windows, Utc(2026, 12, 19, 22, 59)));
        Assert.Equal(Utc(2027, 1, 4, 8), FreezeCalendar.ActiveAt(windows, Utc(2026, 12, 19, 23))!.End);
        Assert.NotNull(FreezeCalendar.ActiveAt(windows, Utc(2027, 1, 4, 7, 59)));
        Assert.Null(FreezeCalendar.ActiveAt(windows, Utc(2027, 1, 4, 8)));
        Assert.Equal(Utc(2026, 12, 19, 23), FreezeCalendar.Next(windows, Utc(2026, 12, 1, 0))!.Start);
    }

    [Fact]
    public void A_weekend_in_Berlin_starts_at_Berlin_midnight_and_ends_Monday_not_at_Sunday_s_start()
    {
        FreezeWindow[] windows = [Weekends(Berlin)];

        // Friday 2026-12-04 22:59 UTC is 23:59 in Berlin (winter, +01:00).
        Assert.Null(FreezeCalendar.ActiveAt(windows, Utc(2026, 12, 4, 22, 59)));
        var saturday = FreezeCalendar.ActiveAt(windows, Utc(2026, 12, 4, 23));
        Assert.NotNull(saturday);
        Assert.Equal(Utc(2026, 12, 4, 23), saturday.Start);
        Assert.Equal(Utc(2026, 12, 6, 23), saturday.End);
        Assert.Equal(Utc(2026, 12, 11, 23), FreezeCalendar.Next(windows, Utc(2026, 12, 7, 9))!.Start);
    }

    [Fact]
    public void The_same_instant_is_frozen_in_one_zone_and_not_in_another()
    {
        // Saturday 03:00 UTC: Saturday in Berlin, still Friday 22:00 in New York.
        var instant = Utc(2026, 12, 5, 3);

        Assert.NotNull(FreezeCalendar.ActiveAt([Weekends(Berlin)], instant));
        Assert.Null(FreezeCalendar.ActiveAt([Weekends(NewYork)], instant));
        Assert.Equal(Utc(2026, 12, 5, 5), FreezeCalendar.Next([Weekends(NewYork)], instant)!.Start);
    }

    [Fact]
    public void On_the_last_Sunday_of_March_Berlin_s_Sunday_is_23_hours_long()
    {
        // 2027-03-28: clocks go from 02:00 to 03:00. Sunday runs from 00:00 +01:00 to Monday 00:00 +02:00.
        var active = FreezeCalendar.ActiveAt([Weekends(Berlin)], Utc(2027, 3, 28, 12));

        Assert.NotNull(active);
        Assert.Equal(Utc(2027, 3, 27, 23), active.Start);
        Assert.Equal(Utc(2027, 3, 28, 22), active.End);
        Assert.Equal(TimeSpan.FromHours(23), active.End - active.Start);
        Assert.Equal(Utc(2027, 3, 26, 23), FreezeCalendar.ActiveAt([Weekends(Berlin)], Utc(2027, 3, 27, 12))!.Start);
        Assert.Null(FreezeCalendar.ActiveAt([Weekends(Berlin)], Utc(2027, 3, 28, 22)));
    }

    [Fact]
    public void On_the_last_Sunday_of_October_Berlin_s_Sunday_is_25_hours_long()
    {
        // 2026-10-25: clocks go back from 03:00 to 02:00. Sunday runs from 00:00 +02:00 to Monday 00:00 +01:00.
        var active = FreezeCalendar.ActiveAt([Weekends(Berlin)], Utc(2026, 10, 25, 12));

        Assert.NotNull(active);
        Assert.Equal(Utc(2026, 10, 24, 22), active.Start);
        Assert.Equal(Utc(2026, 10, 25, 23), active.End);
        Assert.Equal(TimeSpan.FromHours(25), active.End - active.Start);
        Assert.Equal(Utc(2026, 10, 23, 22), FreezeCalendar.ActiveAt([Weekends(Berlin)], Utc(2026, 10, 24, 12))!.Start);
        Assert.NotNull(FreezeCalendar.ActiveAt([Weekends(Berlin)], Utc(2026, 10, 25, 22, 59)));
    }

    [Fact]
    public void A_window_starting_in_the_hour_summer_time_skips_starts_as_far_past_the_gap_as_it_was_into_it()
    {
        // 02:30 does not exist in Berlin on 2027-03-28: the window starts at 03:30 +02:00 (01:30 UTC).
        var window = new WeeklyFreeze("Night", [DayOfWeek.Sunday], new TimeSpan(2, 30, 0), new TimeSpan(5, 0, 0), Berlin);

        Assert.Null(FreezeCalendar.ActiveAt([window], Utc(2027, 3, 28, 1, 29)));
        var active = FreezeCalendar.ActiveAt([window], Utc(2027, 3, 28, 1, 30));
        Assert.NotNull(active);
        Assert.Equal(Utc(2027, 3, 28, 3), active.End);
    }

    [Fact]
    public void A_window_starting_in_the_hour_winter_time_repeats_starts_at_its_first_occurrence()
    {
        // 02:30 happens twice in Berlin on 2026-10-25: first at 00:30 UTC (+02:00).
        var window = new WeeklyFreeze("Night", [DayOfWeek.Sunday], new TimeSpan(2, 30, 0), new TimeSpan(4, 0, 0), Berlin);

        Assert.Null(FreezeCalendar.ActiveAt([window], Utc(2026, 10, 25, 0, 29)));
        Assert.NotNull(FreezeCalendar.ActiveAt([window], Utc(2026, 10, 25, 0, 30)));
        Assert.Equal(Utc(2026, 10, 25, 3), FreezeCalendar.ActiveAt([window], Utc(2026, 10, 25, 1))!.End);
    }

    [Fact]
    public void An_overnight_window_ends_the_next_morning_and_adjacent_windows_merge()
    {
        var nights = new WeeklyFreeze("Fridays", [DayOfWeek.Friday], new TimeSpan(18, 0, 0), new TimeSpan(6, 0, 0), TimeZoneInfo.Utc);
        FreezeWindow[] windows = [nights, new AbsoluteFreeze("Saturday work", Utc(2026, 12, 5, 6), Utc(2026, 12, 5, 12))];

        var active = FreezeCalendar.ActiveAt(windows, Utc(2026, 12, 4, 20));

        Assert.NotNull(active);
        Assert.Equal("Fridays", active.Name);
        Assert.Equal(Utc(2026, 12, 5, 12), active.End);
        Assert.Null(FreezeCalendar.ActiveAt(windows, Utc(2026, 12, 5, 12)));
    }
}
