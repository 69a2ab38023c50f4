using Shipgate.Record;
using Shipgate.Release;

namespace Shipgate.Tests.ActionsApproval;

/// <summary>audit verify's re-check of a github-environment record: the channel's rules from what the record says GitHub answered.</summary>
public sealed class EnvironmentApprovalRecordTests
{
    private static ReleaseRecord Record(string approver = "bob", string comment = "ok SHIP", bool preventSelfReview = true) => new()
    {
        ReleaseId = "release-2026-01-01-000000",
        Timestamp = DateTimeOffset.UnixEpoch,
        Repository = "acme/demo",
        Tool = new ToolInfo("shipgate", "1.0.0"),
        ReleasedBy = "alice",
        ReleasedByEmail = "alice@users.noreply.github.com",
        FromRef = "main",
        FromSha = new string('a', 40),
        ToRef = "staging",
        ToSha = new string('b', 40),
        CommitsCount = 0,
        MergeCommitsCount = 0,
        FilesChanged = 0,
        Insertions = 0,
        Deletions = 0,
        Commits = [],
        PullRequests = [],
        LinearTickets = [],
        ChangeSummary = new Dictionary<string, IReadOnlyList<string>>(),
        AreaTitles = new Dictionary<string, string>(),
        UnspeccedChanges = [],
        CiStatus = new RecordCiStatus(new string('b', 40), "success", [], [], null),
        OpenPrs = [],
        Warnings = [],
        Emergency = null,
        PreviousRelease = null,
        Confirmation = new RecordConfirmation("SHIP", "SHIP", DateTimeOffset.UnixEpoch, ConfirmationChannel.GitHubEnvironment, Approval: new RecordApproval(
            "production", new string('f', 64), [new RecordApprover(approver, 2, comment)],
            new RecordRun(5, 1, "https://github.com/acme/demo/actions/runs/5", ".github/workflows/release.yml", "workflow_dispatch", "main",
                new string('a', 40), "alice", "alice"),
            null, new RecordProtection(["bob"], preventSelfReview, null, "all"))),
    };

    [Fact]
    public void A_record_that_keeps_the_rules_has_no_problem() => Assert.Empty(EnvironmentApproval.RecordProblems(Record()));

    [Fact]
    public void Each_broken_rule_is_named()
    {
        Assert.Equal(["@alice approved run 5, which they started"], EnvironmentApproval.RecordProblems(Record(approver: "alice")));
        Assert.Equal(["@bob's approval comment does not hold the word SHIP"], EnvironmentApproval.RecordProblems(Record(comment: "LGTM")));
        Assert.Equal(["environment 'production' did not have \"Prevent self-review\" on"],
            EnvironmentApproval.RecordProblems(Record(preventSelfReview: false)));
    }
}
