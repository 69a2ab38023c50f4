using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Shipgate.Git;

/// <summary>A valid-after or valid-before time of an allowed signer: a wall-clock time, in UTC ("Z") or the local time zone.</summary>
internal sealed record SignerTime(DateTime WallClock, bool Utc)
{
    /// <summary>
    /// The time as ssh-keygen reads it (seconds since 1970), or null when that depends on daylight saving: ssh-keygen reads
    /// a local time as standard time, so only a zone without rules (UTC on CI) is read here.
    /// </summary>
    public long? Seconds(TimeZoneInfo zone) =>
        Utc ? new DateTimeOffset(WallClock, TimeSpan.Zero).ToUnixTimeSeconds()
        : zone.GetAdjustmentRules().Length == 0 ? new DateTimeOffset(WallClock, zone.BaseUtcOffset).ToUnixTimeSeconds() : null;

    /// <summary>ssh-keygen's absolute time: YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, optionally followed by Z or UTC.</summary>
    public static SignerTime? Parse(string text)
    {
        var utc = text.EndsWith('Z') || text.EndsWith('z') || text.EndsWith("UTC", StringComparison.OrdinalIgnoreCase);
        var digits = utc ? text[..(text.EndsWith("UTC", StringComparison.OrdinalIgnoreCase) ? ^3 : ^1)] : text;
        var format = digits.Length switch { 8 => "yyyyMMdd", 12 => "yyyyMMddHHmm", 14 => "yyyyMMddHHmmss", _ => null };
        return format is not null && digits.All(char.IsAsciiDigit)
            && DateTime.TryParseExact(digits, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && at.Year >= 1970
            ? new SignerTime(at, utc) : null;
    }
}

/// <summary>
/// One line of an allowed-signers file (ssh-keygen's ALLOWED SIGNERS format): who, with which key, and the options.
/// </summary>
/// <param name="Key">The key's SSH wire blob.</param>
/// <param name="Namespaces">The namespaces= list, or null when the key may sign in any namespace.</param>
/// <param name="Plain">True when the principal and namespaces are literal names, no patterns (*, ?, !) or lists: only those are judged here.</param>
internal sealed record AllowedSigner(string Principals, byte[] Key, IReadOnlyList<string>? Namespaces, SignerTime? ValidAfter,
    SignerTime? ValidBefore, bool CertificateAuthority, bool Plain);

/// <summary>
/// An allowed-signers file as ssh-keygen reads it. Parsed only when every line is understood here: ssh-keygen stops at a line
/// it cannot read (an unknown option, an unquoted value, an unknown key type), so such a file is left to ssh-keygen whole.
/// </summary>
internal sealed record AllowedSignerList(IReadOnlyList<AllowedSigner> Signers)
{
    private static readonly char[] Patterns = ['*', '?', '!', ','];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's bytes as ssh-keygen reads them: null when they are not plain UTF-8 (a byte order mark is part of a name there).</summary>
    public static AllowedSignerList? Parse(byte[] file)
    {
        if (file.AsSpan().StartsWith("\uFEFF"u8)) return null;
        try
        {
            return Parse(StrictUtf8.GetString(file));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The file's signers, or null when any line is not understood here.</summary>
    public static AllowedSignerList? Parse(string text)
    {
        if (text.Contains('\r') || text.Contains('\0') || text.StartsWith('\uFEFF')) return null;
        var signers = new List<AllowedSigner>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimStart(' ', '\t');
            if (line.Length == 0 || line[0] == '#') continue;
            if (ParseLine(line) is not { } signer) return null;
            signers.Add(signer);
        }
        return new AllowedSignerList(signers);
    }

    private static AllowedSigner? ParseLine(string line)
    {
        var (principals, rest) = Word(line);
        if (principals.Length == 0 || principals[0] == '"') return null;
        string? options = null;
        if (!SshSignature.KeyTypes.Contains(Word(rest).Word))
        {
            (options, rest) = Word(rest);
            if (options.Contains('\\')) return null;
        }
        var (type, afterType) = Word(rest);
        var blob = KeyBlob(type, Word(afterType).Word);
        if (blob is null) return null;

        IReadOnlyList<string>? namespaces = null;
        SignerTime? after = null, before = null;
        var authority = false;
        foreach (var option in options is null ? [] : SplitOptions(options))
        {
            if (option == "cert-authority" && !authority) authority = true;
            else if (Quoted(option, "namespaces=") is { } list && namespaces is null) namespaces = list.Split(',');
            else if (Quoted(option, "valid-after=") is { } a && after is null && SignerTime.Parse(a) is { } parsedAfter) after = parsedAfter;
            else if (Quoted(option, "valid-before=") is { } b && before is null && SignerTime.Parse(b) is { } parsedBefore) before = parsedBefore;
            else return null;
        }
        var plain = principals.IndexOfAny(Patterns) < 0 && (namespaces is null || namespaces.All(n => n.IndexOfAny(Patterns) < 0));
        return new AllowedSigner(principals, blob, namespaces, after, before, authority, plain);
    }

    /// <summary>The first whitespace-delimited word (quotes keep spaces inside it, as in options) and the rest after the spaces that follow.</summary>
    private static (string Word, string After) Word(string text)
    {
        var quoted = false;
        var end = 0;
        for (; end < text.Length && (quoted || text[end] is not (' ' or '\t')); end++)
            if (text[end] == '"') quoted = !quoted;
        return (text[..end], text[end..].TrimStart(' ', '\t'));
    }

    private static IEnumerable<string> SplitOptions(string options)
    {
        var quoted = false;
        var start = 0;
        for (var i = 0; i <= options.Length; i++)
        {
            if (i < options.Length && options[i] == '"') quoted = !quoted;
            if (i == options.Length || (options[i] == ',' && !quoted))
            {
                yield return options[start..i];
                start = i + 1;
            }
        }
    }

    private static string? Quoted(string option, string name) =>
        option.StartsWith(name, StringComparison.Ordinal) && option.Length >= name.Length + 2 && option[name.Length] == '"' && option[^1] == '"'
            && option.Count(c => c == '"') == 2
            ? option[(name.Length + 1)..^1] : null;

    /// <summary>The key's wire blob when it is a well-formed key of a type verified here, named as its blob says; otherwise null.</summary>
    private static byte[]? KeyBlob(string type, string base64)
    {
        if (!SshSignature.KeyTypes.Contains(type) || base64.Length == 0 || !base64.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            return null;
        var blob = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, blob, out var written)) return null;
        blob = blob[..written];
        var wire = new SshWire(blob);
        if (!wire.TryText(out var named) || named != type) return null;
        try
        {
            return type switch
            {
                "ssh-ed25519" => wire.TryString(out var point) && wire.AtEnd && point.Length == 32 ? blob : null,
                "ssh-rsa" => wire.TryUnsigned(out var e) && wire.TryUnsigned(out var n) && wire.AtEnd && e.Length > 0
                    && n.Length * 8 - byte.LeadingZeroCount(n.FirstOrDefault()) is >= 1024 and <= 16384 ? blob : null,
                _ => wire.TryText(out var curve) && curve == type["ecdsa-sha2-".Length..] && wire.TryString(out var q) && wire.AtEnd
                    && OnCurve(curve, q) ? blob : null,
            };
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static bool OnCurve(string curve, byte[] q)
    {
        var (named, size) = curve switch
        {
            "nistp256" => (ECCurve.NamedCurves.nistP256, 32),
            "nistp384" => (ECCurve.NamedCurves.nistP384, 48),
            _ => (ECCurve.NamedCurves.nistP521, 66),
        };
        if (q.Length != 1 + 2 * size || q[0] != 4) return false;
        using var key = ECDsa.Create(new ECParameters { Curve = named, Q = new ECPoint { X = q[1..(1 + size)], Y = q[(1 + size)..] } });
        return true;
    }
}
