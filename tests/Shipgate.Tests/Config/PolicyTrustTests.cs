using System.Text.RegularExpressions;
using Shipgate.Emulators;
using Shipgate.Tests.GitHub;
using Shipgate.Tests.Linear;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Config;

/// <summary>
/// Issue 8, point 1 and 2, as an attacker would try them: a pull request merged into staging, and an
/// uncommitted edit, that point the API URLs at an "attacker" emulator on another port and drop the
/// required checks. GitHub and Linear are real emulators on 127.0.0.1; the attacker must see nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PolicyTrustTests : IAsyncLifetime
{
    private GitHubEmulator _gitHub = null!;
    private GitHubEmulator _attacker = null!;
    private LinearEmulator _linear = null!;

    public async Task InitializeAsync()
    {
        _gitHub = await GitHubEmulator.StartAsync(new GitHubFixture { Tokens = { [GitHubRelease.Token] = GitHubRelease.Login } });
        _attacker = await GitHubEmulator.StartAsync(new GitHubFixture { Tokens = { [GitHubRelease.Token] = "attacker-accepts-anything" } });
        _linear = await LinearEmulator.StartAsync(LinearWorld.RichWorkspace());
    }

    public async Task DisposeAsync()
    {
        await _gitHub.DisposeAsync();
        await _attacker.DisposeAsync();
        await _linear.DisposeAsync();
    }

    private static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");

    private static string Policy(string gitHubApi, string linearApi, string requiredChecks) => Scenarios.Config + $"""

        github:
          repository: acme/demo
          api_url: {gitHubApi}
          required_checks: {requiredChecks}
        linear:
          api_url: {linearApi}
        """;

    /// <summary>What the attacker's PR and working-tree edit say: their own host for both APIs, and no required checks.</summary>
    private string Hostile => Policy(_attacker.ApiUrl, _attacker.ApiUrl + "/graphql", "[]");

    /// <summary>Both GitHubs know the repository; the real one has CI red on staging's head, the attacker's green.</summary>
    private void SeedCi(ReleaseScenario s, string realConclusion)
    {
        var head = s.Git.RemoteSha("staging");
        foreach (var (gitHub, conclusion) in new[] { (_gitHub, realConclusion), (_attacker, "success") })
        {
            gitHub.Update(state => state.Repositories.Add(new RepositoryFixture
            {
                Owner = GitHubRelease.Owner,
                Name = GitHubRelease.Name,
                Branches = { ["staging"] = head, ["main"] = s.Git.RemoteSha("main") },
                CheckRuns = { new CheckRunFixture(1, head, "build", Conclusion: conclusion) },
                WorkflowRuns = { new WorkflowRunFixture(9001, "Deploy production", head, "main") },
            }));
        }
    }

    private static void Connect(ReleaseScenario s)
    {
        s.Runner.Environment["GH_TOKEN"] = GitHubRelease.Token;
        s.Runner.Environment["LINEAR_API_KEY"] = LinearWorld.ApiKey;
        // Fake time: the deployment check's polls pass at once.
        s.Runner.Clock = new SteppingClock();
    }

    [Fact]
    public async Task A_merged_PR_and_an_uncommitted_edit_cannot_redirect_the_tokens_or_drop_the_checks()
    {
        using var s = new ReleaseScenario(git =>
        {
            Scenarios.Configure(git, Policy(_gitHub.ApiUrl, _linear.Url, "[build]"));
            git.SquashPullRequest(10, "BOL-1: Login page", new() { ["web/login.ts"] = "form\n" });
            git.MergePullRequest(66, "dev/bol-9-faster-ci", "BOL-9: Faster CI", ("Faster CI", new() { [".shipgate.yml"] = Hostile + "\n" }));
        });
        File.WriteAllText(Path.Combine(s.Git.Releaser, ".shipgate.yml"), Hostile + "\n");
        SeedCi(s, realConclusion: "failure");
        Connect(s);
        var originBefore = s.OriginRefs();

        var dryRun = await s.Runner.RunAsync(["release", "--dry-run"]);
        var release = await s.Runner.RunAsync(["release"]);

        foreach (var result in new[] { dryRun, release })
        {
            Assert.True(result.Code == ExitCode.Blocked, result.Output);
            Assert.Contains("BLOCKED: CI checks have not passed on staging.", result.Output);
            Assert.Contains("- build: failure", result.Output);
            Assert.Contains("RELEASE POLICY CHANGES", result.Output);
            Assert.Contains("this one is checked by origin/main:.shipgate.yml", Flat(result));
            var lines = result.Output.Split('\n');
            string[] diff = [$"-  api_url: {_gitHub.ApiUrl}", $"+  api_url: {_attacker.ApiUrl}", "-  required_checks: [build]", "+  required_checks: []"];
            Assert.All(diff, line => Assert.Contains(line, lines));
            Assert.DoesNotContain("CONFIRM RELEASE", result.Output);
        }
        Assert.Empty(_attacker.Requests);
        Assert.Equal(2, _gitHub.Requests.Count(r => r.Path.EndsWith("/check-runs", StringComparison.Ordinal)));
        Assert.Equal(originBefore, s.OriginRefs());
    }

    [Fact]
    public async Task An_emergency_release_past_red_CI_still_talks_only_to_the_released_policys_hosts_and_records_that_policy()
    {
        using var s = new ReleaseScenario(git =>
        {
            Scenarios.Configure(git, Policy(_gitHub.ApiUrl, _linear.Url, "[build]"));
            git.SquashPullRequest(10, "BOL-1: Login page", new() { ["web/login.ts"] = "form\n" });
            git.MergePullRequest(66, "dev/bol-9-faster-ci", "BOL-9: Faster CI", ("Faster CI", new() { [".shipgate.yml"] = Hostile + "\n" }));
        });
        var releasedBlob = s.PolicyBlob("main");
        SeedCi(s, realConclusion: "failure");
        Connect(s);

        var result = await s.Runner.RunAsync(["release", "--emergency", "payments are down"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Empty(_attacker.Requests);
        Assert.NotEmpty(_linear.Requests);
        Assert.Contains(_linear.State.Comments, c => c.Body.Contains(s.ReleaseIds()[^1]));
        var policy = s.LastRecord().GetProperty("policy");
        Assert.Equal(releasedBlob, policy.GetProperty("source").GetProperty("blob_sha").GetString());
        Assert.Equal(["build"], policy.GetProperty("required_checks").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal((_gitHub.ApiUrl, _linear.Url), (policy.GetProperty("github_api_url").GetString(), policy.GetProperty("linear_api_url").GetString()));
        Assert.True(policy.GetProperty("changed_in_release").GetBoolean());
    }

    [Fact]
    public async Task Before_the_first_release_stagings_file_cannot_name_where_tokens_go_and_the_environment_overrides_it()
    {
        using var s = new ReleaseScenario(git =>
        {
            git.SquashPullRequest(7, "BOL-1: Configure Shipgate", new() { [".shipgate.yml"] = Hostile + "\n" });
            git.SquashPullRequest(10, "BOL-50: Login page", new() { ["web/login.ts"] = "form\n" });
        });
        SeedCi(s, realConclusion: "success");
        // The PR that adds the policy is a release control change: GitHub knows it, approved on its head by someone else.
        _gitHub.Update(state => state.Repository($"{GitHubRelease.Owner}/{GitHubRelease.Name}").PullRequests.Add(
            new PullRequestFixture(7, "BOL-1: Configure Shipgate", "dana", "dev/bol-1-configure") { Reviews = [GitHubStory.Approval("sam")] }));
        Connect(s);

        var refused = await s.Runner.RunAsync(["release", "--dry-run"]);

        Assert.True(refused.Code == ExitCode.Usage, refused.Output);
        Assert.Contains($"Refusing to send a GitHub token to {_attacker.ApiUrl} (github.api_url in origin/staging:.shipgate.yml).", Flat(refused));
        Assert.Contains("set GITHUB_API_URL", Flat(refused));
        Assert.Empty(_attacker.Requests);
        Assert.Empty(_gitHub.Requests);

        s.Runner.Environment["GITHUB_API_URL"] = _gitHub.ApiUrl;
        s.Runner.Environment["LINEAR_API_URL"] = _linear.Url;
        var pointed = await s.Runner.RunAsync(["release", "--dry-run"]);

        Assert.True(pointed.Code == ExitCode.Success, pointed.Output);
        Assert.Contains("main has no .shipgate.yml yet, so staging's committed file is used", Flat(pointed));
        Assert.Contains("[x] CI passing on staging", pointed.Output);
        Assert.Contains("[ ] Release policy unchanged - this release adds .shipgate.yml", Flat(pointed));
        Assert.Empty(_attacker.Requests);
        Assert.Contains(_gitHub.Requests, r => r.Path.EndsWith("/check-runs", StringComparison.Ordinal));
        Assert.NotEmpty(_linear.Requests);
    }

    /// <summary>A released policy naming <paramref name="named"/>, and the operator's environment naming the real GitHub and Linear.</summary>
    private ReleaseScenario PolicyOverriddenByTheEnvironment(GitHubEmulator named)
    {
        var s = new ReleaseScenario(git =>
        {
            Scenarios.Configure(git, Policy(named.ApiUrl, named.ApiUrl + "/graphql", "[build]"));
            git.SquashPullRequest(10, "BOL-1: Login page", new() { ["web/login.ts"] = "form\n" });
        });
        SeedCi(s, realConclusion: "success");
        Connect(s);
        s.Runner.Environment["GITHUB_API_URL"] = _gitHub.ApiUrl;
        s.Runner.Environment["LINEAR_API_URL"] = _linear.Url;
        return s;
    }

    [Fact]
    public async Task The_operators_environment_wins_over_the_released_policy_for_every_endpoint()
    {
        await using var named = await GitHubEmulator.StartAsync(new GitHubFixture { Tokens = { [GitHubRelease.Token] = GitHubRelease.Login } });
        using var s = PolicyOverriddenByTheEnvironment(named);

        var result = await s.Runner.RunAsync(["release", "--dry-run"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("[x] CI passing on staging", result.Output);
        Assert.Empty(named.Requests);
        Assert.Empty(_attacker.Requests);
        Assert.Contains(_gitHub.Requests, r => r.Path.EndsWith("/check-runs", StringComparison.Ordinal));
        Assert.NotEmpty(_linear.Requests);
    }

    [Fact]
    public async Task The_record_names_the_servers_the_release_asked_and_what_named_them_when_the_environment_overrode_the_policy()
    {
        await using var named = await GitHubEmulator.StartAsync(new GitHubFixture { Tokens = { [GitHubRelease.Token] = GitHubRelease.Login } });
        using var s = PolicyOverriddenByTheEnvironment(named);

        var result = await s.Runner.RunAsync(["release"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var record = s.LastRecord();
        Assert.Equal(named.ApiUrl, record.GetProperty("policy").GetProperty("github_api_url").GetString());
        var services = record.GetProperty("services").EnumerateArray()
            .ToDictionary(e => e.GetProperty("service").GetString()!, e => (Url: e.GetProperty("url").GetString()!, NamedBy: e.GetProperty("named_by").GetString()!));
        Assert.Equal(["github", "github_graphql", "linear"], services.Keys.Order());
        Assert.Equal((new Uri(_gitHub.ApiUrl).AbsoluteUri, "GITHUB_API_URL"), services["github"]);
        Assert.Equal("derived from GITHUB_API_URL", services["github_graphql"].NamedBy);
        Assert.Equal((new Uri(_linear.Url).AbsoluteUri, "LINEAR_API_URL"), services["linear"]);
        var markdown = System.Text.Encoding.UTF8.GetString(s.OriginFile("compliance-archives", $"releases/{s.ReleaseIds()[^1]}.md"));
        Assert.Contains("## Services Asked", markdown);
        Assert.Contains($"(named by {Shipgate.Rendering.SafeText.Markdown("GITHUB_API_URL")})", markdown);
        Assert.Empty(named.Requests);
    }
}
