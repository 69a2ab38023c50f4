using System.Text;
using System.Text.Json;
using Shipgate.Audit;
using Shipgate.Emulators;
using Shipgate.Record;
using Shipgate.Testing;
using Shipgate.Tests.GitHub;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit;

/// <summary>
/// A release record's claims checked against GitHub, not only against itself: one real release of <see cref="GitHubStory"/>
/// (PR 10 merged, 108 squashed, 20 rebased, a hotfix pushed to staging) through the emulator; verify then asks GitHub what
/// the record says (its PRs and approvals, the PRs of the commits git ties to none, CI on its staging sha) and names
/// every claim GitHub contradicts. A record is forged the way an insider would: rewritten, its tag remade, so that the
/// trail alone still passes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClaimsWitnessTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The story released once; with <paramref name="pushes"/>, every push from the release on is logged for the activity API.</summary>
    internal static async Task<GitHubRelease> ReleasedAsync(bool pushes)
    {
        var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);
        if (pushes)
        {
            PushWitness.Install(r.Scenario.Git.Origin);
            r.GitHub.Update(state => state.Repository("acme/demo").WitnessedOrigin = r.Scenario.Git.Origin);
            PushWitness.PushAs(r.Scenario.Git.Origin, GitHubRelease.Login, At);
        }
        r.Scenario.Git.UpdateReleaser();
        var release = await r.ReleaseAsync();
        Assert.True(release.Code == ExitCode.Success, release.Output);
        return r;
    }

    /// <summary>Rewrites the latest record in place (its archive commit amended and force-pushed, its tag remade): offline, the trail still passes.</summary>
    internal static string Forge(GitHubRelease r, Func<ReleaseRecord, ReleaseRecord> change)
    {
        var s = r.Scenario;
        var id = s.ReleaseIds()[^1];
        var record = change(RecordFiles.FromJsonBytes(s.OriginFile("compliance-archives", $"releases/{id}.json"))!);
        var bytes = RecordFiles.ToJsonBytes(record);
        var dev = s.Git.Developer;
        GitScenario.Run(dev, "fetch", "--quiet", "origin", "compliance-archives");
        GitScenario.Run(dev, "checkout", "--quiet", "-B", "compliance-archives", "FETCH_HEAD");
        File.WriteAllBytes(Path.Combine(dev, "releases", id + ".json"), bytes);
        GitScenario.Run(dev, "add", "-A");
        GitScenario.Run(dev, "commit", "--quiet", "--amend", "--no-edit");
        GitScenario.Run(dev, "push", "--quiet", "--force", "origin", "compliance-archives");
        GitScenario.Run(dev, "checkout", "--quiet", "-f", "staging");
        s.Git.Dev("tag", "-f", "-a", id, "-m", ReleaseTag.Message(record, bytes, "compliance-archives"), record.ToSha);
        s.Git.Dev("push", "--quiet", "--force", "origin", id);
        return id;
    }

    internal static Task<RunResult> VerifyAsync(GitHubRelease r, params string[] extra) => r.Scenario.Runner.RunAsync(["audit", "verify", .. extra]);

    internal static async Task<RunResult> OfflineAsync(GitHubRelease r)
    {
        var token = r.Scenario.Runner.Environment["GH_TOKEN"];
        r.Scenario.Runner.Environment["GH_TOKEN"] = null;
        try
        {
            return await VerifyAsync(r);
        }
        finally
        {
            r.Scenario.Runner.Environment["GH_TOKEN"] = token;
        }
    }

    internal static JsonElement Json(RunResult result)
    {
        Assert.Empty(RecordSchemas.ValidateVerify(Encoding.UTF8.GetBytes(result.Stdout)));
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    internal static List<(string? Check, string? Record, string Message)> Problems(JsonElement verdict) =>
        [.. verdict.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("check").GetString(), p.GetProperty("record").GetString(), p.GetProperty("message").GetString()!))];

    private static string Flat(RunResult result) => System.Text.RegularExpressions.Regex.Replace(result.Output, @"\s+", " ");

    [Fact]
    public async Task An_honest_record_is_borne_out_by_GitHub_and_asked_in_batches_not_per_record()
    {
        await using var r = await ReleasedAsync(pushes: true);
        var before = r.GitHub.Requests.Count;

        var json = await VerifyAsync(r, "--json", "--require-witness");
        var verifyRequests = r.GitHub.Requests.Skip(before).ToList();
        var text = await VerifyAsync(r);

        Assert.True(json.Code == ExitCode.Success, json.Output);
        var witness = Json(json).GetProperty("witness");
        Assert.Equal("witnessed", witness.GetProperty("status").GetString());
        var claims = witness.GetProperty("claims");
        Assert.Equal(JsonValueKind.Null, claims.GetProperty("not_checked_reason").ValueKind);
        Assert.Equal(1, claims.GetProperty("records").GetInt32());
        Assert.Equal(3, claims.GetProperty("pull_requests").GetInt32()); // 10, 108 and 20
        Assert.Equal(3, claims.GetProperty("commits").GetInt32()); // the two rebased commits and the hotfix: git ties them to no PR
        Assert.Equal(1, claims.GetProperty("ci_checked").GetInt32());
        Assert.Equal(0, claims.GetProperty("contradicted").GetInt32());
        Assert.True(text.Code == ExitCode.Success, text.Output);
        Assert.Contains("[x] GitHub bears out each release's pull requests, approvals, unspecced changes and CI", text.Output);
        Assert.Contains("claims: GitHub asked for 3 pull requests, the PRs of 3 commits and CI on 1 commit, for 1 release; 0 contradicted", Flat(text));
        // One verify: two GraphQL queries (PRs by number, commits' PRs), not one per PR or commit.
        Assert.Equal(2, verifyRequests.Count(q => q.Path == "/graphql"));
        GitHubRelease.AssertWireClean(r.GitHub);
    }

    [Fact]
    public async Task A_record_naming_an_approval_GitHub_does_not_have_is_broken_naming_the_PR_and_the_approver()
    {
        await using var r = await ReleasedAsync(pushes: false);
        // PR 108 was approved only by its author, dana: the forged record says sam approved it too.
        var id = Forge(r, record => record with
        {
            PullRequests = [.. record.PullRequests.Select(p => p.Number == 108 ? p with { Approvers = ["dana", "sam"], IndependentlyApproved = true } : p)],
        });

        var offline = await OfflineAsync(r);
        var witnessed = await VerifyAsync(r, "--json");
        var text = await VerifyAsync(r);

        Assert.True(offline.Code == ExitCode.Success, offline.Output); // the hole: the record agrees with itself
        Assert.Equal(ExitCode.TrailBroken, witnessed.Code);
        var verdict = Json(witnessed);
        Assert.False(verdict.GetProperty("ok").GetBoolean());
        Assert.Equal("broken", verdict.GetProperty("witness").GetProperty("status").GetString());
        var head = r.Repo.PullRequests.Single(p => p.Number == 108).HeadSha;
        Assert.Contains(("claims", id, $"{id} says sam approved PR #108, but GitHub has no approval by sam of its merged head {head[..7]}."), Problems(verdict));
        Assert.DoesNotContain(Problems(verdict), p => p.Message.Contains("dana approved", StringComparison.Ordinal));
        Assert.Equal(ExitCode.TrailBroken, text.Code);
        Assert.Contains("Witness: GitHub contradicts what the release records claim", Flat(text));
        Assert.Contains($"FAIL: the audit trail is broken (first broken record: {id}).", Flat(text));
    }

    [Fact]
    public async Task A_record_that_leaves_out_a_commit_GitHub_knows_no_PR_for_hides_an_unspecced_change()
    {
        await using var r = await ReleasedAsync(pushes: false);
        var hotfix = GitHubRelease.Sha(r.Scenario.Git, GitHubStory.HotFix);
        var id = Forge(r, record => record with { UnspeccedChanges = [.. record.UnspeccedChanges.Where(u => u.Reference != hotfix)] });

        var offline = await OfflineAsync(r);
        var witnessed = await VerifyAsync(r, "--json");

        Assert.True(offline.Code == ExitCode.Success, offline.Output);
        Assert.Equal(ExitCode.TrailBroken, witnessed.Code);
        Assert.Contains(("claims", id, $"{id} hides an unspecced change: commit {hotfix[..7]} \"{GitHubStory.HotFix}\" is in no pull request GitHub knows, " +
            "and the record does not list it among its unspecced changes."), Problems(Json(witnessed)));
    }

    [Fact]
    public async Task A_record_that_puts_a_commit_in_a_PR_GitHub_knows_no_PR_for_is_broken_naming_the_commit()
    {
        await using var r = await ReleasedAsync(pushes: false);
        var hotfix = GitHubRelease.Sha(r.Scenario.Git, GitHubStory.HotFix);
        // The hotfix dressed up as part of the rebased PR 20, and dropped from the unspecced changes.
        var id = Forge(r, record => record with
        {
            Commits = [.. record.Commits.Select(c => c.Sha == hotfix ? c with { PullRequest = 20 } : c)],
            UnspeccedChanges = [.. record.UnspeccedChanges.Where(u => u.Reference != hotfix)],
        });

        var witnessed = await VerifyAsync(r, "--json");

        Assert.Equal(ExitCode.TrailBroken, witnessed.Code);
        var problems = Problems(Json(witnessed));
        Assert.Contains(("claims", id, $"{id} calls commit {hotfix[..7]} part of PR #20, but GitHub knows no pull request for it."), problems);
        Assert.Single(problems, p => p.Check == "claims");
    }

    [Fact]
    public async Task CI_a_record_calls_green_that_GitHub_says_failed_on_its_staging_sha_breaks_the_trail()
    {
        await using var r = await ReleasedAsync(pushes: false);
        var id = r.Scenario.ReleaseIds()[^1];
        var staging = r.LastRecord().GetProperty("ci_status").GetProperty("staging_sha").GetString()!;
        Assert.Equal("success", r.LastRecord().GetProperty("ci_status").GetProperty("status").GetString());
        // GitHub's CI on that very commit: a check run that failed.
        r.GitHub.Update(state => state.Repository("acme/demo").CheckRuns.Add(new CheckRunFixture(77, staging, "security", Conclusion: "failure")));

        var witnessed = await VerifyAsync(r, "--json");

        Assert.Equal(ExitCode.TrailBroken, witnessed.Code);
        Assert.Contains(Problems(Json(witnessed)), p => p.Check == "claims" && p.Record == id &&
            p.Message.StartsWith($"{id} says CI passed on {staging[..7]}, but GitHub says it did not: ", StringComparison.Ordinal) &&
            p.Message.Contains("security", StringComparison.Ordinal));
    }
}
