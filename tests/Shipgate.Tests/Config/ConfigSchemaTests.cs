using System.Text.RegularExpressions;
using Shipgate.Config;

namespace Shipgate.Tests.Config;

/// <summary>schemas/shipgate-config.v1.json and the loader say the same thing: on every README example, and on mistakes.</summary>
public sealed class ConfigSchemaTests
{
    /// <summary>The folder holding Shipgate.slnx, found from the test's own folder.</summary>
    internal static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Shipgate.slnx"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("Shipgate.slnx not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<int, string> ReadmeExamples()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var data = new TheoryData<int, string>();
        var blocks = Regex.Matches(readme, "```yaml\n(.*?)```", RegexOptions.Singleline);
        for (var i = 0; i < blocks.Count; i++) data.Add(i, blocks[i].Groups[1].Value);
        return data;
    }

    [Fact]
    public void The_README_has_configuration_examples() => Assert.True(ReadmeExamples().Count >= 2);

    [Theory]
    [MemberData(nameof(ReadmeExamples))]
    public void Every_README_example_loads_and_matches_the_schema(int index, string yaml)
    {
        var config = ConfigLoader.Parse(yaml, $"README example {index}");
        Assert.NotNull(config);
        Assert.Empty(ConfigSchema.Problems(yaml));
    }

    [Theory]
    [InlineData("remote: origin\nbranchs:\n  staging: x\n")]
    [InlineData("github:\n  required_checks: build\n")]
    [InlineData("github:\n  require_independent_review: maybe\n")]
    [InlineData("confirmation:\n  words: [A, B]\n")]
    [InlineData("confirmation:\n  words: [A, B, ABORT]\n")]
    [InlineData("tickets:\n  keys: [UTF-8]\n")]
    [InlineData("areas:\n  web:\n    title: Web\n")]
    [InlineData("areas:\n  web:\n    titel: Web\n    paths: [\"web/**\"]\n")]
    [InlineData("github:\n  api_url: ftp://x\n")]
    [InlineData("github:\n  api_url: https://user:secret@ghe.example.com\n")]
    [InlineData("github:\n  repository: acme\n")]
    [InlineData("remote: [a, b]\n")]
    [InlineData("remote: \"-upload\"\n")]
    [InlineData("branches:\n  staging: \"a..b\"\n")]
    [InlineData("branches:\n  archive: audit.lock\n")]
    [InlineData("release:\n  from_branches: [HEAD]\n")]
    [InlineData("audit:\n  review_within: 2 days\n")]
    [InlineData("audit:\n  sign: on\n")]
    [InlineData("branches: main\n")]
    [InlineData("- just\n- a list\n")]
    [InlineData("tickets:\n  keys: [BOL, ENG\nremote: origin\n")]
    [InlineData("controls:\n  paths: [\"/etc/deploy\"]\n")]
    [InlineData("controls:\n  paths: [\"  \"]\n")]
    [InlineData("controls:\n  path: [deploy]\n")]
    public void A_mistake_the_loader_refuses_the_schema_refuses_too(string yaml)
    {
        Assert.Throws<UsageException>(() => ConfigLoader.Parse(yaml, ".shipgate.yml"));
        Assert.NotEmpty(ConfigSchema.Problems(yaml));
    }

    [Fact]
    public void An_empty_file_is_valid_for_both()
    {
        Assert.NotNull(ConfigLoader.Parse("", ".shipgate.yml"));
        Assert.Empty(ConfigSchema.Problems(""));
        Assert.Empty(ConfigSchema.Problems("# only a comment\n"));
    }
}
