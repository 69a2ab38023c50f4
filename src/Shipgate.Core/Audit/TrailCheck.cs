using System.Text.Json.Serialization;

namespace Shipgate.Audit;

/// <summary>The checks verify makes, in the order they are shown; each under its name in verify's JSON (schemas/audit-verify.v1.json).</summary>
internal enum TrailCheck
{
    [JsonStringEnumMemberName("schema")] Schema,
    [JsonStringEnumMemberName("chain")] Chain,
    [JsonStringEnumMemberName("append_only")] AppendOnly,
    [JsonStringEnumMemberName("order")] Order,
    [JsonStringEnumMemberName("ranges")] Ranges,
    [JsonStringEnumMemberName("coverage")] Coverage,
    [JsonStringEnumMemberName("signatures")] Signatures,
    [JsonStringEnumMemberName("reviews")] Reviews,
    [JsonStringEnumMemberName("independence")] Independence,
    [JsonStringEnumMemberName("tags")] Tags,
    [JsonStringEnumMemberName("witness")] Witness,
    [JsonStringEnumMemberName("claims")] Claims,
}
