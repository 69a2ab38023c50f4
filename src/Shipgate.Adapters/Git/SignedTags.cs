using System.Text;

namespace Shipgate.Git;

/// <summary>
/// Release tags signed with the releaser's git signing key (as <c>git tag -s</c> signs, gpg.format and user.signingkey), and their
/// signatures checked against an allowed-signers file as <c>git verify-tag</c> does: SSH signatures judged in process where
/// <see cref="SshCommitSignature"/> can say "good", anything else left to git, one tag at a time.
/// </summary>
internal static class SignedTags
{
    /// <summary>
    /// A signed annotated tag object on <paramref name="commit"/>. Only <c>git tag -s</c> signs a tag, and it writes a local ref;
    /// the ref is removed again at once, so that, as for an unsigned tag, only the release's push makes one (on the remote).
    /// </summary>
    public static async Task<string> CreateAsync(GitCli git, string commit, string name, GitIdentity tagger, DateTimeOffset at, string message,
        CancellationToken ct)
    {
        var env = new Dictionary<string, string?>
        {
            ["GIT_COMMITTER_NAME"] = tagger.Name,
            ["GIT_COMMITTER_EMAIL"] = tagger.Email,
            ["GIT_COMMITTER_DATE"] = $"{at.ToUnixTimeSeconds()} +0000",
        };
        string[] args = ["tag", "-s", "-F", "-", "--cleanup=verbatim", name, commit];
        var made = await git.TryRunAsync(args, Encoding.UTF8.GetBytes(message), env, ct);
        if (made.ExitCode != 0)
            throw new GitException(git.Failure(args, made).Message +
                "\nThe release tag could not be signed: check your signing key (git config user.signingkey, gpg.format), or set audit.sign: false.");
        var tag = (await git.TextAsync(["rev-parse", "--verify", $"refs/tags/{name}^{{tag}}"], ct)).Trim();
        await git.RunAsync(["update-ref", "-d", $"refs/tags/{name}", tag], ct: ct);
        return tag;
    }

    /// <summary>Whether each tag object carries a good signature by an allowed signer, and if not, why.</summary>
    public static async Task<IReadOnlyDictionary<string, SignatureCheck>> VerifyAsync(GitRepository repository, IReadOnlyList<string> tags,
        string allowedSignersFile, CancellationToken ct)
    {
        var checks = new Dictionary<string, SignatureCheck>();
        if (tags.Count == 0) return checks;
        var objects = await repository.ReadObjectsAsync(tags, ct);
        var signers = AllowedSignerList.Parse(await File.ReadAllBytesAsync(allowedSignersFile, ct));
        for (var i = 0; i < tags.Count; i++)
        {
            if (objects[i] is not { Type: "tag" } tag) checks[tags[i]] = new SignatureCheck(false, "not an annotated tag");
            else if (!HasSignature(tag.Bytes)) checks[tags[i]] = new SignatureCheck(false, "no signature");
            else if (SigningKey.SplitTag(tag.Bytes) is { } signed && SshCommitSignature.WhyNotGood(signed, signers, TimeZoneInfo.Local) is null)
                checks[tags[i]] = new SignatureCheck(true, null);
        }
        foreach (var tag in tags.Where(t => !checks.ContainsKey(t)))
        {
            string[] args = ["-c", $"gpg.ssh.allowedSignersFile={allowedSignersFile}", "verify-tag", "--raw", tag];
            var result = await repository.Cli.TryRunAsync(args, ct: ct);
            var said = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            checks[tag] = result.ExitCode == 0 ? new SignatureCheck(true, null)
                : new SignatureCheck(false, said.Length == 0 ? "git verify-tag refused it" : said[^1]);
        }
        return checks;
    }

    private static bool HasSignature(byte[] tag)
    {
        var text = Encoding.UTF8.GetString(tag);
        return text.Contains("\n-----BEGIN SSH SIGNATURE-----", StringComparison.Ordinal)
            || text.Contains("\n-----BEGIN PGP SIGNATURE-----", StringComparison.Ordinal)
            || text.Contains("\n-----BEGIN SIGNED MESSAGE-----", StringComparison.Ordinal);
    }
}
