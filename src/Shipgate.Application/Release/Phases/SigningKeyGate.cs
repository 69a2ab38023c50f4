using Shipgate.Git;

namespace Shipgate.Release.Phases;

/// <summary>
/// Part of pre-flight: under <c>audit.sign: required</c> a release needs a signing key before anything is drawn or written, since
/// its record and its tag must be signed and verify breaks on anything unsigned. A release stops (exit 3, nothing changed); a dry
/// run names it and goes on (<see cref="GateRunner"/>).
/// </summary>
internal static class SigningKeyGate
{
    public static async Task<WouldBlock?> CheckAsync(ReleaseContext context, CancellationToken ct)
    {
        if (!context.Config.Audit.SignRequired || await SigningKeyConfig.IsConfiguredAsync(context.Git.Cli, ct)) return null;
        var message = "BLOCKED: the release policy says audit.sign: required, but git has no signing key here (user.signingkey).\n\n" +
            "The release record and its tag must be signed by a key in audit.allowed_signers. Set yours, for an ssh key:\n" +
            "  git config gpg.format ssh\n  git config user.signingkey ~/.ssh/id_ed25519.pub\nthen run the release again. Nothing was changed.";
        return new WouldBlock("audit.sign is required but git has no signing key (user.signingkey)", null, message,
            new GateNotice(null, message.Replace("Nothing was changed.", "A release now would stop here.", StringComparison.Ordinal)));
    }
}
