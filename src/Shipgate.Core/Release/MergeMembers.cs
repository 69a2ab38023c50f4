using Shipgate.Git;

namespace Shipgate.Release;

/// <summary>
/// The commits each merge of a release range brought in that its mainline did not have, found in ONE
/// walk of the range: the first-parent chain is walked from its oldest commit up, and each merge on
/// it claims what its other parents reach that nothing before it on the chain did. Every commit is
/// visited once, so 5,000 merges over 20,000 commits cost one pass, not one pass per merge. A merge
/// inside a merged branch (a PR merged into a feature branch) gets what it brought within that branch. Pure.
/// </summary>
internal static class MergeMembers
{
    /// <summary>Per merge commit: its members (merges left out), in the order of <paramref name="commits"/> (git log's, newest first).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Commit>> Find(IReadOnlyList<Commit> commits)
    {
        var index = new Dictionary<string, int>(commits.Count, StringComparer.Ordinal);
        for (var i = 0; i < commits.Count; i++) index.TryAdd(commits[i].Sha, i);
        var parents = new int[commits.Count][];
        var isParent = new bool[commits.Count];
        for (var i = 0; i < commits.Count; i++)
        {
            var shas = commits[i].Parents;
            parents[i] = new int[shas.Count];
            for (var p = 0; p < shas.Count; p++)
            {
                parents[i][p] = index.GetValueOrDefault(shas[p], -1);
                if (parents[i][p] >= 0) isParent[parents[i][p]] = true;
            }
        }

        var members = new Dictionary<string, IReadOnlyList<Commit>>(StringComparer.Ordinal);
        var visited = new bool[commits.Count];
        var chain = new List<int>();
        var brought = new List<int>();
        var stack = new Stack<int>();
        // A range has one tip (staging); a list of commits from elsewhere may have more, each walked the same way.
        for (var tip = 0; tip < commits.Count; tip++)
        {
            if (isParent[tip] || visited[tip]) continue;
            chain.Clear();
            for (var k = tip; k >= 0 && !visited[k]; k = parents[k].Length > 0 ? parents[k][0] : -1)
                chain.Add(k);
            for (var c = chain.Count - 1; c >= 0; c--)
            {
                var merge = chain[c];
                visited[merge] = true;
                if (parents[merge].Length < 2) continue;
                Walk(parents[merge].AsSpan(1), parents, visited, stack, brought);
                brought.Sort();
                members[commits[merge].Sha] = InLogOrder(brought, commits);
                HashSet<int>? region = null;
                foreach (var inner in brought)
                    if (parents[inner].Length > 1)
                        members[commits[inner].Sha] = InnerMembers(inner, region ??= [.. brought], parents, commits);
            }
        }
        return members;
    }

    /// <summary>Every commit reachable from <paramref name="starts"/> not yet visited, into <paramref name="found"/>, marking each visited.</summary>
    private static void Walk(ReadOnlySpan<int> starts, int[][] parents, bool[] visited, Stack<int> stack, List<int> found)
    {
        found.Clear();
        foreach (var s in starts) if (s >= 0) stack.Push(s);
        while (stack.Count > 0)
        {
            var k = stack.Pop();
            if (visited[k]) continue;
            visited[k] = true;
            found.Add(k);
            foreach (var p in parents[k]) if (p >= 0 && !visited[p]) stack.Push(p);
        }
    }

    /// <summary>What a merge inside a merged branch brought in: reachable from its other parents, not from its first, within that branch.</summary>
    private static IReadOnlyList<Commit> InnerMembers(int merge, HashSet<int> region, int[][] parents, IReadOnlyList<Commit> commits)
    {
        var seen = new HashSet<int>();
        Within([parents[merge][0]], region, parents, seen);
        var found = Within(parents[merge].Skip(1), region, parents, seen).ToList();
        found.Sort();
        return InLogOrder(found, commits);
    }

    private static HashSet<int> Within(IEnumerable<int> starts, HashSet<int> region, int[][] parents, HashSet<int> seen)
    {
        var found = new HashSet<int>();
        var stack = new Stack<int>(starts);
        while (stack.Count > 0)
        {
            var k = stack.Pop();
            if (k < 0 || !region.Contains(k) || !seen.Add(k)) continue;
            found.Add(k);
            foreach (var p in parents[k]) stack.Push(p);
        }
        return found;
    }

    /// <summary>The commits at <paramref name="sorted"/> (ascending: git log's order), merges left out.</summary>
    private static List<Commit> InLogOrder(List<int> sorted, IReadOnlyList<Commit> commits)
    {
        var list = new List<Commit>(sorted.Count);
        foreach (var k in sorted)
            if (commits[k].Parents.Count < 2) list.Add(commits[k]);
        return list;
    }
}
