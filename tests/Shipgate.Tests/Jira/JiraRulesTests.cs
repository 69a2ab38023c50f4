using System.Text;
using System.Text.Json.Nodes;
using Shipgate.Audit;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Jira;
using Shipgate.Record;
using Shipgate.Release;
using Shipgate.Rendering;

namespace Shipgate.Tests.Jira;

/// <summary>The pure rules of Jira in a release: which tracker owns a key, the policy's jira section, the comment's ADF, words and records.</summary>
public sealed class JiraRulesTests
{
    private static readonly TicketSystem[] Both = [TicketSystem.Linear, TicketSystem.Jira];

    [Fact]
    public void Each_key_belongs_to_one_tracker_and_the_policys_own_lists_decide_first()
    {
        var routing = TicketRouting.Build(["BOL", "OPS", "ENG"], ["BOL", "OPS"], ["OPS", "WEB", "ENG"], [], Both);

        Assert.Equal(TicketSystem.Linear, routing.SystemOf("BOL-1"));
        Assert.Equal(TicketSystem.Linear, routing.SystemOf("OPS-1")); // tickets.keys names it, jira.projects does not
        Assert.Equal(TicketSystem.Jira, routing.SystemOf("ENG-1"));   // Linear lists it, but Jira has it and no list says Linear
        Assert.Equal(TicketSystem.Jira, routing.SystemOf("web-7"));
        Assert.Equal(["BOL", "ENG", "OPS", "WEB"], routing.Keys);
        Assert.Equal(["OPS-2", "BOL-1"], routing.Of(TicketSystem.Linear, ["OPS-2", "ENG-3", "BOL-1", "WEB-1"]));

        var named = TicketRouting.Build(["BOL", "OPS"], ["BOL", "OPS"], ["OPS"], ["OPS"], Both);
        Assert.Equal(TicketSystem.Jira, named.SystemOf("OPS-1"));
    }

    [Fact]
    public void Without_Linear_to_ask_the_keys_tickets_keys_names_that_Jira_has_are_Jiras()
    {
        var routing = TicketRouting.Build(["OPS"], ["OPS"], ["OPS"], [], [TicketSystem.Jira]);

        Assert.Equal(TicketSystem.Jira, routing.SystemOf("OPS-1"));
    }

    [Fact]
    public void A_ticket_of_a_tracker_that_could_not_be_asked_stays_unverified_while_the_others_are_checked()
    {
        var commit = new Commit(new string('a', 40), ["b"], "Dana", "d@x", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            "BOL-1 and OPS-2 and OPS-3", "", ["web/a.ts"]);
        var routing = TicketRouting.Build(["BOL"], ["BOL"], ["OPS"], ["OPS"], [TicketSystem.Jira]);
        var details = new Dictionary<string, TicketDetails>
        {
            ["OPS-2"] = new("OPS-2", "Rotate keys", "https://acme.atlassian.net/browse/OPS-2", "Done", "done", TicketSystem.Jira),
        };

        var plan = ReleasePlanner.Build(new ReleasePlanner.Inputs(new string('b', 40), commit.Sha, [commit], new DiffStat(1, 1, 0, ["web/a.ts"]), [],
            new TicketMatcher(routing.Keys), new AreaMap([]), ReleasePlanner.NoLookup, details, null, Routing: routing));

        var tickets = plan.Tickets.ToDictionary(t => t.Id);
        Assert.Equal((TicketCheck.Unverified, TicketSystem.Linear), (tickets["BOL-1"].Check, tickets["BOL-1"].System));
        Assert.Equal((TicketCheck.Verified, TicketSystem.Jira, true), (tickets["OPS-2"].Check, tickets["OPS-2"].System, tickets["OPS-2"].IsCompleted));
        Assert.Equal((TicketCheck.NotFound, TicketSystem.Jira), (tickets["OPS-3"].Check, tickets["OPS-3"].System));

        var gaps = Gaps.Find(plan, new CiResult(commit.Sha, CiState.Success, [], null), []);
        var warnings = Gaps.Warnings(gaps, "staging");
        Assert.Contains("Ticket OPS-3 not found in Jira.", warnings);
        Assert.Contains("Tickets not verified in Linear (LINEAR_API_KEY not set): BOL-1.", warnings);

        var record = RecordBuilder.Build(new RecordBuilder.Inputs("release-2026-02-04-153045", DateTimeOffset.UnixEpoch, "acme/shop",
            new GitIdentity("Rita", "rita@x"), null, "main", "staging", plan, new CiResult(commit.Sha, CiState.Success, [], null), [],
            warnings, new RecordConfirmation("SHIP", "SHIP", DateTimeOffset.UnixEpoch, ConfirmationChannel.Terminal), null));
        Assert.Equal(["BOL-1"], record.LinearTickets.Select(t => t.Id));
        Assert.Equal(["OPS-2", "OPS-3"], record.JiraTickets.Select(t => t.Id));
        Assert.Equal([TicketSystem.Linear, TicketSystem.Jira, TicketSystem.Jira], record.Tickets.Select(t => t.System));
        Assert.Empty(RecordSchemas.Validate(RecordFiles.ToJsonBytes(record), isRelease: true));
        Assert.Contains("release: 1970-01-01 - 0 PRs, 3 tickets", RecordBuilder.CommitMessage(record));
    }

