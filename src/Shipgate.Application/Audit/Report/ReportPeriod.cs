using System.Globalization;

namespace Shipgate.Audit.Report;

/// <summary>The audit period: whole UTC days from <see cref="Since"/> to <see cref="Until"/>, both included.</summary>
internal sealed record ReportPeriod(DateOnly Since, DateOnly Until)
{
    /// <summary>Reads <c>--since</c> and <c>--until</c> (YYYY-MM-DD); anything else is a usage error.</summary>
    public static ReportPeriod Parse(string since, string until)
    {
        var period = new ReportPeriod(Day("--since", since), Day("--until", until));
        if (period.Since > period.Until)
            throw new UsageException($"--since {since} is after --until {until}: the period would be empty.");
        return period;
    }

    public bool Contains(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime) is var day && day >= Since && day <= Until;

    public override string ToString() => $"{Since:yyyy-MM-dd} to {Until:yyyy-MM-dd} (UTC, inclusive)";

    private static DateOnly Day(string option, string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new UsageException($"{option} {text} is not a date: use YYYY-MM-DD, e.g. 2026-01-01.");
}
