using System.Diagnostics;

namespace Shipgate.Testing;

/// <summary>
/// A real repository to release: a bare origin, a developer clone that merges PRs into staging
/// the ways GitHub does (merge commit, squash, direct push), and the releaser's own clone, where
/// Shipgate runs. Shared by the sandbox and the tests.
/// </summary>
public sealed class GitScenario
{
    private int _clock;

    private GitScenario(string root)
    {
        Root = root;
        Origin = Path.Combine(root, "origin.git");
        Developer = Path.Combine(root, "developer");
        Releaser = Path.Combine(root, "releaser");
    }

    public string Root { get; }
    /// <summary>The bare repository playing the remote.</summary>
    public string Origin { get; }
    /// <summary>The clone used to make history on staging.</summary>
    public string Developer { get; }
    /// <summary>The clone Shipgate runs in, on the staging branch.</summary>
    public string Releaser { get; }

    /// <summary>Origin with main and staging at one initial commit, and the releaser's clone on staging.</summary>
    public static GitScenario Create(string root)
    {
        Directory.CreateDirectory(root);
        var scenario = new GitScenario(root);
        Run(root, "init", "--quiet", "--bare", "--initial-branch=main", scenario.Origin);
        Run(root, "clone", "--quiet", scenario.Origin, scenario.Developer);
        scenario.ConfigureIdentity(scenario.Developer, "Dana Developer", "dana@example.com");
        Run(scenario.Developer, "checkout", "--quiet", "-b", "main");
        scenario.WriteFiles(new Dictionary<string, string> { ["README.md"] = "# Demo service\n" });
        scenario.Commit("Initial commit");
        scenario.Dev("push", "--quiet", "origin", "main");
        scenario.Dev("checkout", "--quiet", "-b", "staging");
        scenario.Dev("push", "--quiet", "origin", "staging");
        Run(root, "clone", "--quiet", "--branch", "staging", scenario.Origin, scenario.Releaser);
        scenario.ConfigureIdentity(scenario.Releaser, "Rita Releaser", "rita@example.com");
        return scenario;
    }

    private void ConfigureIdentity(string clone, string name, string email)
    {
        Run(clone, "config", "user.name", name);
        Run(clone, "config", "user.email", email);
        Run(clone, "config", "commit.gpgsign", "false");
    }

    public string Dev(params string[] args)
    {
        var (code, output, error) = Exec(Developer, args, Clock());
        if (code != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error}");
        return output;
    }

    /// <summary>Distinct, increasing timestamps keep the history's order stable however fast it is made.</summary>
    private Dictionary<string, string> Clock()
    {
        var at = DateTimeOffset.Parse("2026-11-02T09:00:00Z").AddMinutes(++_clock).ToString("yyyy-MM-ddTHH:mm:ssZ");
        return new() { ["GIT_AUTHOR_DATE"] = at, ["GIT_COMMITTER_DATE"] = at };
    }

    /// <summary>A PR merged with a merge commit, as GitHub writes it: "Merge pull request #N from owner/branch", title in the body.</summary>
    public string MergePullRequest(int number, string branch, string title, params (string Message, Dictionary<string, string> Files)[] commits)
    {
        Dev("checkout", "--quiet", "staging");
        Dev("checkout", "--quiet", "-b", branch);
        foreach (var (message, files) in commits)
        {
            WriteFiles(files);
            Commit(message);
        }
        Dev("checkout", "--quiet", "staging");
        Dev("merge", "--quiet", "--no-ff", "-m", $"Merge pull request #{number} from acme/{branch}\n\n{title}", branch);
        Dev("push", "--quiet", "origin", "staging");
        return Head();
    }

    /// <summary>A squash-merged PR: one commit "Title (#N)" on staging.</summary>
    public string SquashPullRequest(int number, string title, Dictionary<string, string> files, string body = "")
    {
        Dev("checkout", "--quiet", "staging");
        WriteFiles(files);
        Commit($"{title} (#{number})" + (body.Length > 0 ? "\n\n" + body : ""));
        Dev("push", "--quiet", "origin", "staging");
        return Head();
    }

    /// <summary>A commit pushed straight to a branch, with no PR.</summary>
    public string DirectCommit(string branch, string message, Dictionary<string, string> files)
    {
        Dev("checkout", "--quiet", branch);
        Dev("pull", "--quiet", "--ff-only", "origin", branch);
        WriteFiles(files);
        Commit(message);
        Dev("push", "--quiet", "origin", branch);
        return Head();
    }

    /// <summary>Adds files to the archive branch on origin (creating it on first use), as a compliance workflow would.</summary>
    public void AddArchiveFiles(string archiveBranch, Dictionary<string, string> files)
    {
        var exists = Run(Developer, "ls-remote", "origin", "refs/heads/" + archiveBranch).Length > 0;
        if (exists)
        {
            Dev("fetch", "--quiet", "origin", archiveBranch);
            Dev("checkout", "--quiet", "-B", archiveBranch, "FETCH_HEAD");
        }
        else
        {
            Dev("checkout", "--quiet", "--orphan", archiveBranch);
            Dev("rm", "-r", "--quiet", "--cached", ".");
            foreach (var entry in Directory.EnumerateFileSystemEntries(Developer).Where(e => Path.GetFileName(e) != ".git"))
            {
                if (Directory.Exists(entry)) Directory.Delete(entry, true); else File.Delete(entry);
            }
        }
        WriteFiles(files);
        Commit("compliance: archive " + string.Join(", ", files.Keys.Select(Path.GetFileName)));
        Dev("push", "--quiet", "origin", archiveBranch);
        Dev("checkout", "--quiet", "-f", "staging");
        Dev("clean", "-fdq");
    }

    /// <summary>Brings the releaser's clone up to date with origin's staging, as a releaser would before releasing.</summary>
    public void UpdateReleaser() => Run(Releaser, "pull", "--quiet", "--ff-only", "origin", "staging");

    public string Head() => Dev("rev-parse", "HEAD").Trim();

    public string RemoteSha(string branch) => Run(Root, "--git-dir", Origin, "rev-parse", "refs/heads/" + branch).Trim();

    public string? TryRemoteSha(string branch)
    {
        var (code, output, _) = Exec(Root, ["--git-dir", Origin, "rev-parse", "--verify", "-q", "refs/heads/" + branch]);
        return code == 0 ? output.Trim() : null;
    }

    private void WriteFiles(Dictionary<string, string> files)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(Developer, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
            Dev("add", "--", path);
        }
    }

    private void Commit(string message)
    {
        var (code, _, error) = Exec(Developer, ["commit", "--quiet", "--allow-empty", "-m", message], Clock());
        if (code != 0) throw new InvalidOperationException("git commit failed: " + error);
    }

    public static string Run(string folder, params string[] args)
    {
        var (code, output, error) = Exec(folder, args);
        if (code != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed in {folder}: {error}");
        return output;
    }

    public static (int Code, string Output, string Error) Exec(string folder, string[] args, Dictionary<string, string>? env = null)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        foreach (var (key, value) in env ?? []) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }
}
