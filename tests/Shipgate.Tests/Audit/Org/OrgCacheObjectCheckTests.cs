using System.Text.Json;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit.Org;

/// <summary>
/// The organisation cache checks every object it fetches (fetch.fsckObjects): a malformed commit at the source, on production or
/// the archive branch, is refused as it arrives, named, and not kept; the repository is never counted intact.
/// </summary>
[Trait("Category", "Integration")]
[Collection(Organisation.Collection)]
public sealed class OrgCacheObjectCheckTests(Organisation org)
{
    [Fact]
    public async Task A_malformed_commit_at_the_source_is_refused_naming_the_repository_the_object_and_what_to_do_and_nothing_of_it_is_kept()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        // A commit git fsck refuses (an author time zone of +99999), written as is and pushed onto production at the source.
        var dev = s.Git.Developer;
        var main = s.Git.RemoteSha("main");
        var tree = GitScenario.Run(dev, "rev-parse", main + "^{tree}").Trim();
        var text = Path.Combine(s.Folder, "malformed-commit.txt");
        File.WriteAllText(text, $"tree {tree}\nparent {main}\nauthor Mallory <mallory@example.com> 1700000000 +99999\n" +
            "committer Mallory <mallory@example.com> 1700000000 +0000\n\nquick fix\n");
        var malformed = GitScenario.Run(dev, "hash-object", "-t", "commit", "--literally", "-w", text).Trim();
        GitScenario.Run(dev, "push", "--quiet", "origin", $"{malformed}:refs/heads/main");
        var repos = Path.Combine(s.Folder, "repos.txt");
        File.WriteAllText(repos, "repo/origin.git\n");
        var cache = Path.Combine(org.Folder, "cache-" + Guid.NewGuid().ToString("N")[..8]);

        var json = await org.Auditor(cache).RunAsync(["audit", "verify", "--repos", repos, "--json"]);
        var plain = await org.Auditor(cache).RunAsync(["audit", "verify", "--repos", repos]);

        Assert.Equal(ExitCode.TrailBroken, json.Code);
        var verdict = Assert.Single(JsonDocument.Parse(json.Stdout).RootElement.GetProperty("repositories").EnumerateArray().ToList());
        Assert.Equal("not_verified", verdict.GetProperty("status").GetString());
        var source = new Uri(s.Git.Origin).AbsoluteUri;
        Assert.Equal($"refused by git's object check: {source} sent object {malformed[..12]}, which is corrupt or malformed " +
            "(badTimezone: invalid author/committer line - bad time zone); nothing of it was kept. Have the repository's owner run " +
            "`git fsck` there and repair or remove that object; until then the repository is not verified.", verdict.GetProperty("reason").GetString());
        Assert.Equal(ExitCode.TrailBroken, plain.Code);
        Assert.Matches(@"NOT VERIFIED \S*repo/origin\.git +refused by git's object check: ", plain.Output);
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(cache, "shipgate")));
        // Objects the cache holds (listed without asking the source for any): not the malformed one; production is not moved to it.
        Assert.DoesNotContain(malformed, GitScenario.Run(folder, "cat-file", "--batch-all-objects", "--batch-check=%(objectname)"));
        Assert.NotEqual(malformed, GitScenario.Exec(folder, ["rev-parse", "--verify", "-q", "refs/heads/main"]).Output.Trim());
    }

    [Fact]
    public async Task A_malformed_commit_on_the_archive_branch_is_refused_the_same_way_and_the_repository_is_not_verified()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        var cache = Path.Combine(org.Folder, "cache-" + Guid.NewGuid().ToString("N")[..8]);
        var repos = Path.Combine(s.Folder, "repos.txt");
        File.WriteAllText(repos, "repo/origin.git\n");
        // A commit on the archive branch whose author line git cannot read: written loosely, as no git command would.
        var origin = s.Git.Origin;
        var tip = GitScenario.Run(s.Folder, "--git-dir", origin, "rev-parse", "refs/heads/compliance-archives").Trim();
        var tree = GitScenario.Run(s.Folder, "--git-dir", origin, "rev-parse", tip + "^{tree}").Trim();
        var body = $"tree {tree}\nparent {tip}\nauthor Mallory <m@example.com> notadate\ncommitter Mallory <m@example.com> 1700000000 +0000\n\nbad\n";
        var objectFile = Path.Combine(s.Folder, "malformed-commit");
        File.WriteAllText(objectFile, body);
        var malformed = GitScenario.Run(s.Folder, "--git-dir", origin, "hash-object", "-t", "commit", "--literally", "-w", objectFile).Trim();
        GitScenario.Run(s.Folder, "--git-dir", origin, "update-ref", "refs/heads/compliance-archives", malformed);

        var json = await org.Auditor(cache).RunAsync(["audit", "verify", "--repos", repos, "--json"]);

        Assert.Equal(ExitCode.TrailBroken, json.Code);
        var verdict = Assert.Single(JsonDocument.Parse(json.Stdout).RootElement.GetProperty("repositories").EnumerateArray().ToList());
        Assert.Equal("not_verified", verdict.GetProperty("status").GetString());
        // The same words as for a malformed commit on production (OrgCacheObjectCheckTests): the object, what git objected to.
        var reason = verdict.GetProperty("reason").GetString()!;
        Assert.StartsWith($"refused by git's object check: ", reason);
        Assert.Contains($"sent object {malformed[..12]}, which is corrupt or malformed (badDate: invalid author/committer line - bad date)", reason);
    }
}
