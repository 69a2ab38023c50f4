using System.Diagnostics;
using Shipgate.Git;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Git;

/// <summary>
/// The in-process judgement of SSH commit signatures against <c>git verify-commit</c> (git with ssh-keygen) on a real repository:
/// keys of each type, an unknown key, a changed commit, an unsigned commit, keys outside their validity and namespace.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SshSignatureDifferentialTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, string> _utc = new() { ["TZ"] = "UTC" };

    public void Dispose() => _folder.Dispose();

    private string Repository => Path.Combine(_folder.Path, "repo");
    private string SignersFile => Path.Combine(_folder.Path, "allowed_signers");

    private string Key(string name, string type)
    {
        var key = Path.Combine(_folder.Path, name);
        using var process = Process.Start(new ProcessStartInfo("ssh-keygen", ["-q", "-t", type, "-N", "", "-C", name, "-f", key])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return File.ReadAllText(key + ".pub").Trim();
    }

    private string Commit(string message, string? key)
    {
        string[] sign = key is null ? ["--no-gpg-sign"] : ["-S"];
        GitScenario.Run(Repository, ["-c", $"user.signingkey={Path.Combine(_folder.Path, key ?? "none")}.pub", "commit", "--quiet", "--allow-empty",
            .. sign, "-m", message]);
        return GitScenario.Run(Repository, "rev-parse", "HEAD").Trim();
    }

    /// <summary>Commit name to sha: each case git and Shipgate must judge alike.</summary>
    private Dictionary<string, string> Cases()
    {
        Directory.CreateDirectory(Repository);
        GitScenario.Run(Repository, "init", "--quiet");
        GitScenario.Run(Repository, "config", "user.name", "Rita");
        GitScenario.Run(Repository, "config", "user.email", "rita@example.com");
        GitScenario.Run(Repository, "config", "gpg.format", "ssh");
        var lines = new[]
        {
            $"rita@example.com namespaces=\"git\" {Key("rita", "ed25519")}",
            $"rsa@example.com {Key("rsa", "rsa")}",
            $"ops@example.com namespaces=\"file,git\",valid-before=\"20990101\" {Key("ops", "ecdsa")}",
            $"old@example.com valid-before=\"20200101\" {Key("old", "ed25519")}",
            $"new@example.com valid-after=\"20990101Z\" {Key("new", "ed25519")}",
            $"files@example.com namespaces=\"file\" {Key("files", "ed25519")}",
        };
        Key("mallory", "ed25519");
        File.WriteAllText(SignersFile, string.Join('\n', lines) + "\n");

        var cases = new Dictionary<string, string>();
        foreach (var key in new[] { "rita", "rsa", "ops", "old", "new", "files", "mallory" })
            cases[key] = Commit($"Release record signed by {key}", key);
        cases["unsigned"] = Commit("Release record, unsigned", null);
        var changed = GitScenario.Run(Repository, "cat-file", "commit", cases["rita"]).Replace("signed by rita", "signed by rita, changed");
        File.WriteAllText(Path.Combine(_folder.Path, "changed"), changed);
        cases["changed"] = GitScenario.Run(Repository, "hash-object", "-t", "commit", "-w", Path.Combine(_folder.Path, "changed")).Trim();
        return cases;
    }

    private bool GitSaysGood(string sha) =>
        GitScenario.Exec(Repository, ["-c", $"gpg.ssh.allowedSignersFile={SignersFile}", "verify-commit", sha], _utc).Code == 0;

    [Fact]
    public async Task Every_case_is_judged_as_git_verify_commit_judges_it()
    {
        var cases = Cases();
        var git = new GitRepository(new GitCli(Repository, Secrets.None));
        var objects = await git.ReadObjectsAsync(cases.Values.ToList(), CancellationToken.None);
        var signers = AllowedSignerList.Parse(File.ReadAllText(SignersFile));
        Assert.NotNull(signers);

        var byGit = cases.ToDictionary(c => c.Key, c => GitSaysGood(c.Value));
        var inProcess = cases.Keys.Select((name, i) => (name, SshCommitSignature.WhyNotGood(objects[i]!.Bytes, signers, TimeZoneInfo.Utc) is null))
            .ToDictionary();
        Assert.Equal(byGit, inProcess);
        Assert.Equal(["ops", "rita", "rsa"], byGit.Where(c => c.Value).Select(c => c.Key).Order());
    }

    [Fact]
    public async Task Verify_asks_git_only_for_what_is_not_good_in_process()
    {
        var cases = Cases();
        var good = new GitRepository(new GitCli(Repository, Secrets.None));
        var goodChecks = await good.VerifySignaturesAsync([cases["rita"], cases["rsa"], cases["ops"]], SignersFile, CancellationToken.None);
        Assert.All(goodChecks.Values, check => Assert.True(check.ByAllowedSigner, check.WhyNot));
        Assert.Equal(2, good.Cli.ProcessCount); // the settings and one cat-file; no git log

        var all = new GitRepository(new GitCli(Repository, Secrets.None));
        var checks = await all.VerifySignaturesAsync(cases.Values.ToList(), SignersFile, CancellationToken.None);
        Assert.Equal(cases.ToDictionary(c => c.Key, c => GitSaysGood(c.Value)), cases.ToDictionary(c => c.Key, c => checks[c.Value].ByAllowedSigner));
        Assert.All(cases.Where(c => !checks[c.Value].ByAllowedSigner), c => Assert.False(string.IsNullOrEmpty(checks[c.Value].WhyNot)));
        Assert.Equal("no signature", checks[cases["unsigned"]].WhyNot);
    }

    [Fact]
    public async Task A_revocation_file_in_gits_settings_leaves_every_signature_to_git()
    {
        var cases = Cases();
        var revoked = Path.Combine(_folder.Path, "revoked");
        File.WriteAllText(revoked, File.ReadAllText(Path.Combine(_folder.Path, "rita.pub")));
        GitScenario.Run(Repository, "config", "gpg.ssh.revocationFile", revoked);
        var git = new GitRepository(new GitCli(Repository, Secrets.None));

        var checks = await git.VerifySignaturesAsync([cases["rita"], cases["rsa"]], SignersFile, CancellationToken.None);

        Assert.False(checks[cases["rita"]].ByAllowedSigner);
        Assert.Equal(GitSaysGood(cases["rita"]), checks[cases["rita"]].ByAllowedSigner);
        Assert.True(checks[cases["rsa"]].ByAllowedSigner, checks[cases["rsa"]].WhyNot);
    }
}
