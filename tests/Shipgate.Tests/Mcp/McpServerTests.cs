using System.Text.Json;
using ModelContextProtocol.Protocol;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Mcp;

/// <summary>
/// <c>shipgate mcp</c> over stdio, driven by the SDK's own client against a real repository with a bare origin.
/// The word is the person's: it reaches them in the elicitation form and appears in nothing the model reads before it is typed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class McpServerTests
{
    private static readonly Dictionary<string, object?> NoGitHub = new() { ["allow_unverified_ci"] = "tests: no GitHub" };

    [Fact]
    public async Task The_tools_are_listed_with_descriptions_and_input_and_output_schemas()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        await using var mcp = await McpSession.StartAsync(s, person: null);

        var tools = (await mcp.Client.ListToolsAsync()).ToDictionary(t => t.Name);

        Assert.Equal(["audit_report", "audit_verify", "release", "release_plan"], tools.Keys.Order());
        Assert.All(tools.Values, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));
        var release = tools["release"].ProtocolTool;
        Assert.Equal(["allow_unverified_ci", "emergency", "wait"],
            release.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.NotNull(release.OutputSchema);
        Assert.NotNull(tools["audit_verify"].ProtocolTool.OutputSchema);
        var plan = tools["release_plan"].ProtocolTool;
        Assert.Equal("https://shipgate.dev/schemas/release-plan.v1.json", plan.OutputSchema!.Value.GetProperty("$id").GetString());
        Assert.Contains("since", tools["audit_report"].ProtocolTool.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Release_plan_returns_the_plan_as_structured_content_and_changes_nothing()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var originBefore = s.OriginRefs();
        await using var mcp = await McpSession.StartAsync(s, person: null);

        var result = await mcp.CallAsync("release_plan", NoGitHub);

        Assert.True(result.IsError is not true, McpSession.Visible(result));
        var plan = result.StructuredContent!.Value;
        Assert.Empty(Shipgate.Audit.RecordSchemas.ValidatePlan(JsonSerializer.SerializeToUtf8Bytes(plan)));
        Assert.Equal("would_release", plan.GetProperty("verdict").GetString());
        Assert.Equal(s.Git.RemoteSha("staging"), plan.GetProperty("plan").GetProperty("to_sha").GetString());
        Assert.Contains("PRODUCTION RELEASE SUMMARY", McpSession.Visible(result));
        Assert.DoesNotContain("type the word", McpSession.Visible(result));
        Assert.Equal(originBefore, s.OriginRefs());
    }

    [Fact]
    public async Task A_release_confirmed_through_elicitation_is_made_and_recorded_with_the_client()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var staging = s.Git.RemoteSha("staging");
        await using var mcp = await McpSession.StartAsync(s, form => McpSession.Typed(McpSession.WordIn(form)));

        var result = await mcp.CallAsync("release", NoGitHub);

        Assert.True(result.IsError is not true, McpSession.Visible(result));
        var form = Assert.Single(mcp.Forms);
        var word = McpSession.WordIn(form);
        Assert.False(string.IsNullOrEmpty(word));
        Assert.Contains("PRODUCTION", form.Message);
        Assert.Contains(staging[..7], form.Message);
        Assert.Contains("3 PRs", form.Message);
        Assert.Equal(staging, s.Git.RemoteSha("main"));
        var record = s.LastRecord();
        var released = result.StructuredContent!.Value;
        Assert.Empty(Shipgate.Audit.RecordSchemas.ValidateResult(JsonSerializer.SerializeToUtf8Bytes(released)));
        Assert.Equal(record.GetProperty("release_id").GetString(), released.GetProperty("release_id").GetString());
        Assert.Equal(staging, released.GetProperty("to_sha").GetString());
        var confirmation = record.GetProperty("confirmation");
        Assert.Equal("mcp-elicitation", confirmation.GetProperty("channel").GetString());
        Assert.Equal(word, confirmation.GetProperty("word_entered").GetString());
        Assert.Equal(McpSession.ClientName, confirmation.GetProperty("client").GetProperty("name").GetString());
        Assert.Equal(McpSession.ClientVersion, confirmation.GetProperty("client").GetProperty("version").GetString());
        var recordPath = $"releases/{record.GetProperty("release_id").GetString()}.json";
        Assert.Empty(Shipgate.Audit.RecordSchemas.Validate(s.OriginFile("compliance-archives", recordPath), isRelease: true));
        Assert.DoesNotContain(mcp.ServerErrors, line => McpSession.Shows(line, word));
    }

    [Fact]
    public async Task Started_outside_a_repository_each_tool_says_what_is_wrong_as_an_error_result()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var empty = Path.Combine(s.Folder, "not-a-repository");
        Directory.CreateDirectory(empty);
        await using var mcp = await McpSession.StartAsync(s, form => McpSession.Typed(McpSession.WordIn(form)), repository: empty);

        var plan = await mcp.CallAsync("release_plan", NoGitHub);
        var release = await mcp.CallAsync("release", NoGitHub);

        Assert.True(plan.IsError);
        Assert.Contains("shipgate exit code", McpSession.Visible(plan));
        Assert.Contains("not-a-repository", McpSession.Visible(plan));
        Assert.True(release.IsError);
        Assert.Empty(mcp.Forms);
    }

    [Fact]
    public async Task A_client_without_elicitation_is_refused_and_nothing_changes()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var originBefore = s.OriginRefs();
        var releaserBefore = s.ReleaserFingerprint();
        await using var mcp = await McpSession.StartAsync(s, person: null);

        var result = await mcp.CallAsync("release", NoGitHub);

        Assert.True(result.IsError);
        Assert.Contains("does not declare elicitation support", McpSession.Visible(result));
        Assert.Equal(originBefore, s.OriginRefs());
        Assert.Equal(releaserBefore, s.ReleaserFingerprint());
    }

    /// <summary>One PR to release, under confirmation words no screen uses otherwise, so finding one means finding the word.</summary>
    private static void UnusualWords(Testing.GitScenario git)
    {
        Scenarios.Configure(git, Scenarios.Config + "\nconfirmation:\n  words: [QUOKKA, PANGOLIN, NARWHAL]");
        git.SquashPullRequest(201, "BOL-1: change", new() { ["web/file.ts"] = "1\n" });
    }

    public static TheoryData<string> Refusals => ["decline", "cancel", "wrong word", "empty"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Decline_cancel_or_a_wrong_word_aborts_and_changes_nothing_and_the_model_never_sees_the_word(string answer)
    {
        using var s = new ReleaseScenario(UnusualWords);
        var originBefore = s.OriginRefs();
        var releaserBefore = s.ReleaserFingerprint();
        await using var mcp = await McpSession.StartAsync(s, form => answer switch
        {
            "decline" => new ElicitResult { Action = "decline" },
            "cancel" => new ElicitResult { Action = "cancel" },
            "empty" => McpSession.Typed(""),
            _ => McpSession.Typed(McpSession.WordIn(form).ToLowerInvariant() + "X"),
        });

        var plan = await mcp.CallAsync("release_plan", NoGitHub);
        var result = await mcp.CallAsync("release", NoGitHub);

        Assert.True(result.IsError);
        var said = McpSession.Visible(result);
        Assert.Contains("aborted", said);
        Assert.Contains("Nothing was changed", said);
        var word = McpSession.WordIn(Assert.Single(mcp.Forms));
        Assert.False(McpSession.Shows(said, word), said);
        Assert.False(McpSession.Shows(McpSession.Visible(plan), word));
        Assert.DoesNotContain(mcp.ServerErrors, line => McpSession.Shows(line, word));
        Assert.Equal(originBefore, s.OriginRefs());
        Assert.Equal(releaserBefore, s.ReleaserFingerprint());
    }

    [Fact]
    public async Task A_form_nobody_answers_within_confirm_within_aborts_and_changes_nothing()
    {
        using var s = new ReleaseScenario(UnusualWords);
        var originBefore = s.OriginRefs();
        var releaserBefore = s.ReleaserFingerprint();
        // The person answers, with the right word, but only after the form's time is up: once the server has answered
        // the tool call or withdrawn the form, whichever the client hears first, or at the latest after 30 s (a bound
        // thirty times the form's time, not a measure): a server that never gives up then gets the word, and the test fails.
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var mcp = await McpSession.StartWithPersonAsync(s, async (form, withdrawn) =>
        {
            var timeUp = Task.WhenAny(answered.Task, Task.Delay(Timeout.Infinite, withdrawn));
            await Task.WhenAny(timeUp, Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None));
            return McpSession.Typed(McpSession.WordIn(form));
        }, serverOptions: ["--confirm-within", "1s"]);

        var result = await mcp.CallAsync("release", NoGitHub);
        answered.TrySetResult();

        Assert.True(result.IsError);
        Assert.Contains("Release aborted: nobody answered the confirmation form within 1 second. Nothing was changed.", McpSession.Visible(result));
        Assert.Single(mcp.Forms);
        Assert.Equal(originBefore, s.OriginRefs());
        Assert.Equal(releaserBefore, s.ReleaserFingerprint());
    }

    [Fact]
    public async Task Audit_verify_and_audit_report_answer_after_a_release()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        await using var mcp = await McpSession.StartAsync(s, form => McpSession.Typed(McpSession.WordIn(form)));
        Assert.True((await mcp.CallAsync("release", NoGitHub)).IsError is not true);

        var verify = await mcp.CallAsync("audit_verify");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var report = await mcp.CallAsync("audit_report", new() { ["since"] = "2020-01-01", ["until"] = today });
        var written = Path.Combine(s.Folder, "report.csv");
        var file = await mcp.CallAsync("audit_report", new() { ["since"] = "2020-01-01", ["until"] = today, ["format"] = "csv", ["out"] = written });
        var bad = await mcp.CallAsync("audit_report", new() { ["since"] = "2020-13-01", ["until"] = today });

        Assert.True(verify.IsError is not true, McpSession.Visible(verify));
        Assert.True(verify.StructuredContent!.Value.GetProperty("ok").GetBoolean(), McpSession.Visible(verify));
        Assert.Empty(Shipgate.Audit.RecordSchemas.ValidateVerify(JsonSerializer.SerializeToUtf8Bytes(verify.StructuredContent!.Value)));
        Assert.Contains(s.ReleaseIds()[^1], McpSession.Visible(report));
        Assert.True(file.IsError is not true, McpSession.Visible(file));
        Assert.Contains(s.ReleaseIds()[^1], File.ReadAllText(written));
        Assert.True(bad.IsError);
    }
}

