using System.Text;
using System.Text.RegularExpressions;

namespace Shipgate.Release;

/// <summary>
/// A path glob over repository-relative paths: <c>*</c> and <c>?</c> stay within one folder,
/// <c>**</c> spans folders (<c>web/**</c> is everything under web/). Matched against the whole path.
/// </summary>
internal sealed class PathGlob(string pattern)
{
    private readonly Regex _regex = new(ToRegex(pattern), RegexOptions.CultureInvariant);

    public string Pattern { get; } = pattern;

    public bool Matches(string path) => _regex.IsMatch(path);

    private static string ToRegex(string glob)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                i++;
                if (i + 1 < glob.Length && glob[i + 1] == '/')
                {
                    i++;
                    regex.Append("(?:.*/)?"); // "**/" : zero or more folders
                }
                else regex.Append(".*");
            }
            else if (c == '*') regex.Append("[^/]*");
            else if (c == '?') regex.Append("[^/]");
            else regex.Append(Regex.Escape(c.ToString()));
        }
        if (glob.EndsWith('/')) regex.Append(".*");
        return regex.Append('$').ToString();
    }
}
