using System.Text;

namespace Shipgate.Git;

/// <summary>Signatures: record commits judged against the allowed signers, in process where it can say "good", else by git.</summary>
internal sealed partial class GitRepository
{
    /// <summary>How many git processes check signatures side by side: git starts ssh-keygen twice per signature, which dominates.</summary>
    private const int SignatureProcesses = 2;

    /// <summary>
    /// Whether each commit carries a good signature by a key in the allowed-signers file, and if not, git's reason. The commits
    /// are read in one <c>git cat-file --batch</c> and SSH signatures judged in process (<see cref="SshCommitSignature"/>, only
    /// ever "good"); every other commit (unsigned, a bad or unknown key, a GPG signature, anything not understood here) is
    /// checked by git itself, as before. Git's own check is used for all when gpg.ssh.program or gpg.ssh.revocationFile is set.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, SignatureCheck>> VerifySignaturesAsync(IReadOnlyList<string> commits, string allowedSignersFile,
        CancellationToken ct)
    {
        var checks = new Dictionary<string, SignatureCheck>();
        if (commits.Count == 0) return checks;
        var settings = git.TryRunAsync(["config", "--get-regexp", @"^gpg\.ssh\.(program|revocationfile)$"], ct: ct);
        var objects = await ReadObjectsAsync(commits, ct);
        // git config exits 1 when neither is set; set (0) or unreadable settings leave every signature to git.
        var signers = (await settings).ExitCode != 1 ? null : AllowedSignerList.Parse(await File.ReadAllBytesAsync(allowedSignersFile, ct));
        for (var i = 0; i < commits.Count; i++)
            if (signers is not null && objects[i] is { Type: "commit" } commit
                && SshCommitSignature.WhyNotGood(commit.Bytes, signers, TimeZoneInfo.Local) is null)
                checks[commits[i]] = new SignatureCheck(true, null);
        var rest = commits.Where(c => !checks.ContainsKey(c)).ToList();
        foreach (var (commit, check) in await VerifySignaturesWithGitAsync(rest, allowedSignersFile, ct))
            checks[commit] = check;
        return checks;
    }

    /// <summary>
    /// The signatures checked by git: all of them in <see cref="SignatureProcesses"/> git processes side by side, however many (git
    /// log reads the commits from its input and checks each signature, as <c>git verify-commit</c> does: only a good signature,
    /// "G", by an allowed signer passes).
    /// </summary>
    private async Task<Dictionary<string, SignatureCheck>> VerifySignaturesWithGitAsync(IReadOnlyList<string> commits, string allowedSignersFile,
        CancellationToken ct)
    {
        var checks = new Dictionary<string, SignatureCheck>();
        if (commits.Count == 0) return checks;
        var share = (commits.Count + SignatureProcesses - 1) / SignatureProcesses;
        var batches = await Task.WhenAll(commits.Chunk(share).Select(batch =>
            LogRecordsAsync(["--no-walk=unsorted", "--stdin"], ["%H", "%G?", "%GG"], [], (f, _) => f, ct,
                [$"gpg.ssh.allowedSignersFile={allowedSignersFile}"], Encoding.ASCII.GetBytes(string.Concat(batch.Select(c => c + "\n"))))));
        foreach (var fields in batches.SelectMany(b => b))
        {
            var said = fields[2].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            checks[fields[0]] = fields[1] == "G" ? new SignatureCheck(true, null)
                : new SignatureCheck(false, fields[1] == "N" || said.Length == 0 ? "no signature" : said[^1]);
        }
        foreach (var commit in commits.Where(c => !checks.ContainsKey(c)))
            checks[commit] = new SignatureCheck(false, "git did not check this commit");
        return checks;
    }
}
