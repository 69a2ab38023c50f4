using Shipgate.Git;
using Shipgate.Release;

namespace Shipgate.Tests.Release;

/// <summary>Which commits each merge brought in, found in one walk of the range (hand-made histories, newest first as git log gives them).</summary>
public sealed class MergeMembersTests
{
    private int _n;

    private Commit C(string subject, params string[] parents) =>
        new($"{++_n:x40}".Replace(' ', '0'), parents, "Dana", "dana@example.com", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(_n),
            subject, "", parents.Length > 1 ? [] : [$"f{_n}.txt"]);

    private static Dictionary<int, string[]> Members(params Commit[] newestFirst) =>
        ReleasePlanner.FindMerges(newestFirst).ToDictionary(m => m.Number, m => m.Members.Select(c => c.Subject).ToArray());

    [Fact]
    public void A_branch_started_before_an_earlier_merge_claims_only_its_own_commits()
    {
        var a1 = C("a1", "base");
        var b1 = C("b1", "base");
        var m1 = C("Merge pull request #1 from acme/a", "base", a1.Sha);
        var b2 = C("b2", b1.Sha);
        var m2 = C("Merge pull request #2 from acme/b", m1.Sha, b2.Sha);

        var members = Members(m2, b2, m1, b1, a1);

        Assert.Equal(["a1"], members[1]);
        Assert.Equal(["b2", "b1"], members[2]);
    }

    [Fact]
    public void Staging_merged_into_a_branch_is_not_claimed_again()
    {
        var a1 = C("a1", "base");
        var m1 = C("Merge pull request #1 from acme/a", "base", a1.Sha);
        var f1 = C("f1", "base");
        var sync = C("Merge branch 'staging' into feature", f1.Sha, m1.Sha);
        var f2 = C("f2", sync.Sha);
        var m2 = C("Merge pull request #2 from acme/feature", m1.Sha, f2.Sha);

        var members = Members(m2, f2, sync, f1, m1, a1);

        Assert.Equal(["a1"], members[1]);
        Assert.Equal(["f2", "f1"], members[2]);
    }

    [Fact]
    public void A_pull_request_merged_into_a_merged_branch_keeps_its_own_commits()
    {
        var f1 = C("f1", "base");
        var g1 = C("g1", f1.Sha);
        var inner = C("Merge pull request #2 from acme/g", f1.Sha, g1.Sha);
        var outer = C("Merge pull request #1 from acme/feature", "base", inner.Sha);

        var members = Members(outer, inner, g1, f1);

        Assert.Equal(["g1", "f1"], members[1]);
        Assert.Equal(["g1"], members[2]);
    }

    [Fact]
    public void Thousands_of_merges_each_get_exactly_their_commits()
    {
        var log = new List<Commit>();
        var tip = "base";
        for (var pr = 1; pr <= 2000; pr++)
        {
            var parent = tip;
            for (var step = 1; step <= 3; step++)
            {
                var commit = C($"{pr}.{step}", parent);
                log.Add(commit);
                parent = commit.Sha;
            }
            var merge = C($"Merge pull request #{pr} from acme/b{pr}", tip, parent);
            log.Add(merge);
            tip = merge.Sha;
        }
        log.Reverse();

        var members = Members([.. log]);

        Assert.Equal(2000, members.Count);
        Assert.All(members, m => Assert.Equal([$"{m.Key}.3", $"{m.Key}.2", $"{m.Key}.1"], m.Value));
    }
}
