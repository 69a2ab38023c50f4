using System.Text.Json;
using System.Text.RegularExpressions;
using Shipgate.Record;
using Shipgate.Testing;
using Shipgate.Tests.GitHub;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit;

/// <summary>
/// Separation of duties in <c>shipgate audit review</c>: the reviewer is whoever runs it (git
/// identity, GitHub login), never the releaser of the release nor the author of the direct push
/// they acknowledge; verify fails any review that breaks the rule, however it got into the trail.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReviewTests
{
    /// <summary>An emergency release under a policy that accepts reviewers named by git config (audit.review_identity: git-config).</summary>
    private static async Task<ReleaseScenario> EmergencyReleaseAsync()
    {
        var s = new ReleaseScenario(Scenarios.RichWithUnprovenReviews);
        var release = await s.Runner.RunAsync(["release", "--emergency", "payments are down"]);
        Assert.True(release.Code == ExitCode.Success, release.Output);
        return s;
    }

    /// <summary>The output with the console's line wrapping undone, for whole-sentence assertions.</summary>
    private static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");

    private static JsonElement Verdict(RunResult result) => JsonDocument.Parse(result.Stdout).RootElement;

    private static List<string> Problems(RunResult result, string check) =>
        Verdict(result).GetProperty("problems").EnumerateArray()
            .Where(p => p.GetProperty("check").GetString() == check).Select(p => p.GetProperty("message").GetString()!).ToList();

    /// <summary>Appends a record to origin's archive branch, correctly chained, as an older Shipgate (or a hand) would have.</summary>
    private static string AppendToTrail(ReleaseScenario s, Func<PreviousRelease, string, ReviewRecord> review)
    {
        var files = s.OriginFiles("compliance-archives", "releases");
        var tip = RecordFiles.ChainIds(files)[^1];
        var previous = new PreviousRelease(tip, RecordFiles.Sha256Hex(s.OriginFile("compliance-archives", $"releases/{tip}.json")));
        var id = RecordFiles.NewReviewId(RecordFiles.RecordTime(DateTimeOffset.UtcNow.AddMinutes(1)), files);
        s.PushReviewByHand(review(previous, id));
        return id;
    }

    [Fact]
    public async Task A_review_is_not_chained_onto_a_release_record_that_was_changed()
    {
        using var s = await EmergencyReleaseAsync();
        var id = s.ReleaseIds().Single();
        var dev = s.Git.Developer;
        GitScenario.Run(dev, "fetch", "--quiet", "origin", "compliance-archives");
        GitScenario.Run(dev, "checkout", "--quiet", "-B", "compliance-archives", "FETCH_HEAD");
        var path = Path.Combine(dev, "releases", id + ".json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("payments are down", "routine maintenance", StringComparison.Ordinal));
        GitScenario.Run(dev, "commit", "--quiet", "-am", "tidy the record");
        GitScenario.Run(dev, "push", "--quiet", "origin", "compliance-archives");
        GitScenario.Run(dev, "checkout", "--quiet", "-f", "staging");
        var before = s.OriginRefs();

        var result = await s.CloneAs("Carol CTO", "carol@example.com").RunAsync(["audit", "review", id, "--note", "https://wiki.example.com/pm/42"]);

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        Assert.Contains("The audit trail is broken, so this review was not added to it", Flat(result));
        Assert.Contains("shipgate audit verify", Flat(result));
        Assert.Contains("Nothing was recorded.", Flat(result));
        Assert.Equal(before, s.OriginRefs());
    }

    [Fact]
    public async Task The_releaser_cannot_review_their_own_emergency_release()
    {
        using var s = await EmergencyReleaseAsync();
        var id = s.ReleaseIds().Single();
        var before = s.OriginRefs();

        var result = await s.Runner.RunAsync(["audit", "review", id, "--note", "looked fine to me"]);

        Assert.Equal(ExitCode.Blocked, result.Code);
        Assert.Contains($"you cannot review {id}: rita@example.com released it", Flat(result));
        Assert.Contains("separation of duties", Flat(result));
        Assert.Contains($"shipgate audit review {id} --note", Flat(result));
        Assert.Equal(before, s.OriginRefs());
    }

    [Fact]
    public async Task The_same_email_in_another_case_and_another_clone_is_still_the_releaser()
    {
        using var s = await EmergencyReleaseAsync();
        var id = s.ReleaseIds().Single();
        var before = s.OriginRefs();

        var result = await s.CloneAs("R. Releaser (laptop)", "Rita@Example.COM").RunAsync(["audit", "review", id, "--note", "ok"]);

        Assert.Equal(ExitCode.Blocked, result.Code);
        Assert.Equal(before, s.OriginRefs());
    }

    [Fact]
    public async Task Passing_by_is_a_usage_error_that_says_what_replaced_it()
    {
        using var s = await EmergencyReleaseAsync();
        var id = s.ReleaseIds().Single();
        var before = s.OriginRefs();

        var result = await s.CloneAs("Carol", "carol@example.com").RunAsync(["audit", "review", id, "--by", "Carol CTO", "--note", "ok"]);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains("--by was removed", Flat(result));
        Assert.Contains("git config (user.name, user.email)", Flat(result));
        Assert.Equal(before, s.OriginRefs());
    }

    [Theory]
    [InlineData(new[] { "audit", "review", "--note", "ok" }, "Name what you reviewed")]
    [InlineData(new[] { "audit", "review", "release-2026-01-01-000000", "--direct-push", "abcdef0", "--note", "ok" }, "not both")]
    [InlineData(new[] { "audit", "review", "release-2026-01-01-000000", "--note", " " }, "--note must say what the review found")]
    public async Task A_review_command_that_names_nothing_or_too_much_is_a_usage_error(string[] args, string message)
    {
        using var s = new ReleaseScenario(Scenarios.Rich);

        var result = await s.Runner.RunAsync(args);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains(message, Flat(result));
    }

    [Fact]
    public async Task An_independent_review_names_its_reviewer_from_git_config_and_verify_passes()
    {
        using var s = await EmergencyReleaseAsync();
        var id = s.ReleaseIds().Single();

        var review = await s.CloneAs("Carol CTO", "carol@example.com").RunAsync(["audit", "review", id, "--note", "https://wiki.example.com/pm/42"]);

        Assert.True(review.Code == ExitCode.Success, review.Output);
        var chain = RecordFiles.ChainIds(s.OriginFiles("compliance-archives", "releases"));
        var record = JsonDocument.Parse(s.OriginFile("compliance-archives", $"releases/{chain[^1]}.json")).RootElement;
        Assert.Equal("review", record.GetProperty("kind").GetString());
        Assert.Equal(id, record.GetProperty("reviews_release").GetString());
        Assert.Equal("Carol CTO", record.GetProperty("reviewed_by").GetString());
        Assert.Equal("carol@example.com", record.GetProperty("reviewed_by_email").GetString());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("reviewed_by_login").ValueKind);
        Assert.False(record.TryGetProperty("direct_pushes", out var _));
        var verify = await s.Runner.RunAsync(["audit", "verify"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output);
        Assert.Contains("[x] Reviews by someone other than the releaser or the commit's author", verify.Output);
    }

    [Fact]
    public async Task A_review_by_the_releaser_already_in_the_trail_fails_verify_and_does_not_count()
    {
        using var s = await EmergencyReleaseAsync();
        var id = s.ReleaseIds().Single();
        // What `--by` allowed: the releaser recorded a review naming someone else.
        var selfReview = AppendToTrail(s, (previous, reviewId) => new ReviewRecord
        {
            ReviewId = reviewId,
            ReviewsRelease = id,
            Timestamp = RecordFiles.RecordTime(DateTimeOffset.UtcNow.AddMinutes(1)),
            ReviewedBy = "Carol CTO",
            Note = "ok",
            RecordedBy = "Rita Releaser",
            RecordedByEmail = "rita@example.com",
            Tool = new ToolInfo("shipgate", "0.1.0"),
            PreviousRelease = previous,
        });

        var result = await s.Runner.RunAsync(["audit", "verify", "--json"]);

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        var problem = Assert.Single(Problems(result, "independence"));
        Assert.StartsWith($"{selfReview} reviews {id}, but rita@example.com released it", problem);
        var emergency = Assert.Single(Verdict(result).GetProperty("emergencies").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, emergency.GetProperty("review_id").ValueKind);
        Assert.Empty(Problems(result, "schema"));
        Assert.Empty(Problems(result, "chain"));
    }

    [Fact]
    public async Task The_releasers_GitHub_login_cannot_review_under_another_email_and_another_login_can()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);
        var release = await r.ReleaseAsync("--emergency", "checkout is down");
        Assert.True(release.Code == ExitCode.Success, release.Output);
        var id = r.Scenario.ReleaseIds().Single();
        var before = r.Scenario.OriginRefs();

        var sameLogin = r.Scenario.CloneAs("Rita (other machine)", "rita.personal@example.net");
        foreach (var (key, value) in r.Scenario.Runner.Environment) sameLogin.Environment[key] = value;
        var refused = await sameLogin.RunAsync(["audit", "review", id, "--note", "ok"]);

        Assert.Equal(ExitCode.Blocked, refused.Code);
        Assert.Contains($"GitHub user @{GitHubRelease.Login} released it", Flat(refused));
        Assert.DoesNotContain(GitHubRelease.Token, refused.Output);
        Assert.Equal(before, r.Scenario.OriginRefs());

        const string carolToken = "ghp_CarolToken0123456789abcdefSECRET";
        r.GitHub.Update(state => state.Tokens[carolToken] = "carol-cto");
        var carol = r.Scenario.CloneAs("Carol CTO", "carol@example.com");
        foreach (var (key, value) in r.Scenario.Runner.Environment) carol.Environment[key] = value;
        carol.Environment["GH_TOKEN"] = carolToken;
        var accepted = await carol.RunAsync(["audit", "review", id, "--note", "https://wiki.example.com/pm/7"]);

        Assert.True(accepted.Code == ExitCode.Success, accepted.Output);
        var chain = RecordFiles.ChainIds(r.Scenario.OriginFiles("compliance-archives", "releases"));
        var record = JsonDocument.Parse(r.Scenario.OriginFile("compliance-archives", $"releases/{chain[^1]}.json")).RootElement;
        Assert.Equal("carol-cto", record.GetProperty("reviewed_by_login").GetString());
        Assert.DoesNotContain(carolToken, accepted.Output);
        GitHubRelease.AssertWireClean(r.GitHub);
    }

    [Fact]
    public async Task A_direct_push_acknowledged_by_someone_else_passes_verify_and_is_listed_and_reported()
    {
        using var s = new ReleaseScenario(Scenarios.RichWithUnprovenReviews);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        var hotfix = s.Git.DirectCommit("main", "hotfix: restart the queue", new() { ["ops/queue.txt"] = "restart\n" });
        Assert.Equal(ExitCode.TrailBroken, (await s.Runner.RunAsync(["audit", "verify"])).Code);

        var review = await s.CloneAs("Carol CTO", "carol@example.com")
            .RunAsync(["audit", "review", "--direct-push", hotfix[..10], "--note", "incident INC-12: queue stuck, restart was right"]);

        Assert.True(review.Code == ExitCode.Success, review.Output);
        var chain = RecordFiles.ChainIds(s.OriginFiles("compliance-archives", "releases"));
        var record = JsonDocument.Parse(s.OriginFile("compliance-archives", $"releases/{chain[^1]}.json")).RootElement;
        Assert.Equal("direct_push_review", record.GetProperty("kind").GetString());
        Assert.False(record.TryGetProperty("reviews_release", out var _));
        var push = Assert.Single(record.GetProperty("direct_pushes").EnumerateArray());
        Assert.Equal(hotfix, push.GetProperty("sha").GetString());
        Assert.Equal("dana@example.com", push.GetProperty("author_email").GetString());

        var verify = await s.Runner.RunAsync(["audit", "verify"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output);
        Assert.Contains($"note: direct push {hotfix[..7]} \"hotfix: restart the queue\" by Dana Developer is a reviewed exception: " +
            $"acknowledged in {chain[^1]} by Carol CTO.", Flat(verify));
        var json = Verdict(await s.Runner.RunAsync(["audit", "verify", "--json"]));
        Assert.Empty(json.GetProperty("direct_pushes").EnumerateArray());
        Assert.Equal(hotfix, Assert.Single(json.GetProperty("reviewed_direct_pushes").EnumerateArray()).GetProperty("sha").GetString());

        var day = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd");
        foreach (var format in new[] { "md", "csv", "html" })
        {
            var file = Path.Combine(s.Folder, "evidence." + format);
            var report = await s.Runner.RunAsync(["audit", "report", "--since", day, "--until", day, "--format", format, "--out", file]);
            Assert.True(report.Code == ExitCode.Success, report.Output);
            var text = File.ReadAllText(file);
            Assert.Contains(format == "html" ? hotfix : hotfix[..7], text);
            Assert.Contains("hotfix: restart the queue", text);
            Assert.Contains("Carol CTO", text);
            Assert.Contains(chain[^1], text);
        }
    }

    [Fact]
    public async Task The_author_of_a_direct_push_cannot_acknowledge_it()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        var hotfix = s.Git.DirectCommit("main", "hotfix: restart the queue", new() { ["ops/queue.txt"] = "restart\n" });
        var before = s.OriginRefs();

        var result = await s.CloneAs("Dana Developer", "DANA@example.com").RunAsync(["audit", "review", "--direct-push", hotfix, "--note", "mine, fine"]);

        Assert.Equal(ExitCode.Blocked, result.Code);
        Assert.Contains($"you cannot acknowledge {hotfix[..7]} \"hotfix: restart the queue\"", Flat(result));
        Assert.Equal(before, s.OriginRefs());
    }

    [Fact]
    public async Task An_acknowledgement_by_the_author_already_in_the_trail_fails_verify()
    {
        // Under a policy that lets a review unproven by anything count: only the author rule can refuse it.
        using var s = new ReleaseScenario(Scenarios.RichWithUnprovenReviews);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        var hotfix = s.Git.DirectCommit("main", "hotfix: restart the queue", new() { ["ops/queue.txt"] = "restart\n" });
        var forged = AppendToTrail(s, (previous, reviewId) => new ReviewRecord
        {
            Kind = ReviewKind.DirectPushReview,
            ReviewId = reviewId,
            Timestamp = RecordFiles.RecordTime(DateTimeOffset.UtcNow.AddMinutes(1)),
            ReviewedBy = "Dana Developer",
            ReviewedByEmail = "dana@example.com",
            Note = "mine, fine",
            RecordedBy = "Dana Developer",
            RecordedByEmail = "dana@example.com",
            Tool = new ToolInfo("shipgate", "0.1.0"),
            PreviousRelease = previous,
            DirectPushes = [new RecordDirectPush(hotfix, "hotfix: restart the queue", "Dana Developer", "dana@example.com")],
        });

        var result = await s.Runner.RunAsync(["audit", "verify", "--json"]);

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        Assert.StartsWith($"{forged} acknowledges {hotfix[..7]}", Assert.Single(Problems(result, "independence")));
        Assert.Equal(hotfix, Assert.Single(Verdict(result).GetProperty("direct_pushes").EnumerateArray()).GetProperty("sha").GetString());
    }

    [Fact]
    public async Task Acknowledging_what_is_no_direct_push_is_a_usage_error_naming_what_it_is()
    {
        using var s = new ReleaseScenario(Scenarios.RichWithUnprovenReviews);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        var released = s.Git.RemoteSha("main");
        var hotfix = s.Git.DirectCommit("main", "hotfix", new() { ["ops/q.txt"] = "q\n" });
        var carol = s.CloneAs("Carol CTO", "carol@example.com");
        Assert.Equal(ExitCode.Success, (await carol.RunAsync(["audit", "review", "--direct-push", hotfix, "--note", "ok"])).Code);
        var before = s.OriginRefs();

        var releasedCommit = await carol.RunAsync(["audit", "review", "--direct-push", released, "--note", "ok"]);
        var again = await carol.RunAsync(["audit", "review", "--direct-push", hotfix, "--note", "ok"]);
        var unknown = await carol.RunAsync(["audit", "review", "--direct-push", "0123456789abcdef", "--note", "ok"]);

        Assert.Equal(ExitCode.Usage, releasedCommit.Code);
        Assert.Contains("was released with a release record", Flat(releasedCommit));
        Assert.Equal(ExitCode.Usage, again.Code);
        Assert.Contains("was already acknowledged in review-", Flat(again));
        Assert.Equal(ExitCode.Usage, unknown.Code);
        Assert.Contains("is not a commit of main since the first release", Flat(unknown));
        Assert.Equal(before, s.OriginRefs());
    }
}
