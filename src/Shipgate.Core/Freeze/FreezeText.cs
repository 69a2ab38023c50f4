using System.Globalization;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Freeze;

/// <summary>How a freeze is worded wherever it stops a release (pre-flight, the record's warnings, freeze status). Pure.</summary>
internal static class FreezeText
{
    /// <summary>A freeze record in force: its id, who started it, when and why.</summary>
    public static string Manual(FreezeRecord started) =>
        $"production is frozen by {started.FreezeId}: {started.RecordedByLogin} stopped the line at {Time(started.Timestamp)} " +
        $"because \"{SafeText.OneLine(started.Reason)}\"; it holds until someone runs shipgate freeze end --reason \"<text>\"";

    /// <summary>A window in force: its name and when it ends.</summary>
    public static string Window(FreezePeriod window) =>
        $"production is in the freeze window \"{SafeText.OneLine(window.Name)}\" of the release policy until {Time(window.End)}";

    /// <summary>An instant as UTC, to the minute, with a Z: the same for every reader wherever they are.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}
