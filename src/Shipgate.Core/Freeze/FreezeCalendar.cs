namespace Shipgate.Freeze;

/// <summary>
/// Which freeze window holds at an instant, until when, and which comes next. Pure: the caller gives the time (a
/// <see cref="TimeProvider"/>'s, never the wall clock). Weekly windows are laid out in their own time zone, so that 00:00
/// to 24:00 on a Sunday is 23 hours long on the day summer time starts and 25 on the day it ends. A local time that a
/// daylight-saving change skips is moved on by the gap (02:30 on the day Berlin skips 02:00-03:00 is 03:30); one it repeats
/// counts from its first occurrence.
/// </summary>
internal static class FreezeCalendar
{
    /// <summary>How far ahead <see cref="Next"/> looks for a weekly window (every day of a week is in it).</summary>
    private const int DaysAhead = 8;

    /// <summary>The window in force at <paramref name="now"/>, its end carried past windows that follow on without a gap; null when none.</summary>
    public static FreezePeriod? ActiveAt(IReadOnlyList<FreezeWindow> windows, DateTimeOffset now)
    {
        var active = Occurrences(windows, now.AddDays(-DaysAhead), now.AddDays(1)).Where(p => p.Start <= now && now < p.End)
            .OrderBy(p => p.Start).FirstOrDefault();
        if (active is null) return null;
        // Saturday's window ends as Sunday's starts: the freeze ends when no window holds any more.
        for (var i = 0; i < 1000 && ActiveAtEnd(windows, active.End) is { } next; i++) active = active with { End = next.End };
        return active;
    }

    /// <summary>The next window to start after <paramref name="now"/> (within a week for weekly ones); null when none.</summary>
    public static FreezePeriod? Next(IReadOnlyList<FreezeWindow> windows, DateTimeOffset now) =>
        Occurrences(windows, now, now.AddDays(DaysAhead))
            .Concat(windows.OfType<AbsoluteFreeze>().Select(a => new FreezePeriod(a.Name, a.From, a.Until)))
            .Where(p => p.Start > now).OrderBy(p => p.Start).FirstOrDefault();

    private static FreezePeriod? ActiveAtEnd(IReadOnlyList<FreezeWindow> windows, DateTimeOffset end) =>
        Occurrences(windows, end.AddDays(-DaysAhead), end.AddDays(1)).Where(p => p.Start <= end && end < p.End)
            .OrderByDescending(p => p.End).FirstOrDefault();

    /// <summary>Every occurrence of the windows that starts between <paramref name="from"/> and <paramref name="to"/> (weekly) or overlaps them (absolute).</summary>
    private static IEnumerable<FreezePeriod> Occurrences(IReadOnlyList<FreezeWindow> windows, DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var window in windows)
        {
            if (window is AbsoluteFreeze absolute)
            {
                if (absolute.Until > from && absolute.From < to) yield return new FreezePeriod(absolute.Name, absolute.From, absolute.Until);
                continue;
            }
            var weekly = (WeeklyFreeze)window;
            var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, weekly.Zone).DateTime).AddDays(-1);
            var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, weekly.Zone).DateTime);
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                if (!weekly.Days.Contains(day.DayOfWeek)) continue;
                var start = Instant(day, weekly.From, weekly.Zone);
                var end = weekly.Until > weekly.From ? Instant(day, weekly.Until, weekly.Zone) : Instant(day.AddDays(1), weekly.Until, weekly.Zone);
                yield return new FreezePeriod(weekly.Name, start, end);
            }
        }
    }

    /// <summary>The instant a wall-clock time of a day has in a zone; 24:00 is the next day's 00:00.</summary>
    public static DateTimeOffset Instant(DateOnly day, TimeSpan time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) + time;
        if (zone.IsInvalidTime(local))
        {
            // Skipped by a change to summer time: read with the offset before the gap, it lands as far past the gap as it was into it.
            var before = zone.GetUtcOffset(local.AddHours(-6));
            return new DateTimeOffset(local - before, TimeSpan.Zero).ToOffset(zone.GetUtcOffset(new DateTimeOffset(local - before, TimeSpan.Zero)));
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
