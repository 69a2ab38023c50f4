namespace Shipgate.Config;

/// <summary>
/// Finds, in raw YAML text, the key a line belongs to, for messages about a file YAML cannot read:
/// the parser then knows a line but no key. A plain scan of block mappings by indentation, enough
/// to say <c>tickets.keys</c> for a broken list under it.
/// </summary>
internal static class YamlKeyPath
{
    /// <summary>The dotted key of the nearest <c>key:</c> at or above <paramref name="line"/> (1-based), or "(top level)".</summary>
    public static string At(string yaml, long line)
    {
        var path = new List<(int Indent, string Key)>();
        var lines = yaml.Split('\n');
        for (var i = 0; i < Math.Min(line, lines.Length); i++)
        {
            var text = lines[i].TrimEnd('\r');
            var trimmed = text.TrimStart(' ');
            if (trimmed.Length == 0 || trimmed[0] is '#' or '-' or '[' or '{' or ']' or '}') continue;
            var colon = trimmed.IndexOf(':');
            if (colon <= 0) continue;
            var indent = text.Length - trimmed.Length;
            path.RemoveAll(p => p.Indent >= indent);
            path.Add((indent, trimmed[..colon].Trim().Trim('"', '\'')));
        }
        return path.Count == 0 ? "(top level)" : string.Join('.', path.Select(p => p.Key));
    }

    /// <summary>The line (1-based) of the first '[' or '{' never closed, outside quotes and comments; null when all close.</summary>
    public static long? UnclosedBracket(string yaml)
    {
        var open = new Stack<long>();
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            char? quote = null;
            foreach (var c in lines[i])
            {
                if (quote is not null) { if (c == quote) quote = null; continue; }
                if (c is '"' or '\'') quote = c;
                else if (c == '#') break;
                else if (c is '[' or '{') open.Push(i + 1);
                else if (c is ']' or '}' && open.Count > 0) open.Pop();
            }
        }
        return open.Count == 0 ? null : open.Reverse().First();
    }
}
