namespace Shipgate.Rendering;

/// <summary>"Did you mean": the known name nearest a mistyped one (a command, an option, a config key), when it is near enough to be the intent.</summary>
internal static class NearestName
{
    /// <summary>
    /// The nearest of <paramref name="known"/> to <paramref name="typed"/>, or null when none is within a third of its length (at least 2 edits).
    /// </summary>
    public static string? Nearest(string typed, IEnumerable<string> known)
    {
        var limit = Math.Max(2, typed.Length / 3);
        return known
            .Select(name => (Name: name, Distance: Distance(typed.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    /// <summary>Edit distance with transpositions (optimal string alignment): "relase" is one edit from "release".</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
