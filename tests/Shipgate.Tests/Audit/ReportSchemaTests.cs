using System.Text;
using System.Text.Json.Nodes;
using Shipgate.Audit;

namespace Shipgate.Tests.Audit;

/// <summary>
/// The published schemas of <c>audit report --format json</c> (one repository, and the organisation's) accept a report as the
/// tool writes it and reject what it would never write, down to the records it carries (checked by the record schemas).
/// </summary>
public sealed class ReportSchemaTests
{
    private static readonly string Report = $$"""
        {"repository":"acme/svc","period":{"since":"2026-02-01","until":"2026-02-28"},"generated_at":"2026-03-01T09:00:00+00:00",
         "totals":{"releases":1,"pull_requests":0,"independently_reviewed":0,"review_unknown":0,"share_independently_reviewed":"n/a",
           "unspecced_changes":0,"gaps":0,"emergencies":0,"emergencies_unreviewed":0,"direct_pushes_acknowledged":0},
         "releases":[{"record":{{RecordSchemaTests.Valid}},"review":null,"deployment_outcome":"not_followed","deployment":null}],
         "unreadable_records":[],"direct_push_reviews":[]}
        """;

    private static IReadOnlyList<string> ValidateReport(Action<JsonObject>? change = null)
    {
        var node = JsonNode.Parse(Report)!.AsObject();
        change?.Invoke(node);
        return RecordSchemas.ValidateReport(Encoding.UTF8.GetBytes(node.ToJsonString()));
    }

    private static IReadOnlyList<string> ValidateOrgReport(Action<JsonObject>? change = null)
    {
        var node = JsonNode.Parse($$"""
            {"period":{"since":"2026-02-01","until":"2026-02-28"},"generated_at":"2026-03-01T09:00:00+00:00",
             "summary":{"repositories":2,"intact":1,"broken":0,"not_verified":1,"no_trail":0,"releases":1,"pull_requests":0,"independently_reviewed":0,
               "review_unknown":0,"share_independently_reviewed":"n/a","emergencies":0,"emergencies_unreviewed":0,"direct_pushes_acknowledged":0,
               "direct_pushes_unacknowledged":0,"gaps":0,"unspecced_changes":0},
             "repositories":[
               {"repository":"acme/svc","source":"https://github.com/acme/svc","verify":{"status":"intact","first_problem":null},"report":{{Report}}},
               {"repository":"./gone","source":"./gone","verify":{"status":"not_verified","first_problem":"cannot be read"},"report":null}]}
            """)!.AsObject();
        change?.Invoke(node);
        return RecordSchemas.ValidateOrgReport(Encoding.UTF8.GetBytes(node.ToJsonString()));
    }

    private static JsonObject FirstRelease(JsonObject report) => report["releases"]![0]!.AsObject();

    [Fact]
    public void A_report_as_written_is_valid() => Assert.Empty(ValidateReport());

    [Fact]
    public void A_report_with_a_field_too_many_or_missing_or_a_wrong_value_is_rejected()
    {
        Assert.NotEmpty(ValidateReport(r => r["approved_by_magic"] = true));
        Assert.NotEmpty(ValidateReport(r => r.Remove("totals")));
        Assert.NotEmpty(ValidateReport(r => r["period"]!["since"] = "February"));
        Assert.NotEmpty(ValidateReport(r => FirstRelease(r)["deployment_outcome"] = "deployed"));
        Assert.NotEmpty(ValidateReport(r => r["totals"]!["share_independently_reviewed"] = 0.5));
    }

    [Fact]
    public void The_records_a_report_carries_are_checked_by_their_own_schemas()
    {
        Assert.NotEmpty(ValidateReport(r => FirstRelease(r)["record"]!["from_sha"] = "not-a-sha"));
        Assert.NotEmpty(ValidateReport(r => FirstRelease(r)["review"] = new JsonObject { ["kind"] = "review" }));
        Assert.NotEmpty(ValidateReport(r => FirstRelease(r)["deployment"] = new JsonObject { ["outcome"] = "succeeded" }));
        Assert.NotEmpty(ValidateReport(r => r["direct_push_reviews"] = new JsonArray(new JsonObject { ["kind"] = "review" })));
    }

    [Fact]
    public void An_organisations_report_is_checked_down_to_each_repositorys_report()
    {
        Assert.Empty(ValidateOrgReport());
        Assert.NotEmpty(ValidateOrgReport(o => o["repositories"]![0]!["verify"]!["status"] = "fine"));
        Assert.NotEmpty(ValidateOrgReport(o => o["repositories"]![0]!["report"]!["totals"]!.AsObject().Remove("gaps")));
        Assert.NotEmpty(ValidateOrgReport(o => o["summary"]!.AsObject().Remove("direct_pushes_unacknowledged")));
    }
}
