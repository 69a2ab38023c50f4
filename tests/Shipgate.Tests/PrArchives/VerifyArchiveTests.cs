using System.Text;
using System.Text.Json.Nodes;
using Shipgate.Audit;
using Shipgate.Tests.GitHub;
using static Shipgate.Tests.PrArchives.PrArchiveStory;

namespace Shipgate.Tests.PrArchives;

/// <summary>
/// <c>audit verify</c> holds the archives Shipgate wrote to their published schema and their names to their content; archives other
/// tools wrote (naming no such schema) count as present and are not judged.
/// </summary>
[Trait("Category", "Integration")]
public sealed class VerifyArchiveTests
{
    private static async Task<GitHubRelease> ReleasedAndArchivedAsync()
    {
        var g = await StartAsync(git => git.AddArchiveFiles(Archive, new() { ["compliance/pr-3-by-another-tool-20261001.json"] = "{\"x\": 1}\n" }));
        var archived = await g.ArchiveAsync("pr", "10");
        Assert.True(archived.Code == ExitCode.Success, archived.Output);
        return g;
    }

    [Fact]
    public async Task Archives_shipgate_wrote_and_archives_of_other_tools_pass_verify()
    {
        await using var g = await ReleasedAndArchivedAsync();

        var verify = await Offline(g, "audit", "verify");

        Assert.True(verify.Code == ExitCode.Success, verify.Output);
    }

    [Fact]
    public async Task A_shipgate_archive_missing_a_required_field_fails_verify()
    {
        await using var g = await ReleasedAndArchivedAsync();
        var archive = JsonNode.Parse(g.Scenario.OriginFile(Archive, Pr10 + ".json"))!.AsObject();
        archive.Remove("reviews");
        archive["pr"] = 12;
        const string path = "compliance/pr-12-BOL-1-login-page-20261103.json";
        g.Scenario.Git.AddArchiveFiles(Archive, new() { [path] = archive.ToJsonString() });

        var verify = await Offline(g, "audit", "verify", "--json");

        Assert.Equal(ExitCode.TrailBroken, verify.Code);
        Assert.Empty(RecordSchemas.ValidateVerify(Encoding.UTF8.GetBytes(verify.Stdout)));
        Assert.Contains($"{path}, a PR's compliance archive written by Shipgate, does not match the published schema " +
            "https://shipgate.dev/schemas/pr-archive.v1.json: /: Required properties [\"reviews\"] are not present", Strings(verify));
    }

    [Fact]
    public async Task A_shipgate_archive_under_a_name_its_content_does_not_give_fails_verify()
    {
        await using var g = await ReleasedAndArchivedAsync();
        const string path = "compliance/pr-11-BOL-1-login-page-20261103.json";
        g.Scenario.Git.AddArchiveFiles(Archive, new() { [path] = Encoding.UTF8.GetString(g.Scenario.OriginFile(Archive, Pr10 + ".json")) });

        var verify = await Offline(g, "audit", "verify", "--json");

        Assert.Equal(ExitCode.TrailBroken, verify.Code);
        Assert.Contains($"{path}, a PR's compliance archive written by Shipgate, does not match the published schema " +
            $"https://shipgate.dev/schemas/pr-archive.v1.json: its name does not match its content, which names {Pr10}.json", Strings(verify));
    }

    /// <summary>Every string of a JSON document, as one text (the messages as written, unescaped).</summary>
    private static string Strings(Support.RunResult result) =>
        string.Join("\n", Walk(JsonNode.Parse(result.Stdout)));

    private static IEnumerable<string> Walk(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Walk(p.Value)),
        JsonArray a => a.SelectMany(Walk),
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    /// <summary>The command without a GitHub token: verify judges the archive branch alone.</summary>
    private static async Task<Support.RunResult> Offline(GitHubRelease g, params string[] args)
    {
        var token = g.Scenario.Runner.Environment["GH_TOKEN"];
        g.Scenario.Runner.Environment["GH_TOKEN"] = null;
        try
        {
            return await g.Scenario.Runner.RunAsync(args);
        }
        finally
        {
            g.Scenario.Runner.Environment["GH_TOKEN"] = token;
        }
    }
}
