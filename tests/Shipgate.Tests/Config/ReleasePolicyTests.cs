using Shipgate.Config;

namespace Shipgate.Tests.Config;

/// <summary>The pure half of the release policy: the diff a release manager reads, and the checks on where a policy was read.</summary>
public sealed class ReleasePolicyTests
{
    private static PolicyFile File(string blob, string text) => new(blob, text);

    [Fact]
    public void The_same_blob_is_no_change_and_has_no_diff()
    {
        var change = PolicyDiff.Compare(".shipgate.yml", File("a1", "remote: origin\n"), File("a1", "remote: origin\n"));

        Assert.False(change.Changed);
        Assert.Empty(change.Diff);
        Assert.Equal(".shipgate.yml unchanged", change.Summary);
    }

    [Fact]
    public void A_changed_line_is_a_hunk_with_three_lines_of_context_as_git_writes_it()
    {
        var before = "tickets:\n  keys: [BOL]\ngithub:\n  repository: acme/demo\n  required_checks: [build]\n" +
            "areas:\n  web:\n    title: Web\n    paths: [\"web/**\"]\n";
        var after = before.Replace("  required_checks: [build]\n", "  api_url: http://evil.example\n  required_checks: []\n");

        var change = PolicyDiff.Compare(".shipgate.yml", File("a1", before), File("b2", after));

        Assert.Equal("this release changes .shipgate.yml", change.Summary);
        Assert.Equal(
        [
            "@@ -2,7 +2,8 @@",
            "   keys: [BOL]",
            " github:",
            "   repository: acme/demo",
            "-  required_checks: [build]",
            "+  api_url: http://evil.example",
            "+  required_checks: []",
            " areas:",
            "   web:",
            "     title: Web",
        ], change.Diff);
    }

    [Fact]
    public void Changes_far_apart_are_separate_hunks_and_close_ones_share_one()
    {
        var lines = Enumerable.Range(1, 20).Select(n => $"line{n}").ToArray();
        var far = lines.Select(l => l is "line2" or "line18" ? l + "!" : l).ToArray();
        var close = lines.Select(l => l is "line2" or "line8" ? l + "!" : l).ToArray();

        Assert.Equal(["@@ -1,5 +1,5 @@", "@@ -15,6 +15,6 @@"], PolicyDiff.Unified(lines, far).Where(l => l.StartsWith("@@")));
        Assert.Equal(["@@ -1,11 +1,11 @@"], PolicyDiff.Unified(lines, close).Where(l => l.StartsWith("@@")));
    }

    [Fact]
    public void An_added_or_deleted_file_is_all_plus_or_all_minus()
    {
        var added = PolicyDiff.Compare(".shipgate.yml", null, File("b2", "remote: origin\nbranches: {}\n"));
        var deleted = PolicyDiff.Compare(".shipgate.yml", File("a1", "remote: origin\n"), null);

        Assert.Equal(["@@ -0,0 +1,2 @@", "+remote: origin", "+branches: {}"], added.Diff);
        Assert.Equal("this release adds .shipgate.yml", added.Summary);
        Assert.Equal(["@@ -1 +0,0 @@", "-remote: origin"], deleted.Diff);
        Assert.Equal("this release deletes .shipgate.yml", deleted.Summary);
    }

    [Theory]
    [InlineData("remote: upstream", "SHIPGATE_REMOTE=upstream")]
    [InlineData("branches:\n  production: prod", "SHIPGATE_PRODUCTION_BRANCH=prod")]
    public void A_policy_that_lives_elsewhere_than_where_it_was_read_stops_with_the_variable_to_set(string yaml, string fix)
    {
        var source = new PolicySource("origin", "main", new string('a', 40), ".shipgate.yml", new string('b', 40), StagingFallback: false);
        var config = ConfigLoader.Parse(yaml, source.Display);

        var error = Assert.Throws<UsageException>(() => ReleasePolicy.RequireSameLocation(config, PolicyLocation.Default, source));

        Assert.Contains("origin/main:.shipgate.yml sets", error.Message);
        Assert.Contains(fix, error.Message);
    }

    [Fact]
    public void Staging_must_match_only_when_the_policy_was_read_from_staging()
    {
        var config = ConfigLoader.Parse("branches:\n  staging: develop", ".shipgate.yml");
        var fromMain = new PolicySource("origin", "main", null, ".shipgate.yml", "b", StagingFallback: false);
        var fromStaging = fromMain with { Branch = "staging", StagingFallback = true };

        ReleasePolicy.RequireSameLocation(config, PolicyLocation.Default, fromMain);
        var error = Assert.Throws<UsageException>(() => ReleasePolicy.RequireSameLocation(config, PolicyLocation.Default, fromStaging));
        Assert.Contains("SHIPGATE_STAGING_BRANCH=develop", error.Message);
    }

    [Fact]
    public void The_operator_names_the_location_in_the_environment_and_a_bad_name_is_refused()
    {
        var env = new Dictionary<string, string?> { ["SHIPGATE_PRODUCTION_BRANCH"] = "本番", ["SHIPGATE_REMOTE"] = " upstream " };

        Assert.Equal(new PolicyLocation("upstream", "本番", "staging"), PolicyLocation.FromEnvironment(env.GetValueOrDefault));
        Assert.Equal(PolicyLocation.Default, PolicyLocation.FromEnvironment(_ => null));
        var error = Assert.Throws<UsageException>(() => PolicyLocation.FromEnvironment(name => name == "SHIPGATE_REMOTE" ? "--upload-pack=x" : null));
        Assert.Contains("SHIPGATE_REMOTE", error.Message);
    }

    [Fact]
    public void Production_moving_after_the_policy_was_read_is_named_and_staging_only_under_the_fallback()
    {
        var (main, staging, later) = (new string('1', 40), new string('2', 40), new string('3', 40));
        var source = new PolicySource("origin", "main", main, ".shipgate.yml", "b", StagingFallback: false);
        var policy = new ReleasePolicy(ShipgateConfig.Default, source, main, staging);
        var fallback = policy with { Source = source with { Branch = "staging", StagingFallback = true } };

        Assert.Null(policy.MovedSince(main, staging));
        Assert.Null(policy.MovedSince(main, later));
        Assert.Contains("'origin/main' moved", policy.MovedSince(later, staging));
        Assert.Contains("'origin/staging' moved", fallback.MovedSince(main, later));
    }
}
