using System.Text;
using System.Text.Json.Nodes;
using Shipgate.Audit;

namespace Shipgate.Tests.Audit;

/// <summary>The review record's reviewer_proof as the published schema takes it (schemas/review-record.v1.json).</summary>
public sealed class ReviewerProofSchemaTests
{
    private const string Review = """
        {"schema_version":1,"kind":"review","review_id":"review-2026-02-05-090000","reviews_release":"release-2026-02-04-153045",
         "timestamp":"2026-02-05T09:00:00+00:00","reviewed_by":"Carol CTO","reviewed_by_email":"carol@example.com","reviewed_by_login":null,
         "note":"ok","recorded_by":"Carol CTO","recorded_by_email":"carol@example.com","tool":{"name":"shipgate","version":"0.1.0"},
         "previous_release":{"id":"release-2026-02-04-153045","sha256":"0000000000000000000000000000000000000000000000000000000000000000"}}
        """;

    private static IReadOnlyList<string> WithProof(string proof)
    {
        var node = JsonNode.Parse(Review)!.AsObject();
        node["reviewer_proof"] = JsonNode.Parse(proof);
        return RecordSchemas.Validate(Encoding.UTF8.GetBytes(node.ToJsonString()), isRelease: false);
    }

    [Theory]
    [InlineData("""{"method":"github-token","login":"carol-cto"}""")]
    [InlineData("""{"method":"ssh-signature","key":"SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s","principal":"carol@example.com"}""")]
    [InlineData("""{"method":"git-config"}""")]
    public void Each_kind_of_proof_is_valid(string proof) => Assert.Empty(WithProof(proof));

    [Theory]
    [InlineData("""{"method":"typed"}""")]
    [InlineData("""{"method":"github-token"}""")]
    [InlineData("""{"method":"ssh-signature","principal":"carol@example.com"}""")]
    [InlineData("""{"method":"ssh-signature","key":"AAAA","principal":"carol@example.com"}""")]
    [InlineData("""{"method":"git-config","token":"ghp_x"}""")]
    public void A_proof_missing_what_proves_it_or_holding_anything_else_is_refused(string proof) => Assert.NotEmpty(WithProof(proof));
}
