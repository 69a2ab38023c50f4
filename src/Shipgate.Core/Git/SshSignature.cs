using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using NSecKey = NSec.Cryptography.PublicKey;

namespace Shipgate.Git;

/// <summary>
/// An SSH signature in OpenSSH's SSHSIG format, as <c>ssh-keygen -Y sign</c> writes it (and git into a commit's
/// gpgsig header). Verified in process as <c>ssh-keygen -Y verify</c> would: ssh-ed25519, ssh-rsa (rsa-sha2-256/512)
/// and ecdsa-sha2-nistp256/384/521 keys, sha256 or sha512 over the message. Anything else is not understood (null),
/// and the caller asks ssh-keygen instead: this only ever says "good" where OpenSSH would.
/// </summary>
/// <param name="PublicKey">The signing key's SSH wire blob, compared byte for byte with the allowed signers' keys.</param>
internal sealed record SshSignature(byte[] PublicKey, string KeyType, string Namespace, string HashAlgorithm, byte[] Signature)
{
    private const string Begin = "-----BEGIN SSH SIGNATURE-----";
    private const string End = "-----END SSH SIGNATURE-----";
    private static readonly byte[] Magic = "SSHSIG"u8.ToArray();

    /// <summary>The key types verified here; a signature by any other (an SK key, a certificate, DSA) is left to ssh-keygen.</summary>
    public static readonly IReadOnlySet<string> KeyTypes =
        new HashSet<string>(["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"]);

    /// <summary>The armored signature when it is exactly as ssh-keygen writes one (version 1, no reserved data); otherwise null.</summary>
    public static SshSignature? Parse(string armored)
    {
        var lines = armored.Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0) lines = lines[..^1];
        if (lines.Length < 3 || lines[0] != Begin || lines[^1] != End) return null;
        var body = lines[1..^1];
        if (body.Any(line => line.Length == 0 || !line.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))) return null;
        var text = string.Concat(body);
        var blob = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, blob, out var written)) return null;
        var wire = new SshWire(blob[..written]);
        if (!wire.TryBytes(6, out var magic) || !magic.SequenceEqual(Magic) || !wire.TryBytes(4, out var version)
            || !version.SequenceEqual(new byte[] { 0, 0, 0, 1 })
            || !wire.TryString(out var key) || !wire.TryText(out var space) || !wire.TryString(out var reserved) || reserved.Length != 0
            || !wire.TryText(out var hash) || !wire.TryString(out var signature) || !wire.AtEnd)
            return null;
        var keyWire = new SshWire(key);
        return keyWire.TryText(out var type) && KeyTypes.Contains(type) ? new SshSignature(key, type, space, hash, signature) : null;
    }

    /// <summary>
    /// True when the signature is over <paramref name="message"/> in <paramref name="expectedNamespace"/> by its key, with
    /// a hash OpenSSH accepts (sha256, sha512; never RSA with SHA-1).
    /// </summary>
    public bool Verifies(ReadOnlySpan<byte> message, string expectedNamespace)
    {
        if (Namespace != expectedNamespace) return false;
        byte[] digest;
        if (HashAlgorithm == "sha256") digest = SHA256.HashData(message);
        else if (HashAlgorithm == "sha512") digest = SHA512.HashData(message);
        else return false;
        using var signed = new MemoryStream();
        signed.Write(Magic);
        SshWire.WriteString(signed, Encoding.ASCII.GetBytes(Namespace));
        SshWire.WriteString(signed, []);
        SshWire.WriteString(signed, Encoding.ASCII.GetBytes(HashAlgorithm));
        SshWire.WriteString(signed, digest);
        try
        {
            return KeyVerifies(signed.ToArray());
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            // libsodium (NSec, for ed25519) is not beside a binary copied on its own: "not good here", and git decides.
            return false;
        }
    }

    private bool KeyVerifies(byte[] data)
    {
        var key = new SshWire(PublicKey);
        var signature = new SshWire(Signature);
        if (!key.TryText(out _) || !signature.TryText(out var algorithm) || !signature.TryString(out var bytes) || !signature.AtEnd) return false;
        switch (KeyType)
        {
            case "ssh-ed25519":
                return algorithm == KeyType && key.TryString(out var point) && key.AtEnd && point.Length == 32 && bytes.Length == 64
                    && NSecKey.TryImport(SignatureAlgorithm.Ed25519, point, KeyBlobFormat.RawPublicKey, out var ed25519)
                    && SignatureAlgorithm.Ed25519.Verify(ed25519!, data, bytes);
            case "ssh-rsa":
                if (!key.TryUnsigned(out var exponent) || !key.TryUnsigned(out var modulus) || !key.AtEnd) return false;
                var bits = modulus.Length * 8 - byte.LeadingZeroCount(modulus.FirstOrDefault());
                var hash = algorithm switch
                {
                    "rsa-sha2-256" => HashAlgorithmName.SHA256,
                    "rsa-sha2-512" => HashAlgorithmName.SHA512,
                    _ => default,
                };
                if (hash == default || bits < 1024 || bits > 16384 || exponent.Length == 0 || bytes.Length > modulus.Length) return false;
                using (var rsa = RSA.Create(new RSAParameters { Modulus = modulus, Exponent = exponent }))
                {
                    var padded = new byte[modulus.Length];
                    bytes.CopyTo(padded, modulus.Length - bytes.Length);
                    return rsa.VerifyData(data, padded, hash, RSASignaturePadding.Pkcs1);
                }
            default:
                var (curve, size, ecHash) = KeyType switch
                {
                    "ecdsa-sha2-nistp256" => (ECCurve.NamedCurves.nistP256, 32, HashAlgorithmName.SHA256),
                    "ecdsa-sha2-nistp384" => (ECCurve.NamedCurves.nistP384, 48, HashAlgorithmName.SHA384),
                    _ => (ECCurve.NamedCurves.nistP521, 66, HashAlgorithmName.SHA512),
                };
                var inner = new SshWire(bytes);
                if (algorithm != KeyType || !key.TryText(out var curveName) || curveName != KeyType["ecdsa-sha2-".Length..]
                    || !key.TryString(out var q) || !key.AtEnd || q.Length != 1 + 2 * size || q[0] != 4
                    || !inner.TryUnsigned(out var r) || !inner.TryUnsigned(out var s) || !inner.AtEnd
                    || r.Length is 0 || r.Length > size || s.Length is 0 || s.Length > size)
                    return false;
                using (var ecdsa = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = q[1..(1 + size)], Y = q[(1 + size)..] } }))
                {
                    var rs = new byte[2 * size];
                    r.CopyTo(rs, size - r.Length);
                    s.CopyTo(rs, 2 * size - s.Length);
                    return ecdsa.VerifyData(data, rs, ecHash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                }
        }
    }
}
