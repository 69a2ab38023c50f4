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
/// GitHub as the trail's witness: real releases pushed to a bare origin whose pushes the GitHub emulator lists as the
/// repository activity API does; what the trail alone cannot show (a forged record, a rewritten archive branch, a
/// deleted branch) is caught by who pushed what, and an intact trail says it is witnessed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WitnessTests
{
    private const string Mallory = "mallory";

    /// <summary>Two releases by rita-releaser through the emulator; every push from then on logged by the origin.</summary>
    internal sealed class Witnessed : IAsyncDisposable
    {
        private DateTimeOffset _at = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        private long _checks;

        private Witnessed(GitHubRelease release) => Release = release;

        public GitHubRelease Release { get; }
        public ReleaseScenario S => Release.Scenario;
        public GitScenario Git => S.Git;

        public static async Task<Witnessed> StartAsync()
        {
            var release = await GitHubRelease.StartAsync(git => Scenarios.Configure(git, GitHubRelease.Config()), (_, _) => { });
            var witnessed = new Witnessed(release);
            PushWitness.Install(release.Scenario.Git.Origin);
            release.GitHub.Update(state => state.Repository("acme/demo").WitnessedOrigin = release.Scenario.Git.Origin);
            for (var n = 1; n <= 2; n++) await witnessed.ReleaseAsync(n);
            return witnessed;
        }

        /// <summary>The next pushes are by <paramref name="login"/> (null: GitHub names no actor), a minute later than the last.</summary>
        public DateTimeOffset As(string? login)
        {
            _at = _at.AddMinutes(1);
            PushWitness.PushAs(Git.Origin, login, _at);
            return _at;
        }

        private async Task ReleaseAsync(int n)
        {
            As("dana");
            var head = Git.DirectCommit("staging", $"BOL-{n}: change {n}", new() { [$"web/change{n}.ts"] = $"{n}\n" });
            Release.GitHub.Update(state => state.Repository("acme/demo").CheckRuns.Add(new CheckRunFixture(++_checks, head, "build")));
            S.Git.UpdateReleaser();
            As(GitHubRelease.Login);
            var result = await Release.ReleaseAsync();
            Assert.True(result.Code == ExitCode.Success, result.Output);
        }

        public Task<RunResult> VerifyAsync(params string[] extra) => S.Runner.RunAsync(["audit", "verify", .. extra]);

        public async Task<RunResult> OfflineAsync(params string[] extra)
        {
            var token = S.Runner.Environment["GH_TOKEN"];
            S.Runner.Environment["GH_TOKEN"] = null;
            try
            {
                return await VerifyAsync(extra);
            }
            finally
            {
                S.Runner.Environment["GH_TOKEN"] = token;
            }
        }

        public ValueTask DisposeAsync() => Release.DisposeAsync();
    }

    internal static JsonElement Json(RunResult result)
    {
        Assert.Empty(RecordSchemas.ValidateVerify(Encoding.UTF8.GetBytes(result.Stdout)));
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    internal static List<string> Problems(JsonElement verdict) =>
        verdict.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("message").GetString()!).ToList();

    internal static string Short(string sha) => sha[..7];

    /// <summary>The output as one line: the console wraps long lines.</summary>
    internal static string Flat(RunResult result) => System.Text.RegularExpressions.Regex.Replace(result.Output, @"\s+", " ");

    internal static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss") + " UTC";

    [Fact]
    public async Task An_intact_trail_is_witnessed_record_by_record()
    {
        await using var w = await Witnessed.StartAsync();

        var text = await w.VerifyAsync();
        var json = await w.VerifyAsync("--json", "--require-witness");

        Assert.True(text.Code == ExitCode.Success, text.Output);
        Assert.Contains("Witness: witnessed: GitHub's record of pushes bears out every record (GitHub answered for pushes since 2026-11-02", Flat(text));
        Assert.Contains("PASS: the audit trail is intact.", text.Output);
        Assert.Equal(ExitCode.Success, json.Code);
        var witness = Json(json).GetProperty("witness");
        Assert.Equal("witnessed", witness.GetProperty("status").GetString());
        var records = witness.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(w.S.ReleaseIds(), records.Select(r => r.GetProperty("record").GetString()));
        Assert.All(records, r => Assert.True(r.GetProperty("witnessed").GetBoolean()));
        Assert.Contains(w.Release.GitHub.Requests, r => r.Path.EndsWith("/activity", StringComparison.Ordinal) && r.Query.Contains("compliance-archives"));
        GitHubRelease.AssertWireClean(w.Release.GitHub);
    }

    [Fact]
    public async Task Without_a_token_the_trail_is_not_witnessed_and_require_witness_fails_it()
    {
        await using var w = await Witnessed.StartAsync();

        var text = await w.OfflineAsync();
        var json = await w.OfflineAsync("--json");
        var strict = await w.OfflineAsync("--require-witness");

        Assert.True(text.Code == ExitCode.Success, text.Output);
        Assert.Contains("Witness: not witnessed: no GitHub token", Flat(text));
        Assert.Contains("PASS: the audit trail is intact.", text.Output);
        var witness = Json(json).GetProperty("witness");
        Assert.Equal("not_witnessed", witness.GetProperty("status").GetString());
        Assert.StartsWith("no GitHub token", witness.GetProperty("not_asked_reason").GetString());
        Assert.Equal(ExitCode.TrailBroken, strict.Code);
        Assert.Contains("FAIL: --require-witness, and the trail is not witnessed.", strict.Output);
    }

    [Fact]
    public async Task A_record_forged_for_a_direct_push_passes_offline_and_fails_witnessed_naming_the_push()
    {
        await using var w = await Witnessed.StartAsync();
        var lastId = w.S.ReleaseIds()[^1];
        var lastBytes = w.S.OriginFile("compliance-archives", $"releases/{lastId}.json");
        var last = RecordFiles.FromJsonBytes(lastBytes)!;
        var at = w.As(Mallory);
        var pushed = w.Git.DirectCommit("main", "Quick fix", new() { ["web/backdoor.ts"] = "open\n" });
        var forgedId = "release-" + last.Timestamp.AddHours(1).UtcDateTime.ToString("yyyy-MM-dd-HHmmss");
        var forged = last with
        {
            ReleaseId = forgedId,
            Timestamp = last.Timestamp.AddHours(1),
            FromSha = last.ToSha,
            ToSha = pushed,
            Tag = ReleaseTag.RefName(forgedId),
            PreviousRelease = new PreviousRelease(lastId, RecordFiles.Sha256Hex(lastBytes)),
        };
        var forgedBytes = RecordFiles.ToJsonBytes(forged);
        VerifyTests.Tamper(w.S, "record release", dev => File.WriteAllBytes(Path.Combine(dev, "releases", forgedId + ".json"), forgedBytes));
        var message = ReleaseTag.Message(forged, forgedBytes, "compliance-archives");
        w.Git.Dev("tag", "-a", forgedId, "-m", message, pushed);
        w.Git.Dev("push", "--quiet", "origin", forgedId);

        var offline = await w.OfflineAsync();
        var witnessed = await w.VerifyAsync("--json");

        Assert.True(offline.Code == ExitCode.Success, offline.Output); // the hole: the trail alone cannot tell
        Assert.Equal(ExitCode.TrailBroken, witnessed.Code);
        var verdict = Json(witnessed);
        Assert.False(verdict.GetProperty("ok").GetBoolean());
        Assert.Equal("broken", verdict.GetProperty("witness").GetProperty("status").GetString());
        var problems = Problems(verdict);
        Assert.Contains($"main was moved from {Short(last.ToSha)} to {Short(pushed)} by {Mallory} at {Stamp(at)} (push) for {forgedId}, " +
            $"but the record says {GitHubRelease.Login} released it.", problems);
        Assert.Contains($"{forgedId} was pushed to compliance-archives by {Mallory} at {Stamp(at)}, but the record names {GitHubRelease.Login}.", problems);
        GitHubRelease.AssertWireClean(w.Release.GitHub);
    }

    [Fact]
    public async Task A_force_push_of_the_archive_branch_that_rewrites_released_by_fails_with_who_and_when()
    {
        await using var w = await Witnessed.StartAsync();
        var lastId = w.S.ReleaseIds()[^1];
        var record = RecordFiles.FromJsonBytes(w.S.OriginFile("compliance-archives", $"releases/{lastId}.json"))! with { ReleasedBy = "Mallory" };
        var bytes = RecordFiles.ToJsonBytes(record);
        var at = w.As(Mallory);
        var dev = w.Git.Developer;
        GitScenario.Run(dev, "fetch", "--quiet", "origin", "compliance-archives");
        GitScenario.Run(dev, "checkout", "--quiet", "-B", "compliance-archives", "FETCH_HEAD~1");
        GitScenario.Run(dev, "checkout", "FETCH_HEAD", "--", $"releases/{lastId}.md");
        File.WriteAllBytes(Path.Combine(dev, "releases", lastId + ".json"), bytes);
        GitScenario.Run(dev, "add", "-A");
        GitScenario.Run(dev, "commit", "--quiet", "-m", $"Release {lastId}");
        GitScenario.Run(dev, "push", "--quiet", "--force", "origin", "compliance-archives");
        GitScenario.Run(dev, "checkout", "--quiet", "-f", "staging");
        w.Git.Dev("tag", "-f", "-a", lastId, "-m", ReleaseTag.Message(record, bytes, "compliance-archives"), record.ToSha);
        w.Git.Dev("push", "--quiet", "--force", "origin", lastId);

        var offline = await w.OfflineAsync();
        var witnessed = await w.VerifyAsync("--json");

        Assert.True(offline.Code == ExitCode.Success, offline.Output); // the hole: the trail alone cannot tell
        Assert.Equal(ExitCode.TrailBroken, witnessed.Code);
        Assert.Contains(Problems(Json(witnessed)), p => p.StartsWith("compliance-archives was force-pushed from ", StringComparison.Ordinal)
            && p.EndsWith($" by {Mallory} at {Stamp(at)} (GitHub's activity force_push).", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_direct_push_is_a_break_until_someone_else_acknowledges_it_and_then_the_review_is_witnessed_too()
    {
        await using var w = await Witnessed.StartAsync();
        const string samToken = "ghp_SamsOwnToken0123456789abcdefSECRET";
        w.Release.GitHub.Update(state => state.Tokens[samToken] = "sam");
        var at = w.As("dana");
        var before = w.Git.RemoteSha("main");
        var hotfix = w.Git.DirectCommit("main", "hotfix: restart queue", new() { ["ops/queue.txt"] = "restart\n" });

        var unacknowledged = await w.VerifyAsync("--json");
        var sam = w.S.CloneAs("Sam Reviewer", "sam@example.com");
        sam.Environment["GITHUB_API_URL"] = w.Release.GitHub.ApiUrl;
        sam.Environment["GH_TOKEN"] = samToken;
        w.As("sam");
        var review = await sam.RunAsync(["audit", "review", "--direct-push", hotfix, "--note", "INC-7: restart was right"]);
        var acknowledged = await w.VerifyAsync("--json", "--require-witness");

        Assert.Equal(ExitCode.TrailBroken, unacknowledged.Code);
        Assert.Contains($"main was moved from {Short(before)} to {Short(hotfix)} by dana at {Stamp(at)} (push): neither a release's push nor a change " +
            "a review acknowledges. Someone other than the pusher can acknowledge it: shipgate audit review --direct-push <sha>… --note <text>.",
            Problems(Json(unacknowledged)));
        Assert.True(review.Code == ExitCode.Success, review.Output);
        Assert.True(acknowledged.Code == ExitCode.Success, acknowledged.Output);
        var witness = Json(acknowledged).GetProperty("witness");
        Assert.Equal("witnessed", witness.GetProperty("status").GetString());
        Assert.Equal(3, witness.GetProperty("records").EnumerateArray().Count(r => r.GetProperty("witnessed").GetBoolean()));
    }

    [Fact]
    public async Task A_deleted_and_restored_archive_branch_fails_naming_the_deletion()
    {
        await using var w = await Witnessed.StartAsync();
        var tip = w.Git.RemoteSha("compliance-archives");
        w.Git.Dev("fetch", "--quiet", "origin", "compliance-archives");
        var at = w.As(Mallory);
        w.Git.Dev("push", "--quiet", "origin", "--delete", "compliance-archives");
        w.As(null);
        w.Git.Dev("push", "--quiet", "origin", $"{tip}:refs/heads/compliance-archives");

        var offline = await w.OfflineAsync();
        var witnessed = await w.VerifyAsync();

        Assert.True(offline.Code == ExitCode.Success, offline.Output); // the same commits again: the trail alone cannot tell
        Assert.Equal(ExitCode.TrailBroken, witnessed.Code);
        Assert.Contains($"compliance-archives was deleted by {Mallory} at {Stamp(at)} (GitHub's activity branch_deletion).", Flat(witnessed));
        Assert.Contains("FAIL: the audit trail is broken", witnessed.Output);
    }
    [Fact]
    public async Task Across_the_organisation_each_repositorys_witness_is_asked_and_require_witness_holds_every_one_to_it()
    {
        await using var w = await Witnessed.StartAsync();
        var repos = Path.Combine(w.S.Folder, "repos.txt");
        File.WriteAllText(repos, "repo/origin.git\n");
        w.S.Runner.Environment["XDG_CACHE_HOME"] = Path.Combine(w.S.Folder, "cache");

        var intact = await w.VerifyAsync("--repos", repos, "--json", "--require-witness");
        w.Git.Dev("fetch", "--quiet", "origin", "compliance-archives");
        var at = w.As(Mallory);
        w.Git.Dev("push", "--quiet", "--force", "origin", "FETCH_HEAD~1:refs/heads/compliance-archives");
        var rewound = await w.VerifyAsync("--repos", repos, "--json");

        Assert.True(intact.Code == ExitCode.Success, intact.Output);
        Assert.Empty(RecordSchemas.ValidateVerifyOrg(Encoding.UTF8.GetBytes(intact.Stdout)));
        var repository = JsonDocument.Parse(intact.Stdout).RootElement.GetProperty("repositories")[0];
        Assert.Equal(("intact", "witnessed"), (repository.GetProperty("status").GetString(), repository.GetProperty("witness").GetString()));
        Assert.Equal(ExitCode.TrailBroken, rewound.Code);
        var broken = JsonDocument.Parse(rewound.Stdout).RootElement.GetProperty("repositories")[0];
        Assert.Equal("broken", broken.GetProperty("witness").GetString());
        Assert.Contains(broken.GetProperty("problems").EnumerateArray(), p => p.GetProperty("message").GetString()!
            .EndsWith($"by {Mallory} at {Stamp(at)} (GitHub's activity force_push).", StringComparison.Ordinal));
    }
}
