using System.Text.Json;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit.Org;

/// <summary>
/// The cache checks every object it fetches (fetch.fsckObjects): a malformed commit planted on a source's archive branch is refused
/// as it arrives, named, and the repository is never counted intact.
/// </summary>
[Trait("Category", "Integration")]
[Collection(Organisation.Collection)]
public sealed class OrgCacheFsckTests(Organisation org)
{
    [Fact]
    public async Task A_malformed_object_fetched_into_the_cache_is_refused_with_its_name_and_the_repository_is_not_verified()
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
