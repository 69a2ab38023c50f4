using Shipgate.Config;
using Shipgate.Release;

namespace Shipgate.Tests.Release;

public sealed class AreaTests
{
    [Theory]
    [InlineData("web/**", "web/a/b.ts", true)]
    [InlineData("web/**", "website/a.ts", false)]
    [InlineData("web/*.ts", "web/a.ts", true)]
    [InlineData("web/*.ts", "web/x/a.ts", false)]
    [InlineData("**/*.md", "README.md", true)]
    [InlineData("**/*.md", "docs/a/b.md", true)]
    [InlineData("docs/", "docs/a/b.md", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "a/c", false)]
    [InlineData("file.txt", "fileXtxt", false)]
    public void Globs_match_whole_paths(string glob, string path, bool expected) =>
        Assert.Equal(expected, new PathGlob(glob).Matches(path));

    [Fact]
    public void A_file_belongs_to_every_matching_area_else_to_its_top_folder()
    {
        var map = new AreaMap([new AreaRule("web", "Web", ["web/**"]), new AreaRule("ts", "TypeScript", ["**/*.ts"])]);
        Assert.Equal(["web", "ts"], map.AreasOf("web/a.ts"));
        Assert.Equal(["docs"], map.AreasOf("docs/a.md"));
        Assert.Equal([AreaMap.RootAreaId], map.AreasOf("README.md"));
        Assert.Equal("Web", map.TitleOf("web"));
        Assert.Equal("docs", map.TitleOf("docs"));
        Assert.True(map.OrderOf("web") < map.OrderOf("ts") && map.OrderOf("ts") < map.OrderOf("docs"));
    }

    [Fact]
    public void Archives_match_the_exact_pull_request_number()
    {
        var index = ComplianceArchives.Index([
            "compliance/pr-108-BOL-407-20260204.json",
            "compliance/pr-1080-other.json",
            "compliance/pr-10.json",
            "compliance/pr-12-a-20260101.json",
            "compliance/pr-12-a-20260301.json",
            "other/pr-13-x.json",
            "compliance/notes-pr-14-x.json",
        ]);
        Assert.Equal("compliance/pr-108-BOL-407-20260204.json", index[108]);
        Assert.Equal("compliance/pr-1080-other.json", index[1080]);
        Assert.Equal("compliance/pr-10.json", index[10]);
        Assert.Equal("compliance/pr-12-a-20260301.json", index[12]);
        Assert.False(index.ContainsKey(13));
        Assert.False(index.ContainsKey(14));
    }
}
