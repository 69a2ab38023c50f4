using Shipgate.Audit;
using Shipgate.Git;

namespace Shipgate.Tests.Audit;

/// <summary>The commits of a release's range (what git rev-list from..to says), asked of main's history without a walk of all of it per release.</summary>
public sealed class CommitGraphTests
{
    private static Commit C(int n, params int[] parents) =>
        new($"{n:x40}".Replace(' ', '0'), parents.Select(p => $"{p:x40}".Replace(' ', '0')).ToList(), "Dana", "d@x",
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, $"c{n}", "", []);

    private static HashSet<string> Ancestors(string start, Dictionary<string, Commit> graph)
    {
        var found = new HashSet<string>();
        var stack = new Stack<string>([start]);
        while (stack.Count > 0)
        {
            var sha = stack.Pop();
            if (graph.TryGetValue(sha, out var commit) && found.Add(sha))
                foreach (var parent in commit.Parents) stack.Push(parent);
        }
        return found;
    }

    [Fact]
    public void A_range_is_what_to_reaches_and_from_does_not_on_random_histories()
    {
        var random = new Random(7);
        var commits = new List<Commit> { C(1) };
        for (var n = 2; n <= 400; n++)
            commits.Add(random.Next(4) == 0 && n > 3 ? C(n, n - 1, random.Next(1, n - 1)) : C(n, random.Next(Math.Max(1, n - 5), n)));
        var bySha = commits.ToDictionary(c => c.Sha);
        var graph = new CommitGraph(commits);

        for (var i = 0; i < 300; i++)
        {
            var (from, to) = (commits[random.Next(commits.Count)].Sha, commits[random.Next(commits.Count)].Sha);
            var expected = Ancestors(to, bySha);
            expected.ExceptWith(Ancestors(from, bySha));
            Assert.Equal(expected.Order(), graph.Range(from, to).Order());
        }
    }

    [Fact]
    public void A_start_outside_the_history_excludes_nothing_and_an_end_outside_it_holds_nothing()
    {
        var commits = new List<Commit> { C(3, 2), C(2, 1), C(1, 99) };
        var graph = new CommitGraph(commits);

        Assert.Equal(new[] { commits[0].Sha, commits[1].Sha, commits[2].Sha }.Order(), graph.Range(new string('e', 40), commits[0].Sha).Order());
        Assert.Empty(graph.Range(commits[2].Sha, new string('e', 40)));
        Assert.Empty(graph.Range(commits[0].Sha, commits[0].Sha));
    }

    [Fact]
    public void Reaches_is_what_git_merge_base_is_ancestor_says_on_random_histories()
    {
        var random = new Random(11);
        var commits = new List<Commit> { C(1) };
        for (var n = 2; n <= 300; n++)
            commits.Add(random.Next(4) == 0 && n > 3 ? C(n, n - 1, random.Next(1, n - 1)) : C(n, random.Next(Math.Max(1, n - 5), n)));
        var bySha = commits.ToDictionary(c => c.Sha);
        var graph = new CommitGraph(commits);

        for (var i = 0; i < 500; i++)
        {
            var (descendant, ancestor) = (commits[random.Next(commits.Count)].Sha, commits[random.Next(commits.Count)].Sha);
            Assert.Equal(Ancestors(descendant, bySha).Contains(ancestor), graph.Reaches(descendant, ancestor));
        }
    }

    [Fact]
    public void Reaches_knows_where_the_history_starts_but_nothing_outside_it()
    {
        // 99 is the first release's start: left out of the history, the parent of its oldest commit.
        var commits = new List<Commit> { C(3, 2), C(2, 1), C(1, 99) };
        var graph = new CommitGraph(commits);
        var start = C(99).Sha;

        Assert.True(graph.Reaches(commits[0].Sha, start));
        Assert.False(graph.Reaches(start, commits[0].Sha));
        Assert.False(graph.Reaches(commits[0].Sha, new string('e', 40)));
        Assert.False(graph.Reaches(new string('e', 40), commits[2].Sha));
    }
}
