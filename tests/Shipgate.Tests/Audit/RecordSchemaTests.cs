using System.Text;
using System.Text.Json.Nodes;
using Shipgate.Audit;

namespace Shipgate.Tests.Audit;

/// <summary>The published schema accepts what the tool writes and rejects what it would never write.</summary>
public sealed class RecordSchemaTests
{
    /// <summary>A release record as the tool writes it (the reports' schema tests carry it too).</summary>
    internal static readonly string Valid = """
        {"schema_version":1,"release_id":"release-2026-02-04-153045","timestamp":"2026-02-04T15:30:45+00:00","repository":"acme/svc",
         "tool":{"name":"shipgate","version":"0.1.0"},"released_by":"Rita","released_by_email":"rita@example.com","released_by_login":null,
         "from_ref":"main","from_sha":"1111111111111111111111111111111111111111","to_ref":"staging","to_sha":"2222222222222222222222222222222222222222",
         "commits_count":1,"merge_commits_count":0,"files_changed":1,"insertions":1,"deletions":0,"commits":[],"pull_requests":[],"linear_tickets":[],
         "change_summary":{},"area_titles":{},"unspecced_changes":[],
         "ci_status":{"staging_sha":"2222222222222222222222222222222222222222","status":"success","checks_passed":[],"checks":[],"unverified_reason":null},
         "open_prs":[],"warnings":[],"emergency":null,
         "confirmation":{"word_presented":"SHIP","word_entered":"SHIP","confirmed_at":"2026-02-04T15:30:40+00:00"},"previous_release":null}
        """;

    private static IReadOnlyList<string> Validate(Action<JsonObject>? change = null)
    {
        var node = JsonNode.Parse(Valid)!.AsObject();
        change?.Invoke(node);
        return RecordSchemas.Validate(Encoding.UTF8.GetBytes(node.ToJsonString()), isRelease: true);
    }

    [Fact]
    public void A_complete_record_is_valid() => Assert.Empty(Validate());

    [Theory]
    [InlineData("from_sha", "\"not-a-sha\"")]
    [InlineData("schema_version", "2")]
    [InlineData("release_id", "\"release-yesterday\"")]
    [InlineData("commits_count", "-1")]
    [InlineData("previous_release", "{\"id\":\"release-2026-01-01-000000\",\"sha256\":\"short\"}")]
    [InlineData("emergency", "{\"reason\":\"\",\"ci_overridden\":true}")]
    public void A_wrong_value_is_rejected(string field, string json) =>
        Assert.NotEmpty(Validate(node => node[field] = JsonNode.Parse(json)));

    [Fact]
    public void A_missing_or_unknown_field_is_rejected()
    {
        Assert.NotEmpty(Validate(node => node.Remove("warnings")));
        Assert.NotEmpty(Validate(node => node["approved_by_magic"] = true));
    }

    [Fact]
    public void Bytes_that_are_not_json_are_rejected() =>
        Assert.Contains("not valid JSON", RecordSchemas.Validate("{oops"u8.ToArray(), isRelease: true)[0]);

    /// <summary>A review as Shipgate wrote it before reviewers were identified (free-text reviewed_by, no email, no login).</summary>
    private static readonly string LegacyReview = """
        {"schema_version":1,"kind":"review","review_id":"review-2026-02-05-090000","reviews_release":"release-2026-02-04-153045",
         "timestamp":"2026-02-05T09:00:00+00:00","reviewed_by":"Carol CTO","note":"ok","recorded_by":"Rita","recorded_by_email":"rita@example.com",
         "tool":{"name":"shipgate","version":"0.1.0"},
         "previous_release":{"id":"release-2026-02-04-153045","sha256":"0000000000000000000000000000000000000000000000000000000000000000"}}
        """;

    private static IReadOnlyList<string> ValidateReview(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(LegacyReview)!.AsObject();
        change(node);
        return RecordSchemas.Validate(Encoding.UTF8.GetBytes(node.ToJsonString()), isRelease: false);
    }

    private const string OnePush = """[{"sha":"3333333333333333333333333333333333333333","subject":"hotfix","author":"Dana","author_email":"d@x"}]""";

    private static void AsDirectPushReview(JsonObject node)
    {
        node["kind"] = "direct_push_review";
        node.Remove("reviews_release");
        node["reviewed_by_email"] = "carol@example.com";
        node["reviewed_by_login"] = null;
        node["direct_pushes"] = JsonNode.Parse(OnePush);
    }

    [Fact]
    public void Reviews_old_and_new_are_valid()
    {
        Assert.Empty(ValidateReview(_ => { }));
        Assert.Empty(ValidateReview(node => { node["reviewed_by_email"] = "carol@example.com"; node["reviewed_by_login"] = "carol"; }));
        Assert.Empty(ValidateReview(AsDirectPushReview));
    }

    [Fact]
    public void Each_kind_of_review_must_name_what_it_answers_for_and_nothing_else()
    {
        Assert.NotEmpty(ValidateReview(node => node.Remove("reviews_release")));
        Assert.NotEmpty(ValidateReview(node => node["kind"] = "approval"));
        Assert.NotEmpty(ValidateReview(node => node["direct_pushes"] = JsonNode.Parse(OnePush)));
        Assert.NotEmpty(ValidateReview(node => { AsDirectPushReview(node); node["reviews_release"] = "release-2026-02-04-153045"; }));
        Assert.NotEmpty(ValidateReview(node => { AsDirectPushReview(node); node.Remove("direct_pushes"); }));
        Assert.NotEmpty(ValidateReview(node => { AsDirectPushReview(node); node["direct_pushes"] = new JsonArray(); }));
        Assert.NotEmpty(ValidateReview(node => { AsDirectPushReview(node); node.Remove("reviewed_by_email"); }));
        Assert.NotEmpty(ValidateReview(node => { AsDirectPushReview(node); node["direct_pushes"]![0]!["sha"] = "HEAD~1"; }));
    }
}
