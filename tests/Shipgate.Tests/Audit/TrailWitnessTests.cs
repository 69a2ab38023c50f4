using Shipgate.Audit;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Record;

namespace Shipgate.Tests.Audit;

/// <summary>The witness's judgement alone: records and GitHub's activity built in memory, no git, no HTTP.</summary>
public sealed class TrailWitnessTests
{
    private const string First = "release-2026-11-02-100000";
    private const string Second = "release-2026-11-02-110000";
    private static readonly string Zero = new('0', 40);
    private static readonly string A = new('a', 40), B = new('b', 40), C = new('c', 40), D = new('d', 40);
    private static readonly string Archive1 = new('1', 40), Archive2 = new('2', 40);
    private static readonly DateTimeOffset At = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Two releases by rita: main A→B→C, each record one commit on the archive branch.</summary>
    private static TrailFacts Facts()
    {
        var first = ReportRecords.Released(First, At) with { FromSha = A, ToSha = B };
        var second = ReportRecords.Released(Second, At.AddHours(1)) with { FromSha = B, ToSha = C, PreviousRelease = new PreviousRelease(First, "x") };
        HistoryCommit Added(string sha, string[] parents, string id) =>
            new(sha, parents, "Rita", At, $"Release {id}", [new FileChange('A', RecordFiles.JsonPath(id)), new FileChange('A', RecordFiles.MarkdownPath(id))]);
        return new TrailFacts("acme/svc", "compliance-archives", "main", Archive2, C,
            [Added(Archive1, [], First), Added(Archive2, [Archive1], Second)],
            [new TrailLink(First, 0, Archive1, RecordFiles.ToJsonBytes(first)), new TrailLink(Second, 1, Archive2, RecordFiles.ToJsonBytes(second))],
            [], true, null, []);
    }

    private static RefActivity Update(int id, string before, string after, string branch, string? actor = "rita", RefActivityType type = RefActivityType.Push) =>
        new(id, before, after, "refs/heads/" + branch, At.AddMinutes(id), type, actor);

    private static List<RefActivity> Production() => [Update(1, A, B, "main"), Update(3, B, C, "main")];

    private static List<RefActivity> ArchiveUpdates() =>
        [Update(2, Zero, Archive1, "compliance-archives", type: RefActivityType.BranchCreation), Update(4, Archive1, Archive2, "compliance-archives")];

    [Fact]
    public void Every_record_borne_out_by_its_pushes_is_witnessed()
    {
        var verdict = TrailWitness.Judge(Facts(), new WitnessFacts(Production(), ArchiveUpdates()));

        Assert.Equal(WitnessStatus.Witnessed, verdict.Status);
        Assert.Empty(verdict.Problems);
        Assert.Equal([First, Second], verdict.Records.Where(r => r.Witnessed).Select(r => r.Id));
        Assert.Equal(At.AddMinutes(1), verdict.AnsweredSince);
    }

    [Fact]
    public void A_merge_into_production_nobody_acknowledged_breaks_the_trail_naming_who_and_when()
    {
        List<RefActivity> production = [.. Production(), Update(5, C, D, "main", "sam", RefActivityType.PullRequestMerge)];

        var verdict = TrailWitness.Judge(Facts(), new WitnessFacts(production, ArchiveUpdates()));

        Assert.Equal(WitnessStatus.Broken, verdict.Status);
        var problem = Assert.Single(verdict.Problems);
        Assert.Equal(TrailCheck.Witness, problem.Check);
        Assert.StartsWith("main was moved from ccccccc to ddddddd by sam at 2026-11-02 10:05:00 UTC (pr_merge): neither a release's push nor a change " +
            "a review acknowledges.", problem.Message);
    }

    [Fact]
    public void A_push_GitHub_names_no_actor_for_witnesses_nothing_but_breaks_nothing()
    {
        List<RefActivity> archive = [ArchiveUpdates()[0], Update(4, Archive1, Archive2, "compliance-archives", actor: null)];

        var verdict = TrailWitness.Judge(Facts(), new WitnessFacts(Production(), archive));

        Assert.Equal(WitnessStatus.NotWitnessed, verdict.Status);
        Assert.Empty(verdict.Problems);
        Assert.Equal(new RecordWitness(Second, false, "GitHub does not say who pushed it"), verdict.Records.Single(r => r.Id == Second));
        Assert.Equal(4, Assert.Single(verdict.WithoutActor).Id);
    }

    [Fact]
    public void A_record_older_than_what_GitHub_answered_for_is_not_witnessed_never_intact()
    {
        var verdict = TrailWitness.Judge(Facts(), new WitnessFacts([Production()[1]], [ArchiveUpdates()[1]]));

        Assert.Equal(WitnessStatus.NotWitnessed, verdict.Status);
        Assert.Empty(verdict.Problems);
        Assert.Equal(new RecordWitness(First, false, "it is older than what GitHub answered for (GitHub's activity begins at 2026-11-02 10:03:00 UTC)"),
            verdict.Records[0]);
        Assert.True(verdict.Records[1].Witnessed);
    }

    [Fact]
    public void A_release_GitHub_answered_for_but_never_saw_pushed_is_named()
    {
        var verdict = TrailWitness.Judge(Facts(), new WitnessFacts([Production()[0]], ArchiveUpdates()));

        Assert.Equal(WitnessStatus.Broken, verdict.Status);
        Assert.Equal($"GitHub lists no push of main from bbbbbbb to ccccccc, which {Second} says it released.", Assert.Single(verdict.Problems).Message);
    }
}
