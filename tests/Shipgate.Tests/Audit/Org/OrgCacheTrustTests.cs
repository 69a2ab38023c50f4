using System.Text.Json;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit.Org;

/// <summary>
/// The organisation cache and the repos file are untrusted input: a cache folder pointed at another source, a hook or a
/// command planted in a cache's config, and credentials in a line of the list change nothing and show nothing.
/// </summary>
[Trait("Category", "Integration")]
[Collection(Organisation.Collection)]
public sealed class OrgCacheTrustTests(Organisation org)
{
    private string NewCache() => Path.Combine(org.Folder, "cache-" + Guid.NewGuid().ToString("N")[..8]);

    private static string CacheFolder(string cache) => Assert.Single(Directory.GetDirectories(Path.Combine(cache, "shipgate")));

    private static JsonElement Verdict(RunResult result) =>
        Assert.Single(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("repositories").EnumerateArray().ToList());

    [Fact]
    public async Task A_cache_folder_pointed_at_a_clean_mirror_is_fetched_anew_from_the_listed_source()
    {
        var cache = NewCache();
        var repos = org.ReposFile(["edited-record"]);
        var first = await org.Auditor(cache).RunAsync(["audit", "verify", "--repos", repos, "--json"]);
        Assert.Equal(ExitCode.TrailBroken, first.Code);
        var folder = CacheFolder(cache);
        // Someone with the auditor's account points the cached copy at an intact repository.
        GitScenario.Run(folder, "config", "remote.shipgate-source.url", new Uri(org.Repositories["intact"].Git.Origin).AbsoluteUri);

        var text = await org.Auditor(cache).RunAsync(["audit", "verify", "--repos", repos]);
        var json = await org.Auditor(cache).RunAsync(["audit", "verify", "--repos", repos, "--json"]);

        Assert.True(text.Code == ExitCode.TrailBroken, text.Output);
        Assert.Contains($"BROKEN       {org.NameOf("edited-record")}", text.Output);
        Assert.Equal(ExitCode.TrailBroken, json.Code);
        var verdict = Verdict(json);
        Assert.Equal("broken", verdict.GetProperty("status").GetString());
        Assert.StartsWith(org.Expected["edited-record"], verdict.GetProperty("first_problem").GetString());
        Assert.Equal(new Uri(org.Repositories["edited-record"].Git.Origin).AbsoluteUri,
            GitScenario.Run(CacheFolder(cache), "config", "--get-all", "remote.shipgate-source.url").Trim());
    }

    [Theory]
    [InlineData("hooks folder")]
    [InlineData("core.hooksPath")]
    [InlineData("uploadpack")]
    public async Task Hooks_and_commands_planted_in_a_cache_never_run(string planted)
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        var cache = NewCache();
        var repos = Path.Combine(s.Folder, "repos.txt");
        File.WriteAllText(repos, "repo/origin.git\n");
        var cold = await org.Auditor(cache).RunAsync(["audit", "verify", "--repos", repos]);
        Assert.True(cold.Code == ExitCode.Success, cold.Output);
        var folder = CacheFolder(cache);

        // A hook in the cache's own hooks folder, or in a folder its config names, or a command its config runs to fetch:
        // each would leave a mark.
        var mark = Path.Combine(s.Folder, "planted-mark");
        var hooks = planted == "hooks folder" ? Path.Combine(folder, "hooks") : Path.Combine(s.Folder, "planted-hooks");
        Directory.CreateDirectory(hooks);
        var hook = Path.Combine(hooks, "reference-transaction");
        File.WriteAllText(hook, $"#!/bin/sh\ntouch '{mark}'\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (planted == "core.hooksPath") GitScenario.Run(folder, "config", "core.hooksPath", hooks);
        if (planted == "uploadpack")
            GitScenario.Run(folder, "config", "remote.shipgate-source.uploadpack",
                $"touch '{mark}'; git -c uploadpack.allowFilter=true -c uploadpack.allowAnySHA1InWant=true upload-pack");
        // Production moves at the source, so the next fetch updates refs in the cache (which runs reference-transaction).
        var sneaky = s.Git.DirectCommit("main", "hotfix straight to prod", new() { ["prod.txt"] = "x\n" });

        var warm = await org.Auditor(cache).RunAsync(["audit", "verify", "--repos", repos, "--json"]);

        Assert.Equal(ExitCode.TrailBroken, warm.Code);
        Assert.Equal(sneaky, Verdict(warm).GetProperty("direct_pushes")[0].GetString());
        Assert.False(File.Exists(mark), $"the {planted} planted in the cache ran");
        // The config is Shipgate's again: no hook path, the source's upload-pack only as Shipgate sets it.
        Assert.Equal(1, GitScenario.Exec(folder, ["config", "core.hooksPath"]).Code);
        Assert.DoesNotContain("touch", GitScenario.Run(folder, "config", "remote.shipgate-source.uploadpack"));
    }

