using Shipgate.Config;
using Shipgate.Emulators;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Jira;

/// <summary><c>shipgate doctor</c> and <c>shipgate init</c> with Jira played by the emulator.</summary>
[Trait("Category", "Integration")]
public sealed class JiraOnboardingTests
{
    private static ReleaseScenario Scenario(JiraEmulator jira, string config, string token = JiraWorld.ApiToken)
    {
        var s = new ReleaseScenario(git => Scenarios.Configure(git, config));
        s.Runner.Environment["JIRA_BASE_URL"] = jira.BaseUrl;
        s.Runner.Environment["JIRA_EMAIL"] = JiraWorld.Email;
        s.Runner.Environment["JIRA_API_TOKEN"] = token;
        return s;
    }

    [Fact]
    public async Task Doctor_checks_the_site_the_credentials_and_the_projects()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.SmallSite());
        using var s = Scenario(jira, "jira:\n  projects: [OPS, WEB]");

        var result = await s.Runner.RunAsync(["doctor"]);

        Assert.Contains($"[ok] Jira site: {jira.BaseUrl} answers", result.Output);
        Assert.Contains("[ok] Jira credentials: valid (account Release Bot)", result.Output);
        Assert.Contains("[ok] Jira projects: OPS, WEB are Jira projects the account can see", result.Output);
        Assert.DoesNotContain("Linear", result.Output); // Jira is the tracker: no Linear key is asked for
        Assert.DoesNotContain("[FAIL] tickets", result.Output);
        Assert.Single(JiraWorld.Calls(jira, "GET", "/rest/api/3/myself"));
        Assert.DoesNotContain(JiraWorld.ApiToken, result.Output);
        JiraWorld.AssertWireClean(jira);
    }

    [Fact]
    public async Task Doctor_fails_refused_credentials_and_unknown_projects_saying_what_to_do()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.SmallSite());
        using var refused = Scenario(jira, "jira:\n  projects: [OPS]", token: "stale-token-0042");
        using var unknown = Scenario(jira, "jira:\n  projects: [OPS, PAY]");

        var wrongToken = await refused.Runner.RunAsync(["doctor"]);
        var wrongProject = await unknown.Runner.RunAsync(["doctor"]);

        Assert.Equal(ExitCode.Error, wrongToken.Code);
        Assert.Contains("[FAIL] Jira credentials: ", wrongToken.Output);
        Assert.Contains("JIRA_API_TOKEN to a valid API token", wrongToken.Output);
        Assert.DoesNotContain("stale-token-0042", wrongToken.Output);
        Assert.Equal(ExitCode.Error, wrongProject.Code);
        Assert.Contains("[FAIL] Jira projects: jira.projects names PAY, which Jira does not show this account", wrongProject.Output);
    }

    [Fact]
    public async Task Doctor_without_credentials_says_which_variables_to_set_and_without_a_site_says_nothing_of_Jira()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.SmallSite());
        using var s = Scenario(jira, Scenarios.Config);
        s.Runner.Environment["JIRA_API_TOKEN"] = null;

        var missing = await s.Runner.RunAsync(["doctor"]);
        s.Runner.Environment["JIRA_BASE_URL"] = null;
        var none = await s.Runner.RunAsync(["doctor"]);

        Assert.Contains("[FAIL] Jira credentials: JIRA_API_TOKEN is not set. To fix: set JIRA_EMAIL and JIRA_API_TOKEN", missing.Output);
        Assert.DoesNotContain("Jira", none.Output);
        Assert.Empty(jira.Requests);
    }

    [Fact]
    public async Task Init_proposes_the_jira_section_with_the_projects_Jira_lists_when_JIRA_BASE_URL_is_set()
    {
        await using var jira = await JiraEmulator.StartAsync(JiraWorld.SmallSite());
        using var s = new ReleaseScenario();
        s.Runner.Environment["JIRA_BASE_URL"] = jira.BaseUrl;
        s.Runner.Environment["JIRA_EMAIL"] = JiraWorld.Email;
        s.Runner.Environment["JIRA_API_TOKEN"] = JiraWorld.ApiToken;

        var result = await s.Runner.RunAsync(["init"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        var yaml = File.ReadAllText(Path.Combine(s.Git.Releaser, ConfigLoader.FileName));
        Assert.Empty(ConfigSchema.Problems(yaml));
        var config = ConfigLoader.Parse(yaml, ConfigLoader.FileName);
        Assert.Equal(jira.BaseUrl, config.Jira.Site);
        Assert.Equal(["OPS", "WEB"], config.Jira.Projects);
        Assert.Contains("JIRA_EMAIL and JIRA_API_TOKEN", yaml);
        Assert.DoesNotContain(JiraWorld.ApiToken, yaml);
        Assert.DoesNotContain(JiraWorld.Email, yaml);
    }

    [Fact]
    public async Task Init_without_JIRA_BASE_URL_proposes_no_jira_section()
    {
        using var s = new ReleaseScenario();

        var result = await s.Runner.RunAsync(["init"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.DoesNotContain("jira:", File.ReadAllText(Path.Combine(s.Git.Releaser, ConfigLoader.FileName)));
    }
}
