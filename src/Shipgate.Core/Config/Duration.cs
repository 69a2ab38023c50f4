using System.Globalization;
using Shipgate.Rendering;

namespace Shipgate.Config;

/// <summary>A duration as an operator writes it on the command line (90s, 15m, 1h) and as messages say it back. Pure.</summary>
internal static class Duration
{
    public static readonly TimeSpan Longest = TimeSpan.FromHours(24);

    /// <summary>A whole number followed by s, m or h, from 1 second to <see cref="Longest"/>; null for anything else.</summary>
    public static TimeSpan? Parse(string text)
    {
        text = text.Trim();
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            return null;
        TimeSpan? duration = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(count),
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            _ => null,
        };
        return duration is { } d && d > TimeSpan.Zero && d <= Longest ? d : null;
    }

    /// <summary>"15 minutes", "90 seconds", "1 hour": the largest unit that says it exactly.</summary>
    public static string Words(TimeSpan duration) =>
        duration.TotalHours is var h && h >= 1 && h == Math.Floor(h) ? Plural.Of((int)h, "hour")
        : duration.TotalMinutes is var m && m >= 1 && m == Math.Floor(m) ? Plural.Of((int)m, "minute")
        : Plural.Of((int)Math.Round(duration.TotalSeconds), "second");
}
