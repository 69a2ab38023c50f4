using System.Text;
using System.Text.Json.Nodes;
using Shipgate.Audit;
using Shipgate.Integrations;
using Shipgate.PrArchives;
using Shipgate.Release;

namespace Shipgate.Tests.PrArchives;

/// <summary>The published schema of a PR archive (schemas/pr-archive.v1.json) holds what Shipgate writes and refuses what breaks it.</summary>
public sealed class PrArchiveSchemaTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 3, 1, 30, 0, TimeSpan.Zero);

    internal static PrArchive Archive(string title = "BOL-7: Fix the cache") => PrArchiveBuilder.Build("acme/demo",
        new PullRequestFacts(7, title, "https://github.com/acme/demo/pull/7", "dana", "", true, At, "sam", "staging", "dev/bol-7",
            new string('a', 40), new string('b', 40)),
        [new PrArchiveReview("sam", "APPROVED", At, new string('a', 40), true)],
        new CiVerdict(new string('b', 40), CiState.Success, [new CiCheck("build", "success", true)], []),
        [new PullRequestCommit(new string('a', 40), "Fix the cache\n\nRefs ENG-2", "dana")],
        [new PrArchiveFile("algo/cache.py", "modified", 3, 1)], new TicketMatcher(["BOL", "ENG"]), "rita-releaser", At);

    private static JsonObject Node() => JsonNode.Parse(PrArchiveFiles.Of(Archive())["compliance/pr-7-BOL-7-fix-the-cache-20261103.json"])!.AsObject();

    private static IReadOnlyList<string> Validate(JsonNode node) => RecordSchemas.ValidatePrArchive(Encoding.UTF8.GetBytes(node.ToJsonString()));

    [Fact]
    public void What_shipgate_writes_matches_the_schema_and_is_named_by_its_content()
    {
        var files = PrArchiveFiles.Of(Archive());

        Assert.Equal(["compliance/pr-7-BOL-7-fix-the-cache-20261103.json", "compliance/pr-7-BOL-7-fix-the-cache-20261103.md"], files.Keys.Order());
        var json = files["compliance/pr-7-BOL-7-fix-the-cache-20261103.json"];
        Assert.Empty(RecordSchemas.ValidatePrArchive(json));
        Assert.Empty(PrArchiveFiles.Problems("compliance/pr-7-BOL-7-fix-the-cache-20261103.json", json));
        Assert.True(PrArchiveFiles.IsShipgates(json));
        Assert.Equal(["BOL-7", "ENG-2"], Node()["tickets"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Theory]
    [InlineData("pr")]
    [InlineData("merged_at")]
    [InlineData("reviews")]
    [InlineData("ci")]
    [InlineData("files")]
    [InlineData("archived_by_login")]
    [InlineData("$schema")]
    public void An_archive_without_a_required_field_breaks_the_schema(string field)
    {
        var node = Node();
        node.Remove(field);

        Assert.Contains(Validate(node), e => e.Contains($"\"{field}\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Fields_of_the_wrong_kind_break_the_schema()
    {
        var node = Node();
        node["pr"] = "7";
        node["merge_commit"] = "not a sha";
        node["files"]![0]!["additions"] = -1;

        var errors = Validate(node);

        Assert.Contains(errors, e => e.StartsWith("/pr:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/merge_commit:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/files/0/additions:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_its_content_does_not_give_is_a_problem_and_an_archive_of_another_tool_is_not_shipgates()
    {
        var json = PrArchiveFiles.Of(Archive())["compliance/pr-7-BOL-7-fix-the-cache-20261103.json"];

        Assert.Equal(["its name does not match its content, which names compliance/pr-7-BOL-7-fix-the-cache-20261103.json"],
            PrArchiveFiles.Problems("compliance/pr-7-BOL-7-fix-the-cache-20261104.json", json));
        Assert.False(PrArchiveFiles.IsShipgates("{\"pr\": 7}"u8.ToArray()));
        Assert.False(PrArchiveFiles.IsShipgates("not json"u8.ToArray()));
    }

    [Theory]
    [InlineData("BOL-7: Fix the cache", "BOL-7", "fix-the-cache")]
    [InlineData("[bol-7] Fix the cache", "BOL-7", "fix-the-cache")]
    [InlineData("Fix the cache (BOL-7)", "BOL-7", "fix-the-cache-bol-7")]
    [InlineData("../../etc/passwd\n\u0007", null, "etc-passwd")]
    [InlineData("日本語だけ", null, "change")]
    [InlineData("a-very-long-title-that-goes-on-and-on-far-past-what-any-listing-shows", null, "a-very-long-title-that-goes-on-and-on-far-past")]
    public void The_slug_is_lower_case_ascii_words_without_the_leading_ticket(string title, string? ticket, string slug)
    {
        Assert.Equal(slug, PrArchiveName.Slug(title, ticket));
    }
}
