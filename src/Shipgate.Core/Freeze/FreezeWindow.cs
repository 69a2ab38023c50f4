namespace Shipgate.Freeze;

/// <summary>A time in which the policy freezes production (<c>freeze:</c> in .shipgate.yml): no release but an emergency.</summary>
internal abstract record FreezeWindow(string Name);

/// <summary>One stretch of time, its ends with their offsets as written (<c>from</c> … <c>until</c>, the end excluded).</summary>
internal sealed record AbsoluteFreeze(string Name, DateTimeOffset From, DateTimeOffset Until) : FreezeWindow(Name);

/// <summary>
/// The same hours on given days of every week, in a time zone (an IANA name), so a window follows the zone's
/// daylight-saving changes. <see cref="Until"/> of 24:00 is the end of the day; one earlier than <see cref="From"/> ends
/// the next day (an overnight window).
/// </summary>
internal sealed record WeeklyFreeze(string Name, IReadOnlyList<DayOfWeek> Days, TimeSpan From, TimeSpan Until, TimeZoneInfo Zone) : FreezeWindow(Name)
{
    public bool Equals(WeeklyFreeze? other) =>
        other is not null && Name == other.Name && Days.SequenceEqual(other.Days) && From == other.From && Until == other.Until && Zone.Id == other.Zone.Id;

    public override int GetHashCode() => HashCode.Combine(Name, From, Until, Zone.Id);
}

/// <summary>One occurrence of a window: when it starts and when it ends (the end excluded), as instants.</summary>
internal sealed record FreezePeriod(string Name, DateTimeOffset Start, DateTimeOffset End);
