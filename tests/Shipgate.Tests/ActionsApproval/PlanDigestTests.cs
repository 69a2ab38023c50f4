using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Release;

namespace Shipgate.Tests.ActionsApproval;

/// <summary>The plan digest covers what ships and nothing that moves without changing it; its word is drawn from it.</summary>
public sealed class PlanDigestTests
{
    private static readonly string Production = new('a', 40);
    private static readonly string Staging = new('b', 40);

    private static ReleasedTicket Ticket(string stateType) =>
        new("BOL-1", "Login", "https://linear.app/x/BOL-1", stateType == "completed" ? "Done" : "In Progress", stateType, TicketCheck.Verified);

    private static PlanDigest.Inputs Inputs(string? staging = null, string? policyBlob = "c0ffee", string ticketState = "completed")
    {
        var pr = new ReleasedPullRequest(7, "Login", null, "dana", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "sam", "dev/login",
            MergeKind.Squash, new string('d', 40), ["BOL-1"], [new string('d', 40)], ["web/login.ts"], null, true, ["sam"]);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var commit = new Commit(new string('d', 40), [Production], "dana", "dana@example.com", at, at, "Login (#7)", "", ["web/login.ts"]);
        var ticket = Ticket(ticketState);
        var plan = new ReleasePlan(Production, staging ?? Staging, [commit], 0, new DiffStat(1, 1, 0, ["web/login.ts"]), [pr], [ticket], [], []);
        var ci = new CiResult(staging ?? Staging, CiState.Success, [new CiCheck("build", "success", true)], null);
        var gaps = Gaps.Find(plan, ci, []);
        return new PlanDigest.Inputs(Production, staging ?? Staging, policyBlob, plan, gaps, ci, new PreviousRelease("release-2026-01-01-000000", new string('e', 64)));
    }

    [Fact]
    public void The_digest_does_not_change_with_time_or_a_tickets_state()
    {
        var digest = PlanDigest.Of(Inputs());

        Assert.Matches("^[0-9a-f]{64}$", digest);
        Assert.Equal(digest, PlanDigest.Of(Inputs()));
        Assert.Equal(digest, PlanDigest.Of(Inputs(ticketState: "started")));
        Assert.NotEmpty(Inputs(ticketState: "started").Gaps);
    }

    [Fact]
    public void The_digest_changes_when_staging_moves_or_the_policy_changes()
    {
        var digest = PlanDigest.Of(Inputs());

        Assert.NotEqual(digest, PlanDigest.Of(Inputs(staging: new string('9', 40))));
        Assert.NotEqual(digest, PlanDigest.Of(Inputs(policyBlob: "beef")));
        Assert.NotEqual(digest, PlanDigest.Of(Inputs(policyBlob: null)));
    }

    [Fact]
    public void The_word_is_drawn_from_the_digest_and_is_never_the_previous_releases_word()
    {
        var words = ShipgateConfig.SeedWords;
        foreach (var seed in Enumerable.Range(0, 40))
        {
            var digest = System.Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([(byte)seed]));
            var word = PlanDigest.Word(digest, words, previousWord: null);
            Assert.Contains(word, words);
            Assert.Equal(word, PlanDigest.Word(digest, words, previousWord: null));
            Assert.NotEqual(word, PlanDigest.Word(digest, words, previousWord: word));
        }
    }

    [Theory]
    [InlineData("SHIP", true)]
    [InlineData("Approved: SHIP.", true)]
    [InlineData("ship", false)]
    [InlineData("SHIPPED", false)]
    [InlineData("RESHIP", false)]
    [InlineData("SHIP_IT", false)]
    [InlineData("", false)]
    public void The_word_counts_only_exactly_and_as_a_whole_word(string comment, bool holds) =>
        Assert.Equal(holds, EnvironmentApproval.HoldsWord(comment, "SHIP"));
}