    [Fact]
    public void Jira_is_done_by_its_status_category_and_Linear_by_its_state_type()
    {
        Assert.True(TicketSystems.IsDone(TicketSystem.Jira, "done"));
        Assert.False(TicketSystems.IsDone(TicketSystem.Jira, "indeterminate"));
        Assert.False(TicketSystems.IsDone(TicketSystem.Jira, "completed"));
        Assert.True(TicketSystems.IsDone(TicketSystem.Linear, "completed"));
        Assert.False(TicketSystems.IsDone(TicketSystem.Linear, "done"));
    }

    [Fact]
    public void Ticket_counts_name_the_tracker_and_both_when_there_are_two()
    {
        Assert.Equal("3 Linear tickets", TicketWords.Count([TicketSystem.Linear, TicketSystem.Linear, TicketSystem.Linear]));
        Assert.Equal("1 Jira ticket", TicketWords.Count([TicketSystem.Jira]));
        Assert.Equal("0 Linear tickets", TicketWords.Count([]));
        Assert.Equal("3 tickets (2 Linear, 1 Jira)", TicketWords.Count([TicketSystem.Jira, TicketSystem.Linear, TicketSystem.Linear]));
        Assert.Equal("JIRA TICKETS INCLUDED", TicketWords.Section([TicketSystem.Jira]));
        Assert.Equal("TICKETS INCLUDED", TicketWords.Section(Both));
    }

    [Fact]
    public void The_comment_is_a_paragraph_per_line_with_every_address_a_link()
    {
        var doc = AdfDocument.FromText("Released to production in release-1\n\nRelease: https://x.test/r.json\nDeploy: https://x.test/run/7 (queued)");

        Assert.Equal("""
            {"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"Released to production in release-1"}]},{"type":"paragraph","content":[{"type":"text","text":"Release: "},{"type":"text","text":"https://x.test/r.json","marks":[{"type":"link","attrs":{"href":"https://x.test/r.json"}}]}]},{"type":"paragraph","content":[{"type":"text","text":"Deploy: "},{"type":"text","text":"https://x.test/run/7","marks":[{"type":"link","attrs":{"href":"https://x.test/run/7"}}]},{"type":"text","text":" (queued)"}]}]}
            """, doc.ToJsonString());
    }

    [Fact]
    public void The_jira_section_loads_and_a_bad_value_names_its_line_and_key()
    {
        var config = ConfigLoader.Parse("jira:\n  site: https://acme.atlassian.net/\n  projects: [ops, WEB]\n", ".shipgate.yml");
        Assert.Equal("https://acme.atlassian.net", config.Jira.Site);
        Assert.Equal(["OPS", "WEB"], config.Jira.Projects);
        Assert.Empty(ConfigSchema.Problems("jira:\n  site: https://acme.atlassian.net\n  projects: [OPS]\n"));

        var badKey = Assert.Throws<UsageException>(() => ConfigLoader.Parse("jira:\n  projects: [OPS-1]\n", ".shipgate.yml"));
        Assert.Contains(".shipgate.yml:2: jira.projects: 'OPS-1' is not a Jira project key", badKey.Message);
        var credentials = Assert.Throws<UsageException>(() => ConfigLoader.Parse("jira:\n  site: https://bot:secret@acme.atlassian.net\n", ".shipgate.yml"));
        Assert.Contains("jira.site: must not carry credentials", credentials.Message);
        var unknown = Assert.Throws<UsageException>(() => ConfigLoader.Parse("jira:\n  token: x\n", ".shipgate.yml"));
        Assert.Contains("jira.token: unknown key. Known keys here: site, projects.", unknown.Message);
        Assert.NotEmpty(ConfigSchema.Problems("jira:\n  api_token: x\n"));
    }

