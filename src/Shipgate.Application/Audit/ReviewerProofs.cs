using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Audit;

/// <summary>
/// Proves who runs <c>shipgate audit review</c>: by the login GitHub gives for their own token (<c>GET /user</c>), else by a
/// signature on the review's commit with a key listed in audit.allowed_signers, else (only where the release policy says
/// audit.review_identity: git-config) by nothing, recorded so. With no proof, the review is refused: git config is typed, not proven.
/// </summary>
internal static class ReviewerProofs
{
    public static async Task<ProvenReviewer> ProveAsync(GitRepository git, ShipgateConfig config, Reviewer reviewer, AllowedSigners? signers,
        CancellationToken ct)
    {
        var key = await SigningKeyConfig.ConfiguredAsync(git.Cli, ct);
        if (reviewer.Login is { } login)
            return new ProvenReviewer(reviewer, new ReviewerProof { Method = ProofMethod.GitHubToken, Login = login }, config.Audit.Sign ? key : null);

        var missing = new List<string> { "no GitHub token whose login GitHub gives (GH_TOKEN or GITHUB_TOKEN, your own)" };
        if (signers is null) missing.Add("the release policy names no audit.allowed_signers, so no signature can prove you");
        else if (key is null) missing.Add("git has no ssh signing key here (git config gpg.format ssh; git config user.signingkey <your key>.pub)");
        else
        {
            var listed = AllowedSignerList.Parse(await File.ReadAllBytesAsync(signers.Path, ct))?.Signers
                .Where(s => s.Key.AsSpan().SequenceEqual(key)).Select(s => s.Principals).Distinct().ToList() ?? [];
            if (listed.Count > 0)
                return new ProvenReviewer(reviewer,
                    new ReviewerProof { Method = ProofMethod.SshSignature, Key = SigningKey.Fingerprint(key), Principal = string.Join(",", listed) }, key);
            missing.Add($"your signing key {SigningKey.Fingerprint(key)} is not listed in audit.allowed_signers");
        }
        if (config.Audit.ReviewIdentity == ReviewIdentityRule.GitConfig)
            return new ProvenReviewer(reviewer, new ReviewerProof { Method = ProofMethod.GitConfig }, config.Audit.Sign ? key : null);
        throw new ShipgateException(ExitCode.Blocked,
            "BLOCKED: nothing proves who you are, and a review is recorded only by a proven reviewer: git config (user.name, user.email) " +
            "can be set to anyone.\n\n" + string.Join("\n", missing.Select(m => "- " + m)) + "\n\n" +
            "Prove it with your own GitHub token, or sign with your key listed in audit.allowed_signers. " +
            "(A release policy may allow unproven reviews, flagged by verify: audit.review_identity: git-config.)\nNothing was recorded.");
    }

    /// <summary>The releaser of a release, with the key that signed the commit adding its record (when signed).</summary>
    public static async Task<Counterpart> ReleaserAsync(GitRepository git, string archiveTip, ReleaseRecord release, CancellationToken ct)
    {
        var added = await git.LastCommitTouchingAsync(archiveTip, RecordFiles.JsonPath(release.ReleaseId), ct);
        return new Counterpart(release.ReleasedByEmail, release.ReleasedByLogin, await KeyOfAsync(git, added, ct), "released it");
    }

    /// <summary>The author of each direct push, with the key that signed the commit (when signed).</summary>
    public static async Task<IReadOnlyList<Counterpart>> PushersAsync(GitRepository git, IReadOnlyList<DirectPush> pushes, CancellationToken ct)
    {
        var objects = await git.ReadObjectsAsync(pushes.Select(p => p.Sha).ToList(), ct);
        return pushes.Select((p, i) => new Counterpart(p.AuthorEmail, null,
            objects[i] is { Type: "commit" } commit && SigningKey.OfCommit(commit.Bytes) is { } key ? SigningKey.Fingerprint(key) : null,
            $"wrote {Sha.Short(p.Sha)} \"{p.Subject}\"")).ToList();
    }

    /// <summary>
    /// Who GitHub says pushed each direct push to production (the witness: the repository activity of production), as logins a
    /// proven reviewer must not be. None without a code host that keeps a record of pushes, or when GitHub cannot answer: verify
    /// asks the witness again.
    /// </summary>
    public static async Task<IReadOnlyList<Counterpart>> WitnessedPushersAsync(IPushHistory? witness, TrailFacts facts,
        IReadOnlyList<DirectPush> pushes, CancellationToken ct)
    {
        if (witness is null || pushes.Count == 0) return [];
        IReadOnlyList<RefActivity> production;
        try
        {
            production = await witness.GetBranchActivityAsync(facts.ProductionBranch, ct);
        }
        catch (ApiException)
        {
            return [];
        }
        var graph = new CommitGraph(facts.MainSinceFirstRelease);
        return pushes.Select(p => (Push: p, Update: WitnessedPushers.UpdateOf(graph, production, p.Sha)))
            .Where(p => p.Update?.Actor is not null)
            .Select(p => new Counterpart("", SafeText.OneLine(p.Update!.Actor!), null,
                $"pushed {Sha.Short(p.Push.Sha)} to {facts.ProductionBranch} at {p.Update.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC " +
                "(GitHub's repository activity)"))
            .ToList();
    }

    /// <summary>
    /// Refuses (exit 3) a review commit that does not carry the proof its record claims: a good signature by an allowed signer,
    /// with the key named. Checked before the push, so a refused review leaves nothing behind.
    /// </summary>
    public static async Task RequireSignedAsync(GitRepository git, string commit, ProvenReviewer proven, AllowedSigners signers, CancellationToken ct)
    {
        var signedWith = await KeyOfAsync(git, commit, ct);
        var check = (await git.VerifySignaturesAsync([commit], signers.Path, ct)).GetValueOrDefault(commit);
        if (signedWith != proven.KeyFingerprint || check is not { ByAllowedSigner: true })
            throw new ShipgateException(ExitCode.Blocked,
                $"BLOCKED: your review's commit is not signed as your proof says (by {proven.KeyFingerprint}, listed in audit.allowed_signers): " +
                $"{(signedWith != proven.KeyFingerprint ? $"git signed it with {signedWith ?? "no ssh key"}" : check?.WhyNot ?? "git did not check it")}.\n" +
                "Check git config gpg.format and user.signingkey.\nNothing was recorded.");
    }

    private static async Task<string?> KeyOfAsync(GitRepository git, string commit, CancellationToken ct) =>
        (await git.ReadObjectsAsync([commit], ct))[0] is { Type: "commit" } found && SigningKey.OfCommit(found.Bytes) is { } key
            ? SigningKey.Fingerprint(key) : null;
}
