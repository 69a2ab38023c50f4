using Shipgate.Git;

namespace Shipgate.Audit;

/// <summary>
/// Main's history since the first release, for asking which commits a release's range holds (what <c>git rev-list from..to</c>
/// says) without a walk of the whole history per release: a walk from both ends, newest generation first, that stops as soon
/// as nothing left to visit is reachable from <c>to</c> alone. A trail of 1,000 contiguous releases then costs about one pass
/// over the history, not one per release. Pure.
/// </summary>
internal sealed class CommitGraph
{
    private readonly Dictionary<string, int> _index;
    private readonly int[][] _parents;
    private readonly int[] _generation;
    private readonly IReadOnlyList<Commit> _commits;

    public CommitGraph(IReadOnlyList<Commit> commits)
    {
        _commits = commits;
        _index = new Dictionary<string, int>(commits.Count, StringComparer.Ordinal);
        for (var i = 0; i < commits.Count; i++) _index.TryAdd(commits[i].Sha, i);
        _parents = commits.Select(c => c.Parents.Select(p => _index.GetValueOrDefault(p, -1)).Where(p => p >= 0).ToArray()).ToArray();
        _generation = Generations(_parents);
    }

    public bool Contains(string sha) => _index.ContainsKey(sha);

    /// <summary>The commits reachable from <paramref name="to"/> and not from <paramref name="from"/>, within this history.</summary>
    public IEnumerable<string> Range(string from, string to)
    {
        const byte FromTo = 1, FromFrom = 2;
        if (!_index.TryGetValue(to, out var tip)) return [];
        var paint = new Dictionary<int, byte>();
        var queue = new PriorityQueue<int, int>();
        var onlyTo = 0; // queued commits reachable from `to` alone: while there are any, the range may grow
        void Paint(int commit, byte colour)
        {
            var before = paint.GetValueOrDefault(commit);
            var after = (byte)(before | colour);
            if (after == before) return;
            paint[commit] = after;
            if (before == 0) queue.Enqueue(commit, -_generation[commit]);
            if (after == FromTo) onlyTo++;
            else if (before == FromTo) onlyTo--;
        }
        Paint(tip, FromTo);
        if (_index.TryGetValue(from, out var start)) Paint(start, FromFrom);
        var range = new List<string>();
        while (onlyTo > 0 && queue.TryDequeue(out var commit, out _))
        {
            var colour = paint[commit];
            if (colour == FromTo)
            {
                onlyTo--;
                range.Add(_commits[commit].Sha);
            }
            foreach (var parent in _parents[commit]) Paint(parent, colour);
        }
        return range;
    }

    /// <summary>
    /// Whether <paramref name="ancestor"/> is <paramref name="descendant"/> or one of its ancestors, as far as this history shows:
    /// exact when the ancestor is in it or is where it starts (a parent of one of its commits that it leaves out, such as the
    /// first release's start). A walk down from the descendant that never goes below the ancestor's generation.
    /// </summary>
    public bool Reaches(string descendant, string ancestor)
    {
        if (descendant == ancestor) return true;
        if (!_index.TryGetValue(descendant, out var start)) return false;
        var target = _index.GetValueOrDefault(ancestor, -1);
        var floor = target >= 0 ? _generation[target] : 0;
        var seen = new HashSet<int> { start };
        var stack = new Stack<int>([start]);
        while (stack.TryPop(out var commit))
        {
            if (commit == target) return true;
            if (target < 0 && _commits[commit].Parents.Contains(ancestor, StringComparer.Ordinal)) return true;
            foreach (var parent in _parents[commit])
                if (_generation[parent] >= floor && seen.Add(parent)) stack.Push(parent);
        }
        return false;
    }

    /// <summary>1 for a commit without parents here, else one more than its highest parent: a parent is always lower than its children.</summary>
    private static int[] Generations(int[][] parents)
    {
        var generation = new int[parents.Length];
        var stack = new Stack<(int Commit, bool ParentsDone)>();
        for (var root = 0; root < parents.Length; root++)
        {
            if (generation[root] != 0) continue;
            stack.Push((root, false));
            while (stack.Count > 0)
            {
                var (commit, parentsDone) = stack.Pop();
                if (generation[commit] != 0) continue;
                if (parentsDone)
                {
                    generation[commit] = 1 + parents[commit].Select(p => generation[p]).DefaultIfEmpty(0).Max();
                    continue;
                }
                stack.Push((commit, true));
                foreach (var parent in parents[commit]) if (generation[parent] == 0) stack.Push((parent, false));
            }
        }
        return generation;
    }
}