    [Fact]
    public void The_token_goes_only_to_the_site_the_environment_or_the_released_policy_named()
    {
        static ReleasePolicy Policy(bool stagingFallback) => new(ConfigLoader.Parse("jira:\n  site: https://acme.atlassian.net", ".shipgate.yml"),
            new PolicySource("origin", stagingFallback ? "staging" : "main", new string('a', 40), ".shipgate.yml", "b", stagingFallback), null, null);
        var site = new Uri("https://acme.atlassian.net/rest/api/3/myself");

        Assert.True(TokenDestinations.ForJira(Policy(stagingFallback: false), _ => null).Allows(site));
        Assert.False(TokenDestinations.ForJira(Policy(stagingFallback: true), _ => null).Allows(site));
        Assert.True(TokenDestinations.ForJira(Policy(stagingFallback: true), n => n == "JIRA_BASE_URL" ? "https://acme.atlassian.net" : null).Allows(site));
        Assert.False(TokenDestinations.ForJira(Policy(stagingFallback: false), _ => null).Allows(new Uri("https://evil.example/rest/api/3/myself")));
    }

    [Fact]
    public void Credentials_come_from_the_environment_and_are_redacted_before_anything_prints()
    {
        var secrets = Connections.SecretsFrom(name => name == "JIRA_API_TOKEN" ? "ATATT-secret-token" : null);
        var policy = new ReleasePolicy(ShipgateConfig.Default, new PolicySource("origin", "main", null, ".shipgate.yml", null, false), null, null);

        var jira = Connections.Jira(policy, name => name switch
        {
            "JIRA_BASE_URL" => "https://acme.atlassian.net",
            "JIRA_EMAIL" => "bot@acme.test",
            "JIRA_API_TOKEN" => "ATATT-secret-token",
            _ => null,
        }, secrets);

        var client = Assert.IsType<JiraClient>(jira!.Service);
        Assert.Equal("*** and ***", secrets.Redact($"ATATT-secret-token and {client.Settings.AuthorizationValue["Basic ".Length..]}"));
        Assert.Null(Connections.Jira(policy, _ => null, secrets));
        Assert.Equal("JIRA_EMAIL and JIRA_API_TOKEN are not set",
            Connections.Jira(policy, n => n == "JIRA_BASE_URL" ? "https://acme.atlassian.net" : null, secrets)!.Missing);
    }

    [Fact]
    public void A_record_schema_takes_jira_tickets_and_records_written_before_still_verify()
    {
        var record = JsonNode.Parse(Encoding.UTF8.GetBytes("""
            {"schema_version":1,"release_id":"release-2026-02-04-153045","timestamp":"2026-02-04T15:30:45+00:00","repository":"acme/svc",
             "tool":{"name":"shipgate","version":"0.1.0"},"released_by":"Rita","released_by_email":"rita@example.com","released_by_login":null,
             "from_ref":"main","from_sha":"1111111111111111111111111111111111111111","to_ref":"staging","to_sha":"2222222222222222222222222222222222222222",
             "commits_count":1,"merge_commits_count":0,"files_changed":1,"insertions":1,"deletions":0,"commits":[],"pull_requests":[],"linear_tickets":[],
             "change_summary":{},"area_titles":{},"unspecced_changes":[],
             "ci_status":{"staging_sha":"2222222222222222222222222222222222222222","status":"success","checks_passed":[],"checks":[],"unverified_reason":null},
             "open_prs":[],"warnings":[],"emergency":null,
             "confirmation":{"word_presented":"SHIP","word_entered":"SHIP","confirmed_at":"2026-02-04T15:30:40+00:00"},"previous_release":null}
            """))!.AsObject();
        IReadOnlyList<string> Validate() => RecordSchemas.Validate(Encoding.UTF8.GetBytes(record.ToJsonString()), isRelease: true);

        Assert.Empty(Validate());
        Assert.Empty(RecordFiles.FromJsonBytes(Encoding.UTF8.GetBytes(record.ToJsonString()))!.JiraTickets);
        record["jira_tickets"] = JsonNode.Parse("""
            [{"id":"OPS-1","title":"Keys","url":"https://acme.atlassian.net/browse/OPS-1","status":"Done","state_type":"done","verification":"verified"}]
            """);
        Assert.Empty(Validate());
        record["jira_tickets"]![0]!["verification"] = "maybe";
        Assert.NotEmpty(Validate());
    }
}
