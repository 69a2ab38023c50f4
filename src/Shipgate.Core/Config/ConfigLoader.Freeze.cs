using System.Globalization;
using Shipgate.Freeze;

namespace Shipgate.Config;

/// <summary><c>freeze:</c>: each window checked, so a bad date, time zone or day is an error naming file, line and key.</summary>
internal static partial class ConfigLoader
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private static readonly string[] InstantFormats = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm'Z'"];

    private static IReadOnlyList<FreezeWindow> FreezeWindows(List<FreezeSection> freeze, ConfigLines at) =>
        [.. freeze.Select((section, i) => FreezeWindow(section, $"freeze[{i}]", at))];

    private static FreezeWindow FreezeWindow(FreezeSection section, string key, ConfigLines at)
    {
        if (string.IsNullOrWhiteSpace(section.Name))
            throw at.Error($"{key}.name", "give each freeze window a name, like \"Year-end freeze\": the blocked release names it.");
        var absolute = section.From is not null || section.Until is not null;
        if (absolute == (section.Weekly is not null))
            throw at.Error(key, "give either from and until (one stretch of time) or weekly (the same hours every week), not both.");
        if (section.Weekly is { } weekly) return Weekly(section.Name, weekly, $"{key}.weekly", at);
        var from = Instant(section.From, $"{key}.from", at);
        var until = Instant(section.Until, $"{key}.until", at);
        if (until <= from)
            throw at.Error($"{key}.until", $"'{section.Until}' is not after from ('{section.From}').");
        return new AbsoluteFreeze(section.Name, from, until);
    }

    private static DateTimeOffset Instant(string? value, string key, ConfigLines at) =>
        DateTimeOffset.TryParseExact(value, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw at.Error(key, $"'{value}' is not a date and time with its offset, like 2026-12-20T00:00:00+01:00 (or Z for UTC).");

    private static WeeklyFreeze Weekly(string name, WeeklySection weekly, string key, ConfigLines at)
    {
        if (weekly.Days is not { Count: > 0 } days)
            throw at.Error($"{key}.days", "name at least one day: mon, tue, wed, thu, fri, sat or sun.");
        var parsed = days.Select(d => Array.IndexOf(DayNames, d) is var n and >= 0
            ? (DayOfWeek)n
            : throw at.Error($"{key}.days", $"'{d}' is not a day: give mon, tue, wed, thu, fri, sat or sun.")).Distinct().ToList();
        var from = TimeOfDay(weekly.From, $"{key}.from", allowEndOfDay: false, at);
        var until = TimeOfDay(weekly.Until, $"{key}.until", allowEndOfDay: true, at);
        if (from == until)
            throw at.Error($"{key}.until", "equals from: the window would be empty. For whole days write from: \"00:00\", until: \"24:00\".");
        if (weekly.TimeZone is not { } zoneName || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out var zone))
            throw at.Error($"{key}.time_zone", $"'{weekly.TimeZone}' is not a time zone this machine knows: give an IANA name like Europe/Berlin or UTC.");
        return new WeeklyFreeze(name, parsed, from, until, zone);
    }

    private static TimeSpan TimeOfDay(string? value, string key, bool allowEndOfDay, ConfigLines at)
    {
        if (allowEndOfDay && value == "24:00") return TimeSpan.FromHours(24);
        return TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToTimeSpan()
            : throw at.Error(key, $"'{value}' is not a time of day like \"18:00\"{(allowEndOfDay ? " (or \"24:00\" for the end of the day)" : "")}.");
    }
}
