using System.Text;
using System.Text.Json;
using Shipgate.Audit;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit.Org;

/// <summary>
/// <c>shipgate audit verify --repos FILE</c> from a folder that is no repository: each repository's verdict as single
/// verify gives it, the organisation's summary, --json, exit 5 when any trail is broken or unverifiable, and no ref
/// of any origin changed.
/// </summary>
[Trait("Category", "Integration")]
[Collection(Organisation.Collection)]
public sealed class OrgVerifyTests(Organisation org)
{
    private ShipgateRunner Runner(string? cache = null) => org.Auditor(cache);

    private static JsonElement Json(RunResult result)
    {
        Assert.Empty(RecordSchemas.ValidateVerifyOrg(Encoding.UTF8.GetBytes(result.Stdout)));
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    private static Dictionary<string, JsonElement> ByRepository(JsonElement document) =>
        document.GetProperty("repositories").EnumerateArray().ToDictionary(r => r.GetProperty("repository").GetString()!);

    /// <summary>A verdict's problems as (check, message), in the order verify gives them.</summary>
    private static List<(string Check, string Message)> Problems(JsonElement verdict) =>
        [.. verdict.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("check").GetString()!, p.GetProperty("message").GetString()!))];

    [Fact]
    public async Task Intact_trails_pass_and_nothing_changes_anywhere()
    {
        var before = org.AllOriginRefs();
        var repos = org.ReposFile(["intact", "intact-too"]);

        var text = await Runner().RunAsync(["audit", "verify", "--repos", repos]);
        var json = await Runner().RunAsync(["audit", "verify", "--repos", repos, "--json"]);

        Assert.True(text.Code == ExitCode.Success, text.Output);
        Assert.Contains("Organisation: 2 repositories: 2 intact, 0 broken, 0 not verified; 3 releases verified.", text.Output);
        Assert.Contains("PASS: every repository's audit trail is intact.", text.Output);
        Assert.Matches($"intact +{Regex(org.NameOf("intact"))} +2 releases", text.Output);
        Assert.Equal(ExitCode.Success, json.Code);
        var document = Json(json);
        Assert.True(document.GetProperty("ok").GetBoolean());
        Assert.Equal(3, document.GetProperty("summary").GetProperty("releases").GetInt32());
        Assert.Equal(before, org.AllOriginRefs());
    }

    [Fact]
    public async Task Each_way_a_trail_breaks_is_named_per_repository_and_fails_the_organisation()
    {
        var before = org.AllOriginRefs();
        var repos = org.ReposFile(["intact", .. org.Broken]);

        var json = await Runner().RunAsync(["audit", "verify", "--repos", repos, "--json"]);
        var text = await Runner().RunAsync(["audit", "verify", "--repos", repos]);

        Assert.Equal(ExitCode.TrailBroken, json.Code);
        Assert.Equal(ExitCode.TrailBroken, text.Code);
        var document = Json(json);
        Assert.False(document.GetProperty("ok").GetBoolean());
        var summary = document.GetProperty("summary");
        Assert.Equal((1, org.Broken.Count, 0),
            (summary.GetProperty("intact").GetInt32(), summary.GetProperty("broken").GetInt32(), summary.GetProperty("not_verified").GetInt32()));
        var verdicts = ByRepository(document);
        Assert.Equal("intact", verdicts[org.NameOf("intact")].GetProperty("status").GetString());
        var checksSeen = new HashSet<string>();
        foreach (var broken in org.Broken)
        {
            var verdict = verdicts[org.NameOf(broken)];
            Assert.True(verdict.GetProperty("status").GetString() == "broken", broken);
            var first = verdict.GetProperty("first_problem").GetString()!;
            Assert.True(first.StartsWith(org.Expected[broken], StringComparison.Ordinal), $"{broken}: {first}");
            var problems = Problems(verdict);
            Assert.True(problems[0].Check == org.FirstCheck[broken], $"{broken}: {problems[0].Check}");
            checksSeen.UnionWith(problems.Select(p => p.Check));
            // The same verdict as audit verify gives in a clone of that repository.
            org.Repositories[broken].Runner.Clock = new ShiftedClock(Organisation.Later);
            var single = await org.Repositories[broken].Runner.RunAsync(["audit", "verify", "--json"]);
            Assert.True(single.Code == ExitCode.TrailBroken, $"{broken}: {single.Output}");
            Assert.Equal(Problems(JsonDocument.Parse(single.Stdout).RootElement), problems);
            Assert.Contains($"BROKEN       {org.NameOf(broken)}", text.Output);
        }
        // Between them, the broken repositories fail every check verify makes offline (the witness and the records' claims ask GitHub:
        // WitnessTests and ClaimsWitnessTests break them).
        Assert.Equal(Enum.GetValues<TrailCheck>().Where(c => c is not (TrailCheck.Witness or TrailCheck.Claims))
            .Select(c => JsonNamingPolicy.SnakeCaseLower.ConvertName(c.ToString())).Order(), checksSeen.Order());
        Assert.Contains($"{org.Broken.Count} broken, 0 not verified", text.Output);
        Assert.Contains("FAIL:", text.Output);
        Assert.Equal(before, org.AllOriginRefs());
    }

    [Fact]
    public async Task A_repository_that_cannot_be_fetched_is_named_and_never_counted_intact()
    {
        var repos = org.ReposFile(["intact"], "./no-such-repository");

        var json = await Runner().RunAsync(["audit", "verify", "--repos", repos, "--json"]);
        var text = await Runner().RunAsync(["audit", "verify", "--repos", repos]);

        Assert.Equal(ExitCode.TrailBroken, json.Code);
        var missing = Json(json).GetProperty("repositories")[1];
        Assert.Equal("./no-such-repository", missing.GetProperty("repository").GetString());
        Assert.Equal("not_verified", missing.GetProperty("status").GetString());
        Assert.False(missing.GetProperty("ok").GetBoolean());
        Assert.StartsWith("cannot be read:", missing.GetProperty("reason").GetString());
        Assert.Equal(ExitCode.TrailBroken, text.Code);
        Assert.Matches(@"NOT VERIFIED \./no-such-repository +cannot be read: ", text.Output);
        Assert.Contains("1 intact, 0 broken, 1 not verified", text.Output);
    }

    /// <summary>What verify says of a repository with no archive branch and no release tags.</summary>
    private const string NoTrailWhy = "the remote has no compliance-archives branch and no release tags, so nothing shows how changes reached main. " +
        "Release it with shipgate, or leave it out of --repos.";

    [Fact]
    public async Task A_repository_with_no_trail_is_named_counted_apart_and_fails_the_organisation()
    {
        var before = org.AllOriginRefs();
        var repos = org.ReposFile(["intact", Organisation.NoTrail, "intact-too"]);

        var json = await Runner().RunAsync(["audit", "verify", "--repos", repos, "--json"]);
        var text = await Runner().RunAsync(["audit", "verify", "--repos", repos]);

        Assert.Equal(ExitCode.TrailBroken, json.Code);
        Assert.Equal(ExitCode.TrailBroken, text.Code);
        var document = Json(json);
        Assert.False(document.GetProperty("ok").GetBoolean());
        var summary = document.GetProperty("summary");
        Assert.Equal((3, 2, 0, 0, 1, 3), (summary.GetProperty("repositories").GetInt32(), summary.GetProperty("intact").GetInt32(),
            summary.GetProperty("broken").GetInt32(), summary.GetProperty("not_verified").GetInt32(), summary.GetProperty("no_trail").GetInt32(),
            summary.GetProperty("releases").GetInt32()));
        var verdicts = ByRepository(document);
        var none = verdicts[org.NameOf(Organisation.NoTrail)];
        Assert.Equal("no_trail", none.GetProperty("status").GetString());
        Assert.False(none.GetProperty("ok").GetBoolean());
        Assert.Equal(NoTrailWhy, none.GetProperty("first_problem").GetString());
        Assert.Equal(JsonValueKind.Null, none.GetProperty("reason").ValueKind);
        Assert.Equal((0, 0), (none.GetProperty("releases").GetInt32(), none.GetProperty("release_tags").GetInt32()));
        Assert.Empty(Problems(none));
        Assert.Equal(["intact", "intact"], new[] { "intact", "intact-too" }.Select(n => verdicts[org.NameOf(n)].GetProperty("status").GetString()));

        // The screen wraps long lines at the test console's width: compare with runs of white space as one.
        var shown = Flat(text.Output);
        Assert.Contains($"NO TRAIL {org.NameOf(Organisation.NoTrail)} {NoTrailWhy}", shown);
        Assert.Contains("Organisation: 3 repositories: 2 intact, 0 broken, 0 not verified, 1 with no trail; 3 releases verified.", shown);
        Assert.Contains("FAIL: 1 of 3 repositories are not shown intact (broken, with no trail, or could not be verified). Run shipgate audit " +
            "verify in a clone of each for its full checklist. A repository with no trail holds no evidence: release it with shipgate, " +
            "or leave it out of --repos.", shown);
        Assert.DoesNotContain("PASS", text.Output);

        // Single verify in a clone of it is unchanged: nothing released yet, nothing to break.
        var single = await org.Repositories[Organisation.NoTrail].Runner.RunAsync(["audit", "verify"]);
        Assert.True(single.Code == ExitCode.Success, single.Output);
        Assert.Contains("(0 releases, 0 reviews)", single.Output);
        Assert.Equal(before, org.AllOriginRefs());
    }

    [Fact]
    public async Task A_repository_whose_trail_exists_verifies_as_before_beside_one_with_no_trail()
    {
        // Release tags without the archive branch are a trail, cut: still broken, not "no trail".
        var repos = org.ReposFile(["intact", "deleted-archive", Organisation.NoTrail]);

        var json = await Runner().RunAsync(["audit", "verify", "--repos", repos, "--json"]);

        Assert.Equal(ExitCode.TrailBroken, json.Code);
        var verdicts = ByRepository(Json(json));
        Assert.Equal(["intact", "broken", "no_trail"],
            new[] { "intact", "deleted-archive", Organisation.NoTrail }.Select(n => verdicts[org.NameOf(n)].GetProperty("status").GetString()));
        var intact = verdicts[org.NameOf("intact")];
        Assert.True(intact.GetProperty("ok").GetBoolean());
        Assert.Equal((2, 2), (intact.GetProperty("releases").GetInt32(), intact.GetProperty("release_tags").GetInt32()));
        Assert.Equal(JsonValueKind.Null, intact.GetProperty("first_problem").ValueKind);
        Assert.StartsWith(org.Expected["deleted-archive"], verdicts[org.NameOf("deleted-archive")].GetProperty("first_problem").GetString());
    }

    [Fact]
    public async Task A_warm_cache_is_fetched_incrementally_and_sees_what_changed()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        var cache = Path.Combine(org.Folder, "shared-cache-" + Guid.NewGuid().ToString("N")[..8]);
        var repos = Path.Combine(s.Folder, "repos.txt");
        File.WriteAllText(repos, "repo/origin.git\n");
        var cold = await Runner(cache).RunAsync(["audit", "verify", "--repos", repos, "--json"]);
        Assert.True(cold.Code == ExitCode.Success, cold.Output);
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(cache, "shipgate")));
        // Production's commits came without their files: a partial clone of the source.
        Assert.Equal("shipgate-source", GitScenario.Run(folder, "config", "extensions.partialClone").Trim());

        var lost = s.ReleaseIds()[0];
        GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "tag", "-d", lost);
        var sneaky = s.Git.DirectCommit("main", "hotfix straight to prod", new() { ["prod.txt"] = "x\n" });
        var before = s.OriginRefs();
        var warm = await Runner(cache).RunAsync(["audit", "verify", "--repos", repos, "--json"]);

        Assert.Equal(ExitCode.TrailBroken, warm.Code);
        var verdict = Assert.Single(ByRepository(Json(warm)).Values);
        Assert.Equal("repo/origin.git", verdict.GetProperty("repository").GetString());
        Assert.StartsWith($"{lost} has no tag", verdict.GetProperty("first_problem").GetString());
        Assert.Equal(sneaky, verdict.GetProperty("direct_pushes")[0].GetString());
        Assert.Equal(before, s.OriginRefs());
    }

    [Fact]
    public async Task Bad_lines_of_the_repos_file_are_named_with_their_numbers_before_anything_is_fetched()
    {
        var path = Path.Combine(org.Folder, "bad-repos.txt");
        File.WriteAllLines(path, ["# comment", org.NameOf("intact"), "ftp://example.com/x.git", "two words", org.NameOf("intact"),
            "https://user:secret-token@github.com/acme/x.git"]);
        var runner = Runner();

        var result = await runner.RunAsync(["audit", "verify", "--repos", path]);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains("line 3: ftp://example.com/x.git: git URLs are https://", result.Output);
        Assert.Contains("line 4: two words contains a space", result.Output);
        Assert.Contains("line 5:", result.Output);
        Assert.Contains("is the same repository as line 2.", result.Output);
        Assert.Contains("line 6: a URL must not carry credentials", result.Output);
        Assert.DoesNotContain("secret-token", result.Output);
        Assert.False(Directory.Exists(runner.Environment["XDG_CACHE_HOME"]));
    }

    [Fact]
    public async Task Progress_is_drawn_on_a_terminal_only_and_never_under_json()
    {
        var repos = org.ReposFile(["intact", "intact-too"]);
        var terminal = Runner();
        terminal.ErrorsAreTerminal = true;
        var piped = Runner();
        var json = Runner();
        json.ErrorsAreTerminal = true;

        var shown = await terminal.RunAsync(["audit", "verify", "--repos", repos]);
        var hidden = await piped.RunAsync(["audit", "verify", "--repos", repos]);
        var quiet = await json.RunAsync(["audit", "verify", "--repos", repos, "--json"]);

        Assert.Contains("\rFetching and verifying 2 repositories: 2 done", shown.Errors);
        Assert.DoesNotContain("Fetching and verifying", hidden.Output);
        Assert.DoesNotContain("Fetching and verifying", quiet.Output);
        Assert.Equal(ExitCode.Success, quiet.Code);
    }

    [Fact]
    public async Task Repos_and_repo_together_are_a_usage_error()
    {
        var result = await Runner().RunAsync(["audit", "verify", "--repos", "x.txt", "--repo", "."]);
        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains("--repo names one clone; --repos and --org name many", result.Output);
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);

    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
}
