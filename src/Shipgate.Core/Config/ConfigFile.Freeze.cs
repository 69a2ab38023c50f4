namespace Shipgate.Config;

/// <summary>One item of <c>freeze:</c>: a name, and either from/until (absolute, with offsets) or weekly.</summary>
internal sealed class FreezeSection
{
    public string? Name { get; set; }
    public string? From { get; set; }
    public string? Until { get; set; }
    public WeeklySection? Weekly { get; set; }
}

/// <summary><c>weekly: { days: [sat, sun], from: "00:00", until: "24:00", time_zone: Europe/Berlin }</c>.</summary>
internal sealed class WeeklySection
{
    public List<string>? Days { get; set; }
    public string? From { get; set; }
    public string? Until { get; set; }
    public string? TimeZone { get; set; }
}