/// <summary>With a GitHub token in the server's environment, no MCP message carries it, before or after confirmation.</summary>
[Trait("Category", "Integration")]
public sealed class McpSecretTests
{
    [Fact]
    public async Task No_secret_reaches_any_tool_result_form_or_server_log()
    {
        await using var r = await GitHub.GitHubRelease.StartAsync(GitHub.GitHubStory.Build(GitHub.GitHubRelease.Config()), GitHub.GitHubStory.Seed);
        var environment = new Dictionary<string, string> { ["GH_TOKEN"] = GitHub.GitHubRelease.Token, ["GITHUB_API_URL"] = r.GitHub.ApiUrl };
        await using var mcp = await McpSession.StartAsync(r.Scenario, form => McpSession.Typed(McpSession.WordIn(form)), environment);

        var plan = await mcp.CallAsync("release_plan");
        var released = await mcp.CallAsync("release");
        var verify = await mcp.CallAsync("audit_verify");

        Assert.True(released.IsError is not true, McpSession.Visible(released));
        Assert.Equal(r.StagingHead, r.Scenario.Git.RemoteSha("main"));
        Assert.Equal(GitHub.GitHubRelease.Login, r.LastRecord().GetProperty("released_by_login").GetString());
        var everything = string.Join("\n",
            [McpSession.Visible(plan), McpSession.Visible(released), McpSession.Visible(verify), .. mcp.Forms.Select(f => f.Message), .. mcp.ServerErrors]);
        Assert.Contains(r.StagingHead, everything);
        Assert.DoesNotContain(GitHub.GitHubRelease.Token, everything);
        Assert.DoesNotContain("EmulatorToken", everything);
    }

