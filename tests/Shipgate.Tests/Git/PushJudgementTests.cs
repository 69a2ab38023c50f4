using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Release;

namespace Shipgate.Tests.Git;

/// <summary>How a push that did not answer "done" is judged, and told, from git's answer and the remote's refs afterwards.</summary>
public sealed class PushJudgementTests
{
    private static readonly string Old = new('1', 40), Record = new('2', 40), Staging = new('3', 40), Other = new('4', 40), Main = new('5', 40);

    private static readonly RefUpdate[] Release =
    [
        new("refs/heads/compliance-archives", Record, Old),
        new("refs/heads/main", Staging, Main),
    ];

    private const string Gh006Stdout = """
        To github.com:acme/svc.git
        !	2222222222222222222222222222222222222222:refs/heads/compliance-archives	[remote rejected] (atomic push failure)
        !	3333333333333333333333333333333333333333:refs/heads/main	[remote rejected] (protected branch hook declined)
        Done
        """;

    private const string Gh006Stderr =
        "remote: error: GH006: Protected branch update failed for refs/heads/main.        \n" +
        "remote: error: Changes must be made through a pull request.\u001b[K\n" +
        "remote: \n" +
        "error: failed to push some refs to 'github.com:acme/svc.git'\n";

    private static Dictionary<string, string> Remote(string archive, string main) =>
        new() { ["refs/heads/compliance-archives"] = archive, ["refs/heads/main"] = main };

    [Fact]
    public void Git_answer_gives_each_rejected_ref_and_the_remote_own_lines_without_terminal_codes()
    {
        var answer = PushAnswer.Read(Gh006Stdout, Gh006Stderr);

        Assert.Equal("[remote rejected] (protected branch hook declined)", answer.Rejected["refs/heads/main"]);
        Assert.Equal(2, answer.Rejected.Count);
        Assert.Equal(["refs/heads/compliance-archives", "refs/heads/main"], answer.Answered.Order());
        Assert.Equal(["error: GH006: Protected branch update failed for refs/heads/main.",
            "error: Changes must be made through a pull request."], answer.RemoteMessage);
        Assert.Equal(["error: failed to push some refs to 'github.com:acme/svc.git'"], answer.Errors);
    }

    [Fact]
    public void A_remote_refusal_with_nothing_moved_is_refused_in_the_remote_own_words()
    {
        var outcome = PushJudgement.Judge(Release, PushAnswer.Read(Gh006Stdout, Gh006Stderr), Remote(Old, Main));

        var refused = Assert.IsType<PushOutcome.Refused>(outcome);
        Assert.True(refused.ByRemote);
        Assert.Contains("error: GH006: Protected branch update failed for refs/heads/main.", refused.RemoteMessage);
        Assert.Contains("refs/heads/main: [remote rejected] (protected branch hook declined)", refused.Reasons);
    }

    [Fact]
    public void A_rejected_push_whose_refs_someone_else_moved_lost_a_race_even_when_main_is_at_the_same_commit()
    {
        var stale = PushAnswer.Read(
            $"!\t{Record}:refs/heads/compliance-archives\t[rejected] (stale info)\n!\t{Staging}:refs/heads/main\t[rejected] (atomic push failed)\n", "");

        Assert.IsType<PushOutcome.LostRace>(PushJudgement.Judge(Release, stale, Remote(Other, Staging)));
        Assert.IsType<PushOutcome.LostRace>(PushJudgement.Judge(Release, stale, Remote(Old, Other)));

        // Another release already moved main to the same commit: git calls it up to date, not rejected.
        var upToDate = PushAnswer.Read(
            $"!\t{Record}:refs/heads/compliance-archives\t[rejected] (stale info)\n=\t{Staging}:refs/heads/main\t[up to date]\nDone\n", "");
        Assert.IsType<PushOutcome.LostRace>(PushJudgement.Judge(Release, upToDate, Remote(Other, Staging)));
    }

    [Fact]
    public void A_push_whose_refs_all_landed_is_landed_though_git_did_not_say_so()
    {
        var hungUp = PushAnswer.Read("", "fatal: the remote end hung up unexpectedly");
        Assert.IsType<PushOutcome.Landed>(PushJudgement.Judge(Release, hungUp, Remote(Record, Staging)));
        Assert.IsType<PushOutcome.Landed>(PushJudgement.Judge(Release, null, Remote(Record, Staging)));
    }

