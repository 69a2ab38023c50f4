using Shipgate.Config;
using Shipgate.Emulators;
using Shipgate.Onboarding;
using Shipgate.Testing;
using Shipgate.Tests.Linear;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Onboarding;

/// <summary><c>shipgate init</c> on real clones: what it finds, that the result loads, that it never overwrites.</summary>
[Trait("Category", "Integration")]
public sealed class InitTests
{
    private static string PolicyPath(ReleaseScenario s) => Path.Combine(s.Git.Releaser, ".shipgate.yml");

    [Fact]
    public async Task Init_writes_a_commented_policy_from_the_clone_that_loads_and_matches_the_schema()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        File.Delete(PolicyPath(s));

        var result = await s.Runner.RunAsync(["init"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var yaml = File.ReadAllText(PolicyPath(s));
        Assert.StartsWith(ConfigSchema.EditorLine + "\n", yaml);
        Assert.Empty(ConfigSchema.Problems(yaml));
        var config = ConfigLoader.Parse(yaml, ".shipgate.yml");
        Assert.Equal(("origin", "staging", "main"), (config.Remote, config.StagingBranch, config.ProductionBranch));
        var top = GitScenario.Run(s.Git.Releaser, "ls-tree", "-d", "--name-only", "HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(top.Order(), config.Areas.Select(a => a.Id).Order());
        Assert.All(config.Areas, a => Assert.Equal([a.Id + "/**"], a.Paths));
        Assert.Contains("LINEAR_API_KEY is not set", yaml);
        Assert.Contains("# ", yaml);
        Assert.Contains($"Wrote {PolicyPath(s)}", result.Output);
    }

    [Fact]
    public async Task Without_a_tracker_init_proposes_the_ticket_keys_that_recur_in_commit_messages_and_branch_names()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        File.Delete(PolicyPath(s));
        // Rich's history names BOL-407, BOL-9 and BOL-50, ENG-5 once, and UTF-8 and SHA-256; a branch adds a second ENG id.
        GitScenario.Run(s.Git.Releaser, "branch", "ENG-77-login-form");

        var result = await s.Runner.RunAsync(["init"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var yaml = File.ReadAllText(PolicyPath(s));
        Assert.Equal(["BOL", "ENG"], ConfigLoader.Parse(yaml, ".shipgate.yml").TicketKeys);
        Assert.Contains("recur in the last 300 commit messages and the branch names: check them", yaml);
    }

    [Fact]
    public async Task Init_never_overwrites_an_existing_policy()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        File.WriteAllText(PolicyPath(s), "remote: origin # mine\n");

        var result = await s.Runner.RunAsync(["init"]);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains("already exists; shipgate init never overwrites it", System.Text.RegularExpressions.Regex.Replace(result.Errors, @"\s+", " "));
        Assert.Equal("remote: origin # mine\n", File.ReadAllText(PolicyPath(s)));
    }

    [Fact]
    public async Task Init_names_the_GitHub_repository_and_Linears_team_keys()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        File.Delete(PolicyPath(s));
        GitScenario.Run(s.Git.Releaser, "remote", "set-url", "origin", "git@github.com:acme/service.git");
        await using var linear = await LinearEmulator.StartAsync(LinearWorld.Workspace([], "PAY", "OPS"));
        s.Runner.Environment["LINEAR_API_KEY"] = LinearWorld.ApiKey;
        s.Runner.Environment["LINEAR_API_URL"] = linear.Url;

        var result = await s.Runner.RunAsync(["init"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var config = ConfigLoader.Parse(File.ReadAllText(PolicyPath(s)), ".shipgate.yml");
        Assert.Equal("acme/service", config.GitHub.Repository);
        Assert.Equal(["OPS", "PAY"], config.TicketKeys.Order());
    }

    [Fact]
    public void A_draft_with_odd_names_still_loads()
    {
        var facts = new RepositoryFacts("up stream".Replace(" ", "-"), false, "prod", "intégration/été", false, null, null, "note",
            ["web app".Replace(" ", "_"), "a:b", "#hash"]);
        var yaml = PolicyDraft.Write(facts);
        var config = ConfigLoader.Parse(yaml, ".shipgate.yml");
        Assert.Equal(("up-stream", "intégration/été", "prod"), (config.Remote, config.StagingBranch, config.ProductionBranch));
        Assert.Equal(["web_app", "a:b", "#hash"], config.Areas.Select(a => a.Id));
        Assert.Contains("no such branch yet", yaml);
        Assert.Empty(ConfigSchema.Problems(yaml));
    }
}
