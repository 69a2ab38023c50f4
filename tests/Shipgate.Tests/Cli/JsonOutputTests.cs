using System.Text;
using System.Text.Json;
using Shipgate.Audit;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Cli;

/// <summary>--json: one JSON document alone on standard output, valid against its published schema; people's text on standard error.</summary>
[Trait("Category", "Integration")]
public sealed class JsonOutputTests
{
    private static JsonElement Parse(RunResult result)
    {
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    private static void AssertValidPlan(RunResult result) =>
        Assert.Empty(RecordSchemas.ValidatePlan(Encoding.UTF8.GetBytes(result.Stdout)));

    [Fact]
    public async Task Dry_run_json_is_the_plan_under_the_record_field_names_with_the_checklist_and_verdict()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var originBefore = s.OriginRefs();

        var result = await s.ReleaseAsync(null, "--dry-run", "--json");

        Assert.True(result.Code == ExitCode.Success, result.Errors);
        AssertValidPlan(result);
        var json = Parse(result);
        Assert.Equal("would_release", json.GetProperty("verdict").GetString());
        var plan = json.GetProperty("plan");
        Assert.Equal(s.Git.RemoteSha("staging"), plan.GetProperty("to_sha").GetString());
        Assert.Equal(s.Git.RemoteSha("main"), plan.GetProperty("from_sha").GetString());
        Assert.Equal(Scenarios.RichPullRequests, plan.GetProperty("pull_requests").EnumerateArray().Select(p => p.GetProperty("number").GetInt32()).Order());
        Assert.Equal(Scenarios.RichTickets.Order(StringComparer.Ordinal),
            plan.GetProperty("linear_tickets").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        var unticked = json.GetProperty("checklist").EnumerateArray().Where(b => !b.GetProperty("passed").GetBoolean()).ToList();
        Assert.NotEmpty(unticked);
        Assert.All(unticked, box => Assert.False(string.IsNullOrWhiteSpace(box.GetProperty("reason").GetString())));
        // People's text is on standard error, never mixed into the JSON.
        Assert.Contains("PRODUCTION RELEASE SUMMARY", result.Errors);
        Assert.DoesNotContain("PRODUCTION RELEASE SUMMARY", result.Stdout);
        Assert.Equal(originBefore, s.OriginRefs());
    }

    [Fact]
    public async Task Dry_run_json_blocked_by_a_gate_says_blocked_and_why_with_exit_3()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);

        var result = await s.Runner.RunAsync(["release", "--dry-run", "--json"]);

        Assert.Equal(ExitCode.Blocked, result.Code);
        AssertValidPlan(result);
        var json = Parse(result);
        Assert.Equal("blocked", json.GetProperty("verdict").GetString());
        Assert.Contains("CI", json.GetProperty("blocked_reason").GetString());
    }

    [Fact]
    public async Task Dry_run_json_with_nothing_to_release_says_so()
    {
        using var s = new ReleaseScenario(git => Scenarios.Configure(git));

        var result = await s.ReleaseAsync(null, "--dry-run", "--json");

        Assert.True(result.Code == ExitCode.Success, result.Errors);
        AssertValidPlan(result);
        var json = Parse(result);
        Assert.Equal("nothing_to_release", json.GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("plan").ValueKind);
    }

    [Fact]
    public async Task Release_json_after_the_word_typed_at_the_terminal_gives_the_release_and_its_record()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);

        var result = await s.ReleaseAsync(word => word, "--json");

        Assert.True(result.Code == ExitCode.Success, result.Errors);
        var json = Parse(result);
        var releaseId = s.ReleaseIds()[^1];
        Assert.True(json.GetProperty("released").GetBoolean());
        Assert.Equal(releaseId, json.GetProperty("release_id").GetString());
        Assert.Equal($"releases/{releaseId}.json", json.GetProperty("record_path").GetString());
        Assert.Equal(s.Git.RemoteSha("main"), json.GetProperty("to_sha").GetString());
        Assert.Equal("terminal", json.GetProperty("confirmation_channel").GetString());
        Assert.Empty(RecordSchemas.ValidateResult(Encoding.UTF8.GetBytes(result.Stdout)));
        // A word typed at the terminal names no MCP client: the record stays as it always was.
        Assert.False(s.LastRecord().GetProperty("confirmation").TryGetProperty("client", out _));

        var verify = await s.Runner.RunAsync(["audit", "verify", "--json"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output + verify.Errors);
        Assert.Empty(RecordSchemas.ValidateVerify(Encoding.UTF8.GetBytes(verify.Stdout)));
        Assert.Contains("CONFIRM RELEASE", result.Errors);
        Assert.DoesNotContain("word_presented", result.Stdout);
    }

    [Fact]
    public async Task Release_json_without_a_terminal_is_refused_as_a_json_error_with_exit_6()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var originBefore = s.OriginRefs();
        s.Runner.HasTerminal = false;

        var result = await s.ReleaseAsync(null, "--json");

        Assert.Equal(ExitCode.NoTerminal, result.Code);
        Assert.Empty(RecordSchemas.ValidateError(Encoding.UTF8.GetBytes(result.Stdout)));
        var error = Parse(result).GetProperty("error");
        Assert.Equal(6, error.GetProperty("exit_code").GetInt32());
        Assert.Contains("needs a person at a terminal", error.GetProperty("message").GetString());
        Assert.Contains("needs a person at a terminal", result.Errors);
        Assert.Equal(originBefore, s.OriginRefs());
    }

    [Fact]
    public async Task Audit_verify_json_reports_an_error_as_json_too()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var notARepository = Path.Combine(s.Folder, "empty");
        Directory.CreateDirectory(notARepository);

        var result = await s.Runner.RunAsync(["audit", "verify", "--json", "--repo", notARepository]);

        Assert.NotEqual(ExitCode.Success, result.Code);
        Assert.Empty(RecordSchemas.ValidateError(Encoding.UTF8.GetBytes(result.Stdout)));
        var error = Parse(result).GetProperty("error");
        Assert.Equal(result.ExitCode, error.GetProperty("exit_code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_broken_policy_under_json_is_the_json_error_with_exit_2_like_a_bad_command_line()
    {
        using var s = new ReleaseScenario(git => Scenarios.ReleasedPolicy(git, "tickets:\n  keys: [BOL, ENG\nremote: origin"));

        var result = await s.Runner.RunAsync(["release", "--dry-run", "--json"]);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Empty(RecordSchemas.ValidateError(Encoding.UTF8.GetBytes(result.Stdout)));
        var error = Parse(result).GetProperty("error");
        Assert.Equal(2, error.GetProperty("exit_code").GetInt32());
        Assert.Contains("tickets.keys: not valid YAML", error.GetProperty("message").GetString());
        Assert.Contains("tickets.keys: not valid YAML", result.Errors);
    }
}