    [Fact]
    public async Task Waiting_for_the_deployment_sends_progress_notifications_and_neither_word_nor_secret()
    {
        await using var r = await GitHub.GitHubRelease.StartAsync(GitHub.GitHubStory.Build(GitHub.GitHubRelease.Config()), (repo, git) =>
        {
            GitHub.GitHubStory.Seed(repo, git);
            repo.WorkflowRuns.Clear();
            repo.WorkflowRuns.Add(new Emulators.WorkflowRunFixture(9004, "Deploy production", git.RemoteSha("staging"), "main",
                Status: "in_progress", Conclusion: null));
        });
        // The run finishes after Shipgate has polled it twice while waiting: changed as the emulator answers the third look.
        var looks = 0;
        r.GitHub.OnRecorded = request =>
        {
            if (request.Path.EndsWith("/actions/runs") && Interlocked.Increment(ref looks) == 3)
                r.GitHub.Update(g => g.Repository("acme/demo").WorkflowRuns[0] =
                    new Emulators.WorkflowRunFixture(9004, "Deploy production", r.StagingHead, "main", Conclusion: "success"));
        };
        var environment = new Dictionary<string, string> { ["GH_TOKEN"] = GitHub.GitHubRelease.Token, ["GITHUB_API_URL"] = r.GitHub.ApiUrl };
        await using var mcp = await McpSession.StartAsync(r.Scenario, form => McpSession.Typed(McpSession.WordIn(form)), environment);
        var notes = new List<ModelContextProtocol.ProgressNotificationValue>();

        var result = await mcp.Client.CallToolAsync("release", new Dictionary<string, object?> { ["wait"] = true },
            new Collector(notes)).Bounded();

        Assert.True(result.IsError is not true, McpSession.Visible(result));
        var deployment = result.StructuredContent!.Value.GetProperty("deployment");
        Assert.Equal("success", Assert.Single(deployment.GetProperty("runs").EnumerateArray()).GetProperty("state").GetString());
        List<string> said;
        lock (notes) said = [.. notes.Select(n => n.Message ?? "")];
        Assert.Contains(said, m => m.Contains("Deploy production in_progress"));
        var word = McpSession.WordIn(Assert.Single(mcp.Forms));
        Assert.DoesNotContain(said, m => McpSession.Shows(m, word) || m.Contains(GitHub.GitHubRelease.Token));
    }

    /// <summary>Keeps every progress notification, as it arrives.</summary>
    private sealed class Collector(List<ModelContextProtocol.ProgressNotificationValue> notes) : IProgress<ModelContextProtocol.ProgressNotificationValue>
    {
        public void Report(ModelContextProtocol.ProgressNotificationValue value)
        {
            lock (notes) notes.Add(value);
        }
    }
}
