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

    /// <summary>The keys longest first, when every key is ASCII letters, digits and underscores (Linear's and Jira's are):
    /// then ASCII text is scanned by hand, with the pattern's exact meaning, and without its cost per message.</summary>
    private readonly string[]? _scanKeys;

    public TicketMatcher(IEnumerable<string> teamKeys)
    {
        Keys = teamKeys.Select(k => k.ToUpperInvariant()).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (Keys.Count == 0) return;
        _pattern = new Regex($@"(?<![A-Za-z0-9])({string.Join("|", Keys.Select(Regex.Escape))})-0*([1-9][0-9]{{0,8}})(?![0-9])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        _prefix = new Regex($@"^\s*(?:[\[(]?(?:{_pattern})[\])]?[\s,:]*)+[-:]?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        if (Keys.All(k => k.Length > 0 && k.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_')))
            _scanKeys = Keys.OrderByDescending(k => k.Length).ToArray();
    }

    public IReadOnlyList<string> Keys { get; }

    public IReadOnlyList<string> Find(string? text)
    {
        if (_pattern is null || string.IsNullOrEmpty(text)) return [];
        return _scanKeys is not null && System.Text.Ascii.IsValid(text) ? Scan(text, _scanKeys) : FindByPattern(text);
    }

    /// <summary>The ids by the pattern itself: for text the hand scan does not cover, and as its reference in tests.</summary>
    public IReadOnlyList<string> FindByPattern(string text) =>
        _pattern is null ? [] : _pattern.Matches(text).Select(m => $"{m.Groups[1].Value.ToUpperInvariant()}-{m.Groups[2].Value}").ToList();

    /// <summary>
    /// The pattern's matches in ASCII text: a key (any case) not preceded by a letter or digit, a dash, and a number of up to
    /// 9 digits after any leading zeros, not followed by a digit; left to right, never overlapping. A key holds no dash, so
    /// every match ends a key at a dash, and of the keys ending there the longest that may start there is the leftmost match.
    /// </summary>
    private static List<string> Scan(string text, string[] keysLongestFirst)
    {
        List<string>? found = null;
        var free = 0; // a match may not start inside the one before it
        for (var dash = text.IndexOf('-'); dash >= 0; dash = text.IndexOf('-', dash + 1))
        {
            var first = dash + 1;
            while (first < text.Length && text[first] == '0') first++;
            if (first == text.Length || text[first] is < '1' or > '9') continue;
            var end = first;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
            if (end - first > 9) continue;
            foreach (var key in keysLongestFirst)
            {
                var start = dash - key.Length;
                if (start < free || !text.AsSpan(start, key.Length).Equals(key, StringComparison.OrdinalIgnoreCase)) continue;
                if (start > 0 && char.IsAsciiLetterOrDigit(text[start - 1])) continue;
                (found ??= []).Add($"{key}-{text.AsSpan(first, end - first)}");
                free = end;
                break;
            }
        }
        return found ?? [];
    }

    /// <summary>"BOL-407: Session auth" becomes "Session auth": the ticket is shown in its own table.</summary>
    public string StripTicketPrefix(string title)
    {
        if (_prefix is null) return title;
        var rest = _prefix.Replace(title, "", 1);
        return rest.Length > 0 ? rest : title;
    }

    /// <summary>Sorts ids by team key, then number. Compares in place: a release sorts thousands of ids.</summary>
    public static IComparer<string> IdOrder { get; } = Comparer<string>.Create((a, b) =>
    {
        var byKey = KeyOf(a, out var an).SequenceCompareTo(KeyOf(b, out var bn));
        return byKey != 0 ? byKey : an.CompareTo(bn);
    });

    private static ReadOnlySpan<char> KeyOf(string id, out long number)
    {
        var dash = id.LastIndexOf('-');
        if (dash > 0 && long.TryParse(id.AsSpan(dash + 1), out number)) return id.AsSpan(0, dash);
        number = 0;
        return id;
    }
}
