namespace Shipgate.Config;

/// <summary>A version of the policy file in a commit: its blob and its text.</summary>
internal sealed record PolicyFile(string BlobSha, string Text);

/// <summary>
/// What a release does to the release policy file: production's version against staging's. A
/// change does not govern the release that carries it (that one is checked by production's
/// policy); it takes effect from the next release, once someone has seen this diff and released it.
/// </summary>
/// <param name="Diff">A unified diff (hunks with three lines of context); empty when unchanged.</param>
internal sealed record PolicyChange(string Path, string? ReleasedBlob, string? IncomingBlob, IReadOnlyList<string> Diff)
{
    public bool Changed => ReleasedBlob != IncomingBlob;

    /// <summary>What the release does to the file, in a few words.</summary>
    public string Summary => !Changed ? $"{Path} unchanged"
        : ReleasedBlob is null ? $"this release adds {Path}"
        : IncomingBlob is null ? $"this release deletes {Path}"
        : $"this release changes {Path}";
}

/// <summary>Compares two versions of the policy file and writes the diff a release manager reads. Pure.</summary>
internal static class PolicyDiff
{
    /// <summary>Beyond this many line pairs the diff is shown as the old file removed and the new one added.</summary>
    private const long MaxLinePairs = 4_000_000;

    public static PolicyChange Compare(string path, PolicyFile? released, PolicyFile? incoming) =>
        new(path, released?.BlobSha, incoming?.BlobSha,
            released?.BlobSha == incoming?.BlobSha ? [] : Unified(Lines(released?.Text), Lines(incoming?.Text)));

    private static string[] Lines(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var lines = text.Replace("\r\n", "\n").Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    /// <summary>A unified diff of two line lists, hunks headed <c>@@ -a,b +c,d @@</c> as git writes them.</summary>
    public static IReadOnlyList<string> Unified(IReadOnlyList<string> before, IReadOnlyList<string> after, int context = 3)
    {
        var edits = Edits(before, after);
        var output = new List<string>();
        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Kind == ' ') { i++; continue; }
            var start = Math.Max(0, i - context);
            var end = i;
            // Extend the hunk while the next change is close enough for their contexts to touch.
            for (var j = i; j < edits.Count; j++)
            {
                if (edits[j].Kind == ' ') continue;
                if (j - end - 1 > 2 * context) break;
                end = j;
            }
            end = Math.Min(edits.Count - 1, end + context);
            var hunk = edits.Skip(start).Take(end - start + 1).ToList();
            var oldCount = hunk.Count(e => e.Kind != '+');
            var newCount = hunk.Count(e => e.Kind != '-');
            output.Add($"@@ -{Range(hunk[0].Before, oldCount)} +{Range(hunk[0].After, newCount)} @@");
            output.AddRange(hunk.Select(e => e.Kind + e.Line));
            i = end + 1;
        }
        return output;
    }

    /// <summary>A side of a hunk header as git writes it: an empty side numbered by the line before it, a count of one left out.</summary>
    private static string Range(int index, int count) => count switch
    {
        0 => $"{index},0",
        1 => $"{index + 1}",
        _ => $"{index + 1},{count}",
    };

    /// <summary>One line of the edit script, with its position in each version.</summary>
    private sealed record Edit(char Kind, string Line, int Before, int After);

    /// <summary>The shortest edit script by longest common subsequence (policy files are small).</summary>
    private static List<Edit> Edits(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var edits = new List<Edit>();
        if ((long)a.Count * b.Count > MaxLinePairs)
        {
            edits.AddRange(a.Select((line, n) => new Edit('-', line, n, 0)));
            edits.AddRange(b.Select((line, n) => new Edit('+', line, a.Count, n)));
            return edits;
        }
        var common = new int[a.Count + 1, b.Count + 1];
        for (var x = a.Count - 1; x >= 0; x--)
            for (var y = b.Count - 1; y >= 0; y--)
                common[x, y] = a[x] == b[y] ? common[x + 1, y + 1] + 1 : Math.Max(common[x + 1, y], common[x, y + 1]);
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            if (i < a.Count && j < b.Count && a[i] == b[j])
            {
                edits.Add(new Edit(' ', a[i], i, j));
                (i, j) = (i + 1, j + 1);
            }
            else if (i < a.Count && (j == b.Count || common[i + 1, j] >= common[i, j + 1]))
            {
                edits.Add(new Edit('-', a[i], i, j));
                i++;
            }
            else
            {
                edits.Add(new Edit('+', b[j], i, j));
                j++;
            }
        }
        return edits;
    }
}