    [Fact]
    public async Task A_cache_that_borrows_objects_from_elsewhere_is_made_anew()
    {
        var cache = NewCache();
        var repos = org.ReposFile(["intact"]);
        Assert.Equal(ExitCode.Success, (await org.Auditor(cache).RunAsync(["audit", "verify", "--repos", repos])).Code);
        var folder = CacheFolder(cache);
        var alternates = Path.Combine(folder, "objects", "info", "alternates");
        File.WriteAllText(alternates, Path.Combine(org.Repositories["edited-record"].Git.Origin, "objects") + "\n");

        var again = await org.Auditor(cache).RunAsync(["audit", "verify", "--repos", repos]);

        Assert.True(again.Code == ExitCode.Success, again.Output);
        Assert.False(File.Exists(Path.Combine(CacheFolder(cache), "objects", "info", "alternates")));
    }

    /// <summary>Each line carries a secret that must never be shown, in the forms the list was seen to pass.</summary>
    private static readonly string[] WithCredentials =
    [
        "ssh://deploy:hunter2-ssh@ghe.example.com/acme/x.git",
        "git://anon:hunter2-git@example.com/acme/y.git",
        "https://github.com/acme/z.git?access_token=hunter2-query",
        "https://example.com/acme/w.git?ref=main&token=hunter2-token",
        "https://example.com/acme/v.git?KEY=hunter2-key",
        "deploy:hunter2-scp@ghe.example.com:acme/u.git",
        "https://hunter2-user@github.com/acme/t.git",
        "file://someone:hunter2-file@localhost/srv/git/s.git",
    ];

    [Fact]
    public async Task Credentials_in_any_form_in_a_list_line_are_refused_by_line_number_and_never_shown()
    {
        var path = Path.Combine(org.Folder, $"secret-repos-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, ["# with credentials", org.NameOf("intact"), .. WithCredentials]);
        var text = org.Auditor();
        var json = org.Auditor();

        var shown = await text.RunAsync(["audit", "verify", "--repos", path]);
        var written = await json.RunAsync(["audit", "verify", "--repos", path, "--json"]);

        Assert.Equal(ExitCode.Usage, shown.Code);
        Assert.Equal(ExitCode.Usage, written.Code);
        for (var i = 0; i < WithCredentials.Length; i++)
            Assert.Contains($"line {i + 3}: a URL must not carry credentials", shown.Output);
        Assert.DoesNotContain("line 2:", shown.Output);
        Assert.DoesNotContain("hunter2", shown.Output);
        Assert.DoesNotContain("hunter2", written.Output);
        Assert.False(Directory.Exists(text.Environment["XDG_CACHE_HOME"]));
        Assert.False(Directory.Exists(json.Environment["XDG_CACHE_HOME"]));
    }

    [Fact]
    public async Task Unencrypted_and_helper_transports_are_refused_before_anything_is_fetched()
    {
        var path = Path.Combine(org.Folder, $"transport-repos-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, ["http://example.com/acme/x.git", "git://example.com/acme/y.git", "ext::touch%20/tmp/shipgate-ext"]);
        var runner = org.Auditor();

        var result = await runner.RunAsync(["audit", "verify", "--repos", path]);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains("line 1: http://example.com/acme/x.git: http:// is not encrypted", result.Output);
        Assert.Contains("line 2: git://example.com/acme/y.git: git:// is not encrypted", result.Output);
        Assert.Contains("line 3: ext::touch%20/tmp/shipgate-ext: git's transport::address form is not accepted", result.Output);
        Assert.False(Directory.Exists(runner.Environment["XDG_CACHE_HOME"]));
    }

    [Fact]
    public async Task A_source_is_shown_and_named_in_the_cache_without_its_user_or_query()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        var cache = NewCache();
        var repos = Path.Combine(s.Folder, "repos.txt");
        // An ssh login and a query that holds no secret: still never shown, never in a folder name.
        var line = $"ssh://auditor-login@localhost:1/{s.Git.Origin.TrimStart('/')}?ref=audit-query";
        File.WriteAllText(repos, line + "\n");

        var text = await org.Auditor(cache).RunAsync(["audit", "verify", "--repos", repos]);
        var json = await org.Auditor(cache).RunAsync(["audit", "verify", "--repos", repos, "--json"]);

        // Nothing answers ssh on port 1: not verified, named without the login or the query.
        Assert.Equal(ExitCode.TrailBroken, json.Code);
        var verdict = Verdict(json);
        Assert.Equal($"ssh://localhost:1/{s.Git.Origin.TrimStart('/')}", verdict.GetProperty("source").GetString());
        Assert.Equal("not_verified", verdict.GetProperty("status").GetString());
        foreach (var output in new[] { text.Output, json.Output, string.Join("\n", Directory.GetDirectories(Path.Combine(cache, "shipgate"))) })
        {
            Assert.DoesNotContain("auditor-login", output);
            Assert.DoesNotContain("audit-query", output);
        }
    }
}
