using System.Text.RegularExpressions;

namespace Shipgate.Release;

/// <summary>
/// The ticket keys a history suggests, for <c>shipgate init</c> to propose: the KEY of KEY-123 ids that recur in commit
/// messages and branch names. A guess for a person to check, never a policy: names of standards and encodings that look like
/// ids (UTF-8, SHA-256, ISO-8601) are not keys, and a key seen in only one id is not proposed.
/// </summary>
internal static partial class TicketKeyGuess
{
    /// <summary>How many different ids of a key it takes to propose it.</summary>
    public const int AtLeast = 2;

    /// <summary>At most this many keys are proposed, the most used first.</summary>
    public const int AtMost = 5;

    private static readonly HashSet<string> NotTicketKeys = new(StringComparer.Ordinal)
    {
        "UTF", "SHA", "ISO", "RFC", "CVE", "CWE", "GHSA", "HTTP", "TLS", "SSL", "AES", "RSA", "MD", "X", "IEC", "IEEE", "PEP", "ES",
        "ECMA", "WCAG", "GPL", "LGPL", "AGPL", "MPL", "BSD", "APACHE", "CC", "V", "ARM", "AMD", "WIN", "IPV", "PR", "UTC", "GMT",
    };

    public static IReadOnlyList<string> From(IEnumerable<string> texts)
    {
        var ids = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var text in texts)
            foreach (Match match in TicketId().Matches(text))
            {
                var key = match.Groups[1].Value;
                if (NotTicketKeys.Contains(key)) continue;
                if (!ids.TryGetValue(key, out var numbers)) ids[key] = numbers = [];
                numbers.Add(match.Groups[2].Value.TrimStart('0'));
            }
        return [.. ids.Where(k => k.Value.Count >= AtLeast)
            .OrderByDescending(k => k.Value.Count).ThenBy(k => k.Key, StringComparer.Ordinal)
            .Take(AtMost).Select(k => k.Key)];
    }

    // Upper-case key (2-10 letters or digits, starting with a letter), a dash, a number; not inside a longer word or number.
    [GeneratedRegex(@"(?<![A-Za-z0-9])([A-Z][A-Z0-9]{1,9})-([0-9]{1,9})(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex TicketId();
}