    [Fact]
    public void Ctrl_C_with_nothing_moved_is_an_interruption_not_a_refusal()
    {
        Assert.IsType<PushOutcome.Interrupted>(PushJudgement.Judge(Release, null, Remote(Old, Main)));
    }

    [Fact]
    public void A_failure_without_an_answer_and_nothing_moved_is_a_failed_push_not_a_remote_refusal()
    {
        var offline = PushAnswer.Read("", "fatal: unable to access 'https://github.com/acme/svc.git/': Could not resolve host\n");
        var outcome = PushJudgement.Judge(Release, offline, Remote(Old, Main));

        var refused = Assert.IsType<PushOutcome.Refused>(outcome);
        Assert.False(refused.ByRemote);
        Assert.Equal(["fatal: unable to access 'https://github.com/acme/svc.git/': Could not resolve host"], refused.Reasons);
    }

    [Fact]
    public void Only_refs_of_this_push_beside_refs_that_did_not_move_are_a_split()
    {
        Assert.IsType<PushOutcome.Split>(PushJudgement.Judge(Release, null, Remote(Record, Main)));
        Assert.IsType<PushOutcome.Split>(PushJudgement.Judge(Release, PushAnswer.Read("", "fatal: the remote end hung up unexpectedly"), Remote(Old, Staging)));
        Assert.IsType<PushOutcome.LostRace>(PushJudgement.Judge(Release, null, Remote(Other, Main)));
    }

    [Fact]
    public void A_remote_that_cannot_be_read_afterwards_leaves_the_outcome_unknown()
    {
        var outcome = PushJudgement.Judge(Release, null, null, "fatal: could not read from remote repository");

        var unknown = Assert.IsType<PushOutcome.Unknown>(outcome);
        Assert.Contains(unknown.Reasons, r => r.Contains("could not read from remote repository"));
    }

    [Fact]
    public void Only_a_split_origin_is_called_partial_and_a_lost_race_says_who_landed_first_and_where_the_refs_are()
    {
        var config = ShipgateConfig.Default;
        var race = new PushOutcome.LostRace([new RefPosition(Release[0], Other), new RefPosition(Release[1], Staging)]);
        var outcomes = new PushOutcome[]
        {
            new PushOutcome.Refused(["GH006: Protected branch update failed"], ["refs/heads/main: [remote rejected]"], true),
            new PushOutcome.Refused([], ["fatal: no network"], false),
            race,
            new PushOutcome.Unknown(["no answer"]),
            new PushOutcome.Interrupted([new RefPosition(Release[0], Old), new RefPosition(Release[1], Main)]),
        };
        foreach (var outcome in outcomes)
            Assert.DoesNotContain("PARTIAL", PromotionFailure.From(outcome, config)!.Message);
        var split = PromotionFailure.From(new PushOutcome.Split([new RefPosition(Release[0], Record), new RefPosition(Release[1], Main)], ["x"]), config)!;
        Assert.Contains("PARTIAL", split.Message);
        Assert.Contains("- compliance-archives: 2222222 (moved by this push)", split.Message);
        Assert.Contains("- main: 5555555 (as before)", split.Message);

        var lost = PromotionFailure.From(race, config)!;
        Assert.Equal(ExitCode.Error, lost.Code);
        Assert.Contains("another release landed first", lost.Message);
        Assert.Contains("Nothing of this release landed.", lost.Message);
        Assert.Contains("- compliance-archives: 4444444 (moved by someone else; it was 1111111)", lost.Message);
        Assert.Contains("- main: 3333333 (moved by someone else, to the commit this push would have set; it was 5555555)", lost.Message);

        Assert.Equal(ExitCode.Aborted, PromotionFailure.From(outcomes[^1], config)!.Code);
        Assert.DoesNotContain("refused", PromotionFailure.From(outcomes[^1], config)!.Message);
        Assert.Null(PromotionFailure.From(new PushOutcome.Landed(), config));
    }
}
