using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Shipgate.Git;

/// <summary>
/// Which SSH key signed a commit or a tag, and which key git would sign with: named by fingerprint (SHA256:…, as ssh-keygen
/// shows it) so that a reviewer's key can be told from the releaser's. Only says which key a signature claims; whether it is
/// good is for the signature checks (GitRepository.VerifySignaturesAsync, SignedTags). Pure: SigningKeyConfig reads which key
/// git is set to sign with.
/// </summary>
internal static class SigningKey
{
    private const string TagSignatureStart = "-----BEGIN SSH SIGNATURE-----";

    /// <summary>SHA256:… (unpadded base64 of the SHA-256 of the key's wire blob), as ssh-keygen -l prints it.</summary>
    public static string Fingerprint(byte[] keyBlob) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');

    /// <summary>The SSH key a commit's signature names, or null when it carries no SSH signature read here.</summary>
    public static byte[]? OfCommit(byte[] commit) =>
        SshCommitSignature.Split(commit) is { } signed ? SshSignature.Parse(signed.Signature)?.PublicKey : null;

    /// <summary>
    /// A tag object split as git splits it for <c>git verify-tag</c>: the bytes before the SSH signature appended to its
    /// message, the signature, and the tagger's time; null when it carries no SSH signature.
    /// </summary>
    public static SshCommitSignature.SignedCommit? SplitTag(byte[] tag)
    {
        var text = Encoding.UTF8.GetString(tag);
        var start = text.IndexOf("\n" + TagSignatureStart, StringComparison.Ordinal);
        if (start < 0) return null;
        var payload = Encoding.UTF8.GetByteCount(text.AsSpan(0, start + 1));
        var tagger = text.Split('\n').FirstOrDefault(line => line.StartsWith("tagger ", StringComparison.Ordinal));
        long? at = null;
        if (tagger is not null && tagger[(tagger.LastIndexOf('>') + 1)..].Trim().Split(' ') is [var seconds, _]
            && long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
            at = value;
        return new SshCommitSignature.SignedCommit(tag[..payload], text[(start + 1)..], at);
    }

    /// <summary>The key blob of a public key line ("ssh-ed25519 AAAA… comment"), or null when it is not one.</summary>
    public static byte[]? FromPublicKeyLine(string line)
    {
        var parts = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !SshSignature.KeyTypes.Contains(parts[0])) return null;
        try
        {
            return Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
