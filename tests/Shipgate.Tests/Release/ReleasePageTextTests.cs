using Shipgate.Record;
using Shipgate.Release.After;
using Shipgate.Tests.Audit;

namespace Shipgate.Tests.Release;

/// <summary>The GitHub Release's text: the release's Markdown and a link to the record, within GitHub's limit.</summary>
public sealed class ReleasePageTextTests
{
    private const string Link = "https://github.com/acme/shop/blob/compliance-archives/releases/release-2026-02-04-153045.json";

    private static ReleaseRecord Record(string? tag = "refs/tags/release-2026-02-04-153045") =>
        ReportRecords.Released("release-2026-02-04-153045", ReportRecords.At("2026-02-04T15:30:45")) with { Tag = tag };

    [Fact]
    public void A_release_s_page_is_its_Markdown_and_a_link_to_the_record()
    {
        var notes = ReleasePageText.For(Record(), "# Release\n\n- PR #10\n", Link)!;

        Assert.Equal("release-2026-02-04-153045", notes.Tag);
        Assert.StartsWith("# Release\n\n- PR #10", notes.Body);
        Assert.EndsWith($"Full release record: {Link}\n", notes.Body);
    }

    [Fact]
    public void A_body_past_GitHub_s_limit_is_cut_at_a_line_and_keeps_the_link()
    {
        var markdown = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"- line {i} of a very large release\n"));

        var body = ReleasePageText.Body(markdown, Link);

        Assert.True(markdown.Length > ReleasePageText.BodyLimit);
        Assert.True(body.Length <= ReleasePageText.BodyLimit, $"{body.Length}");
        Assert.EndsWith($"Full release record: {Link}\n", body);
        Assert.Contains("Trimmed to GitHub's limit", body);
        var kept = body[..body.IndexOf("\n\n_Trimmed", StringComparison.Ordinal)];
        Assert.EndsWith("of a very large release", kept);
    }

    [Fact]
    public void A_record_without_a_tag_gets_no_page_and_an_emergency_is_named()
    {
        Assert.Null(ReleasePageText.For(Record(tag: null), "# x", Link));
        var emergency = Record() with { Emergency = new RecordEmergency("hotfix", CiOverridden: true) };
        Assert.Equal("release-2026-02-04-153045 (EMERGENCY)", ReleasePageText.For(emergency, "# x", Link)!.Name);
    }
}
