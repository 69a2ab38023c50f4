using System.Text.RegularExpressions;

namespace Shipgate.Release;

/// <summary>
/// Finds ticket ids (BOL-407) of the known team keys in free text. Only known keys count, so
/// "UTF-8" or "SHA-256" is never a ticket; case is ignored because Linear's branch names are
/// lower case (dev/bol-407-session-auth), and ids are returned upper case.
/// </summary>
internal sealed class TicketMatcher
{
    private readonly Regex? _pattern;

    private readonly Regex? _prefix;

    public TicketMatcher(IEnumerable<string> teamKeys)
    {
        Keys = teamKeys.Select(k => k.ToUpperInvariant()).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (Keys.Count == 0) return;
        _pattern = new Regex($@"(?<![A-Za-z0-9])({string.Join("|", Keys.Select(Regex.Escape))})-0*([1-9][0-9]{{0,8}})(?![0-9])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        _prefix = new Regex($@"^\s*(?:[\[(]?(?:{_pattern})[\])]?[\s,:]*)+[-:]?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public IReadOnlyList<string> Keys { get; }

    public IEnumerable<string> Find(string? text)
    {
        if (_pattern is null || string.IsNullOrEmpty(text)) yield break;
        foreach (Match match in _pattern.Matches(text))
            yield return $"{match.Groups[1].Value.ToUpperInvariant()}-{match.Groups[2].Value}";
    }

    /// <summary>"BOL-407: Session auth" becomes "Session auth": the ticket is shown in its own table.</summary>
    public string StripTicketPrefix(string title)
    {
        if (_prefix is null) return title;
        var rest = _prefix.Replace(title, "", 1);
        return rest.Length > 0 ? rest : title;
    }

    /// <summary>Sorts ids by team key, then number.</summary>
    public static IComparer<string> IdOrder { get; } = Comparer<string>.Create((a, b) =>
    {
        var (ak, an) = Split(a);
        var (bk, bn) = Split(b);
        var byKey = string.CompareOrdinal(ak, bk);
        return byKey != 0 ? byKey : an.CompareTo(bn);
    });

    private static (string Key, long Number) Split(string id)
    {
        var dash = id.LastIndexOf('-');
        return dash > 0 && long.TryParse(id[(dash + 1)..], out var n) ? (id[..dash], n) : (id, 0);
    }
}
