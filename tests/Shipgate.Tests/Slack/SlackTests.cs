using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shipgate.Emulators;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Release.After;
using Shipgate.Slack;
using Shipgate.Tests.Audit;
using Shipgate.Tests.GitHub;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Slack;

/// <summary>The Slack messages of a release: their Block Kit shape, and whole releases posting to a webhook receiver on 127.0.0.1.</summary>
public sealed class SlackTests
{
    private static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");

    private static ReleaseRecord Record() => ReportRecords.Released("release-2026-02-04-153045", ReportRecords.At("2026-02-04T15:30:45"));

    private static SlackLinks Links() => new("https://github.com/acme/shop/releases/tag/release-2026-02-04-153045",
        "https://github.com/acme/shop/blob/compliance-archives/releases/release-2026-02-04-153045.json",
        [new(9, "Deploy <prod>", RunStatus.Completed, RunConclusion.Success, "https://github.com/acme/shop/actions/runs/9")]);

    /// <summary>Every text of the message's blocks, unescaped.</summary>
    private static string Texts(JsonObject message) => string.Join("\n", Strings(message["blocks"]));

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => [v.GetValue<string>()],
        _ => [],
    };

    [Fact]
    public void The_announcement_says_who_what_and_where_with_unticked_boxes_and_links()
    {
        var message = JsonNode.Parse(SlackMessage.Announcement(Record(), ["No unspecced changes detected — 1 unspecced: <!channel>"], Links()))!.AsObject();

        var blocks = message["blocks"]!.AsArray();
        Assert.Equal("header", blocks[0]!["type"]!.GetValue<string>());
        Assert.Contains("release-2026-02-04-153045", blocks[0]!["text"]!["text"]!.GetValue<string>());
        var fields = blocks[1]!["fields"]!.AsArray().Select(f => f!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(4, fields.Count);
        Assert.Contains(fields, f => f.StartsWith("*Pull requests*\n", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.StartsWith("*Tickets*\n", StringComparison.Ordinal));
        var all = Texts(message);
        Assert.Contains("Unticked checklist boxes", all);
        Assert.Contains("&lt;!channel&gt;", all);
        Assert.DoesNotContain("<!channel>", all);
        Assert.Contains("<https://github.com/acme/shop/releases/tag/release-2026-02-04-153045|GitHub Release>", all);
        Assert.Contains("<https://github.com/acme/shop/actions/runs/9|Deployment run (Deploy &lt;prod&gt;)>", all);
        Assert.DoesNotContain("EMERGENCY", all);
    }

    [Fact]
    public void An_emergency_is_marked_in_both_messages()
    {
        var record = Record() with { Emergency = new RecordEmergency("payments down", CiOverridden: true) };

        var announcement = JsonNode.Parse(SlackMessage.Announcement(record, [], Links()))!.AsObject();
        var outcome = JsonNode.Parse(SlackMessage.Outcome(record, DeploymentOutcome.Failed, Links()))!.AsObject();

        Assert.Contains("EMERGENCY", announcement["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
        Assert.Contains("payments down", Texts(announcement));
        Assert.Contains("FAILED", outcome["text"]!.GetValue<string>());
        Assert.Contains("EMERGENCY", outcome["text"]!.GetValue<string>());
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task A_release_is_announced_with_wait_a_second_message_tells_the_outcome_and_the_webhook_URL_never_shows()
    {
        await using var slack = await SlackEmulator.StartAsync();
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);
        r.Scenario.Runner.Environment[SlackWebhook.Variable] = slack.WebhookUrl;

        var result = await r.ReleaseAsync("--wait");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.All(slack.Requests, q => Assert.Empty(q.SpecViolations));
        Assert.Equal(2, slack.Messages.Count);
        var releaseId = r.LastRecord().GetProperty("release_id").GetString()!;
        var first = Texts(slack.Messages[0]);
        Assert.Contains(releaseId, first);
        Assert.Contains($"<https://github.com/acme/demo/releases/tag/{releaseId}|GitHub Release>", first);
        Assert.Contains("https://github.com/acme/demo/actions/runs/9001", first);
        Assert.Contains("Unticked checklist boxes", first);
        Assert.Contains("Deployment succeeded", slack.Messages[1]["text"]!.GetValue<string>());
        Assert.Contains("Slack: release announced.", Flat(result));
        Assert.DoesNotContain(SlackEmulator.WebhookPath, result.Output);
        Assert.DoesNotContain("xoxSecretWebhookKey", result.Output);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task A_rate_limit_is_waited_out_and_resume_does_not_announce_a_second_time()
    {
        await using var slack = await SlackEmulator.StartAsync();
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);
        r.Scenario.Runner.Environment[SlackWebhook.Variable] = slack.WebhookUrl;
        slack.Faults.RateLimit(count: 1, kind: RateLimitKind.SecondaryTooManyRequests, retryAfter: TimeSpan.FromSeconds(1));

        var announced = await r.ReleaseAsync();

        Assert.True(announced.Code == ExitCode.Success, announced.Output);
        Assert.Single(slack.Messages);
        Assert.Equal(2, slack.Requests.Count);
        Assert.Contains("Slack: release announced.", Flat(announced));

        var releaseId = r.LastRecord().GetProperty("release_id").GetString()!;
        var resumed = await r.Scenario.Runner.RunAsync(["release", "--resume", releaseId]);

        Assert.True(resumed.Code == ExitCode.Success, resumed.Output);
        Assert.Contains("Slack: the release was announced before, from this clone; not sent again.", Flat(resumed));
        Assert.Single(slack.Messages);
        Assert.Equal(2, slack.Requests.Count);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task A_refusal_is_reported_while_the_release_stays_made_and_resume_sends_what_did_not_go_out()
    {
        await using var slack = await SlackEmulator.StartAsync();
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);
        r.Scenario.Runner.Environment[SlackWebhook.Variable] = slack.WebhookUrl;
        slack.Faults.Fail(403, count: 5);

        var refused = await r.ReleaseAsync();

        Assert.True(refused.Code == ExitCode.Success, refused.Output);
        Assert.Contains("WARNING: the Slack message was not sent", Flat(refused));
        Assert.Contains("403", Flat(refused));
        Assert.DoesNotContain("xoxSecretWebhookKey", refused.Output);
        Assert.Empty(slack.Messages);

        slack.Faults.Clear();
        var releaseId = r.LastRecord().GetProperty("release_id").GetString()!;
        var resumed = await r.Scenario.Runner.RunAsync(["release", "--resume", releaseId]);

        Assert.True(resumed.Code == ExitCode.Success, resumed.Output);
        Assert.Contains("Slack: release announced.", Flat(resumed));
        Assert.Single(slack.Messages);
        Assert.Contains(releaseId, Texts(slack.Messages[0]));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task A_webhook_that_is_no_URL_stops_before_anything_and_is_never_printed()
    {
        using var s = new ReleaseScenario();
        s.Runner.Environment[SlackWebhook.Variable] = "hooks.slack.com/services/T0/B0/notAUrlSecret1234";
        var mainBefore = s.Git.RemoteSha("main");

        var result = await s.Runner.RunAsync(["release", "--dry-run"]);

        Assert.True(result.Code == ExitCode.Usage, result.Output);
        Assert.Contains(SlackWebhook.Variable, result.Output);
        Assert.DoesNotContain("notAUrlSecret1234", result.Output);
        Assert.Equal(mainBefore, s.Git.RemoteSha("main"));
    }
}

/// <summary>What a clone remembers having sent to Slack, so --resume sends each message once.</summary>
public sealed class SlackSentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shipgate-slack-sent-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_message_is_remembered_per_release_and_per_kind()
    {
        var sent = SlackSent.In(_folder);

        Assert.True(sent.Remember("release-2026-02-04-153045", SlackSent.Announcement));
        Assert.True(sent.Remember("release-2026-02-04-153045", SlackSent.Outcome("failed")));

        var again = SlackSent.In(_folder);
        Assert.True(again.Has("release-2026-02-04-153045", SlackSent.Announcement));
        Assert.True(again.Has("release-2026-02-04-153045", SlackSent.Outcome("failed")));
        Assert.False(again.Has("release-2026-02-04-153045", SlackSent.Outcome("succeeded")));
        Assert.False(again.Has("release-2026-02-04-153046", SlackSent.Announcement));
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("release/2026")]
    [InlineData("")]
    public void Only_a_release_id_names_a_file(string releaseId) =>
        Assert.Throws<ArgumentException>(() => SlackSent.In(_folder).Has(releaseId, SlackSent.Announcement));

    [Fact]
    public void A_folder_that_cannot_be_written_is_said_not_to_remember()
    {
        var blocked = Path.Combine(_folder, "file");
        File.WriteAllText(blocked, "");

        Assert.False(SlackSent.In(blocked).Remember("release-2026-02-04-153045", SlackSent.Announcement));
    }
}
