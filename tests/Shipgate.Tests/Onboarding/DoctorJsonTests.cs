using System.Text;
using System.Text.Json;
using Shipgate.Audit;
using Shipgate.Emulators;
using Shipgate.Tests.GitHub;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Onboarding;

/// <summary><c>shipgate doctor --json</c>: the checks as a document for tools (schemas/doctor.v1.json), the words for people on stderr.</summary>
[Trait("Category", "Integration")]
public sealed class DoctorJsonTests
{
    [Fact]
    public async Task With_everything_set_up_the_document_says_passed_and_lists_each_check()
    {
        await using var gh = await GitHubRelease.StartAsync(git => Scenarios.Configure(git, GitHubRelease.Config("  required_checks: [build]\n")),
            (repo, _) => repo.BranchRules["main"] = [new BranchRuleFixture("pull_request"), new BranchRuleFixture("required_status_checks", ["build"])]);

        var result = await gh.Scenario.Runner.RunAsync(["doctor", "--json"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Empty(RecordSchemas.ValidateDoctor(Encoding.UTF8.GetBytes(result.Stdout)));
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.True(document.RootElement.GetProperty("passed").GetBoolean());
        var checks = document.RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.All(checks, c => Assert.True(c.GetProperty("passed").GetBoolean()));
        Assert.Contains(checks, c => c.GetProperty("name").GetString() == "GitHub token");
        Assert.Contains(checks, c => c.GetProperty("name").GetString() == "config" && c.GetProperty("found").GetString()!.Contains("origin/main:.shipgate.yml"));
        Assert.DoesNotContain(GitHubRelease.Token, result.Output);
        // The screen still goes to people, on standard error.
        Assert.Contains("All checks passed.", result.Errors);
    }

    [Fact]
    public async Task A_failing_check_carries_what_to_do_and_the_exit_is_1()
    {
        using var s = new ReleaseScenario();

        var result = await s.Runner.RunAsync(["doctor", "--json"]);

        Assert.Equal(ExitCode.Error, result.Code);
        Assert.Empty(RecordSchemas.ValidateDoctor(Encoding.UTF8.GetBytes(result.Stdout)));
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.False(document.RootElement.GetProperty("passed").GetBoolean());
        var token = document.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "GitHub token");
        Assert.False(token.GetProperty("passed").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(token.GetProperty("fix").GetString()));
        Assert.DoesNotContain("[FAIL]", result.Stdout);
    }

    [Fact]
    public void The_schema_rejects_what_doctor_never_writes()
    {
        static IReadOnlyList<string> Validate(string json) => RecordSchemas.ValidateDoctor(Encoding.UTF8.GetBytes(json));

        Assert.Empty(Validate("""{"passed":true,"checks":[{"name":"git","passed":true,"found":"git version 2.47","fix":null}]}"""));
        Assert.NotEmpty(Validate("""{"passed":true,"checks":[]}"""));
        Assert.NotEmpty(Validate("""{"passed":true,"checks":[{"name":"git","passed":"yes","found":"x","fix":null}]}"""));
        Assert.NotEmpty(Validate("""{"passed":true,"checks":[{"name":"git","passed":true,"found":"x"}]}"""));
        Assert.NotEmpty(Validate("""{"passed":true,"healthy":true,"checks":[{"name":"git","passed":true,"found":"x","fix":null}]}"""));
    }
}
