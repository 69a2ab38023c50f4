using System.Text.Json;
using System.Text.Json.Nodes;
using Shipgate.Audit;
using Shipgate.Record;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit;

/// <summary>
/// <c>shipgate audit verify</c> on real repositories with several releases: an honest trail passes,
/// and each kind of tampering fails with a message naming what broke.
/// </summary>
[Trait("Category", "Integration")]
public sealed class VerifyTests
{
    /// <summary>Three real releases, each with a new PR.</summary>
    private static async Task<ReleaseScenario> ThreeReleasesAsync()
    {
        var s = new ReleaseScenario(Scenarios.Rich);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        for (var n = 0; n < 2; n++)
        {
            s.Git.SquashPullRequest(400 + n, $"BOL-{40 + n}: Follow-up {n}", new() { [$"web/follow{n}.ts"] = $"{n}\n" });
            var result = await s.ReleaseAsync();
            Assert.True(result.Code == ExitCode.Success, result.Output);
        }
        return s;
    }

    private static Task<RunResult> VerifyAsync(ReleaseScenario s, params string[] extra) => s.Runner.RunAsync(["audit", "verify", .. extra]);

    /// <summary>The problems verify --json named; its output, broken trail or not, matches the published schema.</summary>
    private static List<string> Problems(RunResult result)
    {
        Assert.Empty(RecordSchemas.ValidateVerify(System.Text.Encoding.UTF8.GetBytes(result.Stdout)));
        return JsonDocument.Parse(result.Stdout).RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => p.GetProperty("message").GetString()!).ToList();
    }

    private static IReadOnlyList<string> ReleaseFiles(ReleaseScenario s) =>
        RecordFiles.ChainIds(s.OriginFiles("compliance-archives", "releases")).Select(id => $"releases/{id}.json").ToList();

    /// <summary>Changes the archive branch on origin from the developer clone, as someone with push access could.</summary>
    internal static void Tamper(ReleaseScenario s, string message, Action<string> change)
    {
        var dev = s.Git.Developer;
        GitScenario.Run(dev, "fetch", "--quiet", "origin", "compliance-archives");
        GitScenario.Run(dev, "checkout", "--quiet", "-B", "compliance-archives", "FETCH_HEAD");
        change(dev);
        GitScenario.Run(dev, "add", "-A");
        GitScenario.Run(dev, "commit", "--quiet", "-m", message);
        GitScenario.Run(dev, "push", "--quiet", "--force", "origin", "compliance-archives");
        GitScenario.Run(dev, "checkout", "--quiet", "-f", "staging");
    }

    [Fact]
    public async Task An_honest_trail_passes()
    {
        using var s = await ThreeReleasesAsync();

        var result = await VerifyAsync(s);
        var json = await VerifyAsync(s, "--json");

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("PASS: the audit trail is intact.", result.Output);
        Assert.Contains("(3 releases, 0 reviews)", result.Output);
        var verdict = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.True(verdict.GetProperty("ok").GetBoolean());
        Assert.Equal(3, verdict.GetProperty("releases").GetInt32());
        Assert.Equal(0, verdict.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task A_changed_byte_in_a_record_is_caught_and_named()
    {
        using var s = await ThreeReleasesAsync();
        var first = ReleaseFiles(s)[0];
        Tamper(s, "fix typo", dev =>
        {
            var path = Path.Combine(dev, first);
            File.WriteAllText(path, File.ReadAllText(path).Replace("\"released_by\": \"Rita Releaser\"", "\"released_by\": \"Mallory\""));
        });

        var result = await VerifyAsync(s, "--json");

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        var verdict = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(Path.GetFileNameWithoutExtension(first), verdict.GetProperty("first_broken").GetString());
        var messages = verdict.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("message").GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains($"{first} was edited by commit"));
        Assert.Contains(messages, m => m.Contains("was changed after it was recorded"));
    }

    [Fact]
    public async Task A_deleted_record_is_caught()
    {
        using var s = await ThreeReleasesAsync();
        var middle = ReleaseFiles(s)[1];
        Tamper(s, "cleanup", dev =>
        {
            File.Delete(Path.Combine(dev, middle));
            File.Delete(Path.Combine(dev, Path.ChangeExtension(middle, ".md")));
        });

        var result = await VerifyAsync(s, "--json");

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        Assert.Contains(Problems(result), m => m.StartsWith($"{middle} was deleted by commit"));
        Assert.Equal(Path.GetFileNameWithoutExtension(middle), JsonDocument.Parse(result.Stdout).RootElement.GetProperty("first_broken").GetString());
        var text = await VerifyAsync(s);
        Assert.Contains("FAIL: the audit trail is broken", text.Output);
    }

    [Fact]
    public async Task A_record_removed_by_rewriting_history_is_caught()
    {
        using var s = await ThreeReleasesAsync();
        var ids = ReleaseFiles(s).Select(Path.GetFileNameWithoutExtension).ToList();
        var dev = s.Git.Developer;
        GitScenario.Run(dev, "fetch", "--quiet", "origin", "compliance-archives");
        // Drop the middle release's commit and force-push, as if it never happened.
        var log = GitScenario.Run(dev, "log", "--format=%H %s", "FETCH_HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var middleCommit = log.Select(l => l.Split(' ')[0])
            .Single(sha => GitScenario.Run(dev, "show", "--name-only", "--format=", sha).Split('\n').Contains($"releases/{ids[1]}.json"));
        GitScenario.Run(dev, "checkout", "--quiet", "-B", "compliance-archives", "FETCH_HEAD");
        GitScenario.Run(dev, "rebase", "--quiet", "--onto", middleCommit + "^", middleCommit);
        GitScenario.Run(dev, "push", "--quiet", "--force", "origin", "compliance-archives");
        GitScenario.Run(dev, "checkout", "--quiet", "-f", "staging");

        var result = await VerifyAsync(s, "--json");

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        var messages = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => p.GetProperty("message").GetString()!)
            .ToList();
        Assert.Contains(messages, m => m.StartsWith($"{ids[2]} links to {ids[1]}, but the record before it is {ids[0]}"));
        Assert.Contains(messages, m => m.Contains("in no release record (a direct push)"));
    }

    [Fact]
    public async Task Two_swapped_records_are_caught()
    {
        using var s = await ThreeReleasesAsync();
        var files = ReleaseFiles(s);
        Tamper(s, "reorder", dev =>
        {
            var a = Path.Combine(dev, files[0]);
            var b = Path.Combine(dev, files[1]);
            var bytes = File.ReadAllBytes(a);
            File.WriteAllBytes(a, File.ReadAllBytes(b));
            File.WriteAllBytes(b, bytes);
        });

        var result = await VerifyAsync(s, "--json");

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        Assert.Contains(Problems(result), m => m.StartsWith($"{files[0]} says it is {Path.GetFileNameWithoutExtension(files[1])}"));
    }

    [Fact]
    public async Task A_forged_record_inserted_later_is_caught()
    {
        using var s = await ThreeReleasesAsync();
        var files = ReleaseFiles(s);
        var firstId = Path.GetFileNameWithoutExtension(files[0]);
        var forgedId = "release-2000-01-01-000000";
        Tamper(s, "add missing record", dev =>
        {
            var text = File.ReadAllText(Path.Combine(dev, files[0])).Replace(firstId, forgedId);
            File.WriteAllText(Path.Combine(dev, "releases", forgedId + ".json"), text);
        });

        var result = await VerifyAsync(s, "--json");

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        Assert.Contains(Problems(result), m => m.StartsWith($"{forgedId} was added after") && m.EndsWith("inserted or reordered later."));
    }

    [Fact]
    public async Task A_commit_pushed_straight_to_main_is_listed_as_a_direct_push()
    {
        using var s = await ThreeReleasesAsync();
        var sneaky = s.Git.DirectCommit("main", "hotfix straight to prod", new() { ["prod.txt"] = "x\n" });

        var result = await VerifyAsync(s, "--json");

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        var verdict = JsonDocument.Parse(result.Stdout).RootElement;
        var push = Assert.Single(verdict.GetProperty("direct_pushes").EnumerateArray());
        Assert.Equal(sneaky, push.GetProperty("sha").GetString());
        Assert.Equal("hotfix straight to prod", push.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task A_record_with_nonsense_fields_is_a_broken_trail_not_a_crash()
    {
        using var s = await ThreeReleasesAsync();
        var second = ReleaseFiles(s)[1];
        Tamper(s, "rewrite", dev =>
        {
            var path = Path.Combine(dev, second);
            var node = JsonNode.Parse(File.ReadAllText(path))!;
            node["to_sha"] = null;
            node["previous_release"] = new JsonObject { ["id"] = "x", ["sha256"] = "ab" };
            File.WriteAllText(path, node.ToJsonString());
        });

        var result = await VerifyAsync(s, "--json");

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        Assert.Contains(Problems(result), m => m.StartsWith($"{second} does not match the published schema"));
    }

    [Fact]
    public async Task A_rewritten_main_is_reported_as_rewritten()
    {
        using var s = await ThreeReleasesAsync();
        var dev = s.Git.Developer;
        GitScenario.Run(dev, "checkout", "--quiet", "--orphan", "rewritten");
        GitScenario.Run(dev, "commit", "--quiet", "--allow-empty", "-m", "history rewritten");
        GitScenario.Run(dev, "push", "--quiet", "--force", "origin", "rewritten:main");
        GitScenario.Run(dev, "checkout", "--quiet", "-f", "staging");

        var result = await VerifyAsync(s, "--json");

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        Assert.Contains(Problems(result), m => m.EndsWith("where the first release started: its history was rewritten."));
    }

    [Fact]
    public async Task Without_any_release_there_is_nothing_to_break()
    {
        using var s = new ReleaseScenario();
        var result = await VerifyAsync(s);
        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("(0 releases, 0 reviews)", result.Output);
    }
}
