using Shipgate.Audit;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit;

/// <summary>
/// The one archive-branch appender: a review whose push loses the lease to another record landing first (pushed by
/// someone else between the review's read of the tip and its push) is built again on the new tip, and gives up after
/// <see cref="ArchiveAppender.Attempts"/> attempts with nothing half-done.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ArchiveAppenderTests
{
    private const string Archive = "compliance-archives";

    [Fact]
    public async Task A_review_that_loses_the_race_is_tried_again_and_chained_onto_the_record_that_landed_first()
    {
        using var s = await EmergencyReleaseAsync();
        var releaseId = s.ReleaseIds().Single();
        var (git, config) = ReviewerClone(s);
        var competitors = new List<string>();

        var review = await AppendReviewAsync(s, git, config, releaseId, beforePush: attempt =>
        {
            if (attempt == 1) competitors.Add(PushCompetingReview(s, releaseId, minutes: 1));
        });

        var competitor = Assert.Single(competitors);
        Assert.Equal(competitor, review.PreviousRelease!.Id);
        Assert.Equal(RecordFiles.Sha256Hex(s.OriginFile(Archive, RecordFiles.JsonPath(competitor))), review.PreviousRelease.Sha256);
        Assert.Equal(RecordFiles.ToJsonBytes(review), s.OriginFile(Archive, RecordFiles.JsonPath(review.ReviewId)));
        var chain = RecordFiles.ChainIds(s.OriginFiles(Archive, "releases"));
        Assert.Equal([releaseId, competitor, review.ReviewId], chain);
        var tip = GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "rev-parse", $"refs/heads/{Archive}").Trim();
        var parent = GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "rev-parse", $"{tip}^").Trim();
        Assert.Contains($"Review-Id: {competitor}", GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "log", "-1", "--format=%B", parent));
    }

    [Fact]
    public async Task A_review_that_keeps_losing_the_race_gives_up_after_the_bound_and_records_nothing()
    {
        using var s = await EmergencyReleaseAsync();
        var releaseId = s.ReleaseIds().Single();
        var (git, config) = ReviewerClone(s);
        var competitors = new List<string>();

        var error = await Assert.ThrowsAsync<ShipgateException>(() => AppendReviewAsync(s, git, config, releaseId,
            beforePush: attempt => competitors.Add(PushCompetingReview(s, releaseId, minutes: attempt))));

        Assert.Equal(ExitCode.Error, error.Code);
        Assert.Contains($"The review record did not land on {Archive} after 3 attempts", error.Message);
        Assert.Contains("Run the command again.", error.Message);
        Assert.Equal(3, competitors.Count);
        Assert.Equal([releaseId, .. competitors], RecordFiles.ChainIds(s.OriginFiles(Archive, "releases")));
    }

    private static async Task<ReleaseScenario> EmergencyReleaseAsync()
    {
        var s = new ReleaseScenario(Scenarios.RichWithUnprovenReviews);
        var release = await s.Runner.RunAsync(["release", "--emergency", "payments are down"]);
        Assert.True(release.Code == ExitCode.Success, release.Output);
        return s;
    }

    /// <summary>Carol's own clone of origin, as the product sees it.</summary>
    private static (GitRepository Git, ShipgateConfig Config) ReviewerClone(ReleaseScenario s)
    {
        var folder = Path.Combine(s.Folder, "carol");
        GitScenario.Run(s.Folder, "clone", "--quiet", "--branch", "staging", s.Git.Origin, folder);
        GitScenario.Run(folder, "config", "user.name", "Carol CTO");
        GitScenario.Run(folder, "config", "user.email", "carol@example.com");
        GitScenario.Run(folder, "config", "commit.gpgsign", "false");
        var config = ConfigLoader.Parse(File.ReadAllText(Path.Combine(folder, ".shipgate.yml")), ".shipgate.yml");
        return (new GitRepository(new GitCli(folder, Secrets.None)), config);
    }

    /// <summary>Carol's review of <paramref name="releaseId"/> through the appender; <paramref name="beforePush"/> runs after each read of the tip.</summary>
    private static async Task<ReviewRecord> AppendReviewAsync(ReleaseScenario s, GitRepository git, ShipgateConfig config, string releaseId,
        Action<int> beforePush)
    {
        var archive = await ReviewChain.ReadAsync(git, config, "this review", CancellationToken.None);
        var attempt = 0;
        var reviewer = new Reviewer("Carol CTO", "carol@example.com", null);
        return await ReviewChain.AppendAsync(git, config, archive, "this review", state =>
        {
            beforePush(++attempt);
            return ReviewChain.NewReview(state, ReviewKind.Review, reviewer, "https://wiki.example.com/pm/42", DateTimeOffset.UtcNow.AddMinutes(10))
                with
            { ReviewsRelease = releaseId };
        }, review => $"review: {releaseId} reviewed by {review.ReviewedBy}", CancellationToken.None);
    }

    /// <summary>Someone else appends a review record to origin's archive branch, correctly chained; returns its id.</summary>
    internal static string PushCompetingReview(ReleaseScenario s, string releaseId, int minutes)
    {
        var files = s.OriginFiles(Archive, "releases");
        var tip = RecordFiles.ChainIds(files)[^1];
        var previous = new PreviousRelease(tip, RecordFiles.Sha256Hex(s.OriginFile(Archive, RecordFiles.JsonPath(tip))));
        var at = RecordFiles.RecordTime(DateTimeOffset.UtcNow.AddMinutes(minutes));
        var id = RecordFiles.NewReviewId(at, files);
        var dev = s.Git.Developer;
        GitScenario.Run(dev, "fetch", "--quiet", "origin", Archive);
        GitScenario.Run(dev, "checkout", "--quiet", "-B", Archive, "FETCH_HEAD");
        File.WriteAllBytes(Path.Combine(dev, "releases", id + ".json"), RecordFiles.ToJsonBytes(new ReviewRecord
        {
            ReviewId = id,
            ReviewsRelease = releaseId,
            Timestamp = at,
            ReviewedBy = "Dana Director",
            ReviewedByEmail = "dana@example.com",
            Note = "seen",
            RecordedBy = "Dana Director",
            RecordedByEmail = "dana@example.com",
            Tool = new ToolInfo("shipgate", "0.1.0"),
            PreviousRelease = previous,
        }));
        GitScenario.Run(dev, "add", "-A");
        GitScenario.Run(dev, "commit", "--quiet", "-m", $"review: {id}\n\nReview-Id: {id}\n");
        GitScenario.Run(dev, "push", "--quiet", "origin", Archive);
        GitScenario.Run(dev, "checkout", "--quiet", "-f", "staging");
        return id;
    }
}
