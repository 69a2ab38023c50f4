using Shipgate.Emulators;

namespace Shipgate.Bench;

/// <summary>GitHub and Linear as a team that releases the range would have them: every PR merged and approved, CI green, every ticket done.</summary>
internal static class BenchFixtures
{
    public const string Owner = "acme";
    public const string Name = "bench";
    public const string GitHubToken = "ghp_bench0000000000000000000000000000000000";
    public const string LinearKey = "lin_api_bench00000000000000000000000000000000";

    private static readonly DateTimeOffset Merged = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    public static GitHubFixture GitHub(ReleaseRange range)
    {
        var repo = new RepositoryFixture
        {
            Owner = Owner,
            Name = Name,
            Branches = { ["staging"] = range.StagingHead, ["main"] = range.MainHead },
            CheckRuns = { new CheckRunFixture(1, range.StagingHead, "build") },
            Statuses = { new CommitStatusFixture(range.StagingHead, "ci/test", "success") },
        };
        foreach (var pr in range.PullRequests)
            repo.PullRequests.Add(new PullRequestFixture(pr.Number, pr.Title, "dana", pr.HeadRef)
            {
                MergedAt = Merged,
                MergedBy = "sam",
                MergeCommitSha = pr.MergeSha,
                Reviews = [new ReviewFixture("sam", "APPROVED", Merged.AddMinutes(-10))],
            });
        repo.PullRequests.Add(new PullRequestFixture(99999, "Work in progress", "lee", "dev/wip", State: "OPEN"));
        return new GitHubFixture { Tokens = { [GitHubToken] = "rita-releaser" }, Repositories = { repo } };
    }

    public static LinearFixture Linear(ReleaseRange range) => new()
    {
        ApiKeys = { [LinearKey] = new LinearUserFixture("Rita Releaser", "rita@example.com") },
        Teams = [new LinearTeamFixture("BOL", "Bolt")],
        Issues = [.. range.Tickets.Select(id => new LinearIssueFixture(id, $"Ticket {id}", "Done"))],
    };
}
