using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Shipgate.Record;
using Shipgate.Testing;

namespace Shipgate.Tests.Support;

/// <summary>A <see cref="GitScenario"/> in a temp folder, with a runner pointed at the releaser's clone.</summary>
internal sealed class ReleaseScenario : IDisposable
{
    private readonly TempFolder _folder = new();

    public ReleaseScenario(Action<GitScenario>? build = null)
    {
        Git = GitScenario.Create(Path.Combine(_folder.Path, "repo"));
        build?.Invoke(Git);
        Git.UpdateReleaser();
        Runner = new ShipgateRunner(Git.Releaser, Path.Combine(_folder.Path, "state"));
    }

    public GitScenario Git { get; }
    public ShipgateRunner Runner { get; }
    public string Folder => _folder.Path;

    public Task<RunResult> ReleaseAsync(Func<string, string?>? answer = null, params string[] extra) =>
        Runner.RunAsync(["release", "--allow-unverified-ci", "tests: no GitHub", .. extra], answer);

    /// <summary>Every ref of origin with its sha: "nothing changed on origin" compares these.</summary>
    public string OriginRefs() => GitScenario.Run(Folder, "--git-dir", Git.Origin, "for-each-ref", "--format=%(refname) %(objectname)");

    /// <summary>
    /// The releaser's clone as the user sees it: refs, HEAD, config, and the bytes of every file of
    /// the working tree and the index. Equal before and after means nothing of theirs was touched.
    /// A real release's push updates the remote-tracking refs, as every git push does.
    /// </summary>
    public string ReleaserFingerprint(bool includeRemoteTracking = true)
    {
        var clone = Git.Releaser;
        var lines = new List<string>
        {
            GitScenario.Run(
                clone,
                ["for-each-ref", "--format=%(refname) %(objectname)", .. includeRemoteTracking ? Array.Empty<string>() : ["refs/heads", "refs/tags"]]),
            File.ReadAllText(Path.Combine(clone, ".git", "HEAD")),
            File.ReadAllText(Path.Combine(clone, ".git", "config")),
            GitScenario.Run(clone, "status", "--porcelain", "--ignored"),
        };
        foreach (var file in Directory.EnumerateFiles(clone, "*", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}")
                                 || f.EndsWith($"{Path.DirectorySeparatorChar}index"))
                     .Order(StringComparer.Ordinal))
            lines.Add($"{Path.GetRelativePath(clone, file)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)))}");
        return string.Join("\n", lines);
    }

    /// <summary>
    /// Another person's clone of origin (on staging, with their own git identity) and a runner in it:
    /// a reviewer, or a commit's author, running shipgate as themselves.
    /// </summary>
    public ShipgateRunner CloneAs(string name, string email)
    {
        var folder = Path.Combine(Folder, "clone-" + Guid.NewGuid().ToString("N")[..8]);
        GitScenario.Run(Folder, "clone", "--quiet", "--branch", "staging", Git.Origin, folder);
        GitScenario.Run(folder, "config", "user.name", name);
        GitScenario.Run(folder, "config", "user.email", email);
        GitScenario.Run(folder, "config", "commit.gpgsign", "false");
        return new ShipgateRunner(folder, folder + "-state") { Clock = Runner.Clock };
    }

    public byte[] OriginFile(string branch, string path)
    {
        var (code, _, error) = GitScenario.Exec(Folder, ["--git-dir", Git.Origin, "cat-file", "-e", $"refs/heads/{branch}:{path}"]);
        if (code != 0) throw new InvalidOperationException(error);
        var blob = new ProcessStartInfo("git", ["--git-dir", Git.Origin, "cat-file", "blob", $"refs/heads/{branch}:{path}"]) { RedirectStandardOutput = true };
        using var process = Process.Start(blob)!;
        using var bytes = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(bytes);
        process.WaitForExit();
        return bytes.ToArray();
    }

    /// <summary>The blob of .shipgate.yml on one of origin's branches: the release policy as committed there.</summary>
    public string PolicyBlob(string branch) => GitScenario.Run(Folder, "--git-dir", Git.Origin, "rev-parse", $"refs/heads/{branch}:.shipgate.yml").Trim();

    /// <summary>The release ids on origin's archive branch, oldest first.</summary>
    public IReadOnlyList<string> ReleaseIds() => RecordFiles.ReleaseIds(OriginFiles("compliance-archives", "releases"));

    /// <summary>The newest release record on origin's archive branch.</summary>
    public JsonElement LastRecord() =>
        JsonDocument.Parse(OriginFile("compliance-archives", $"releases/{ReleaseIds()[^1]}.json")).RootElement;

    public IReadOnlyList<string> OriginFiles(string branch, string folder) =>
        GitScenario.Run(Folder, "--git-dir", Git.Origin, "ls-tree", "-r", "--name-only", "refs/heads/" + branch, "--", folder)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Chains a review onto origin's archive branch by hand, as anyone with push rights could, from the developer's clone;
    /// <paramref name="commit"/> is git's commit command with its options (by default a plain <c>commit</c>).
    /// </summary>
    public void PushReviewByHand(ReviewRecord review, params string[] commit)
    {
        var dev = Git.Developer;
        GitScenario.Run(dev, "fetch", "--quiet", "origin", "compliance-archives");
        GitScenario.Run(dev, "checkout", "--quiet", "-B", "compliance-archives", "FETCH_HEAD");
        File.WriteAllBytes(Path.Combine(dev, RecordFiles.JsonPath(review.ReviewId)), RecordFiles.ToJsonBytes(review));
        GitScenario.Run(dev, "add", "-A");
        GitScenario.Run(dev, [.. commit.Length == 0 ? ["commit"] : commit, "--quiet", "-m", "review: " + review.ReviewId]);
        GitScenario.Run(dev, "push", "--quiet", "origin", "compliance-archives");
        GitScenario.Run(dev, "checkout", "--quiet", "-f", "staging");
    }

    public void Dispose() => _folder.Dispose();
}
