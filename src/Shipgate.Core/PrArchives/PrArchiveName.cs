using System.Globalization;
using System.Text;
using Shipgate.Release;

namespace Shipgate.PrArchives;

/// <summary>
/// Where a PR's archive lives on the archive branch: <c>compliance/pr-&lt;N&gt;-&lt;TICKET&gt;-&lt;slug&gt;-&lt;yyyymmdd&gt;</c> (.json and .md),
/// the name <see cref="ComplianceArchives"/> finds it by. Everything in it comes from the archive's own content, so verify
/// can tell a file that names another PR or day than it holds. Pure.
/// </summary>
internal static class PrArchiveName
{
    /// <summary>The longest slug: names stay readable in a listing and far below any file system's limit.</summary>
    public const int SlugLength = 48;

    /// <summary>The path without extension for <paramref name="archive"/>.</summary>
    public static string Stem(PrArchive archive) =>
        Stem(archive.Pr, archive.Tickets.Count > 0 ? archive.Tickets[0] : null, archive.Title, archive.MergedAt);

    public static string Stem(int pr, string? ticket, string title, DateTimeOffset mergedAt) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{ComplianceArchives.Folder}pr-{pr}-{ticket ?? "none"}-{Slug(title, ticket)}-{mergedAt.UtcDateTime:yyyyMMdd}");

    /// <summary>
    /// The title as lower-case ASCII words joined by dashes, without the ticket it starts with ("BOL-407: Session auth" is
    /// "session-auth"): whatever a hostile title holds (newlines, controls, slashes, Markdown) becomes a dash or nothing.
    /// </summary>
    public static string Slug(string title, string? ticket)
    {
        var words = Words(title);
        if (ticket is not null && Words(ticket) is [var key, var number] && words.Count >= 2 && words[0] == key && words[1] == number)
            words.RemoveRange(0, 2);
        var slug = new StringBuilder();
        foreach (var word in words)
        {
            if (slug.Length + word.Length + 1 > SlugLength) break;
            if (slug.Length > 0) slug.Append('-');
            slug.Append(word);
        }
        return slug.Length > 0 ? slug.ToString() : "change";
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) word.Append(c);
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0) words.Add(word.ToString());
        // A single word longer than a slug is cut, never dropped whole.
        return [.. words.Select(w => w.Length > SlugLength ? w[..SlugLength] : w)];
    }
}
