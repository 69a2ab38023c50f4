using System.Globalization;
using System.Text;

namespace Shipgate.Git;

/// <summary>
/// Judges a commit's SSH signature in process exactly as git 2.39 with ssh-keygen does (<c>git verify-commit</c> with
/// gpg.ssh.allowedSignersFile): the signature over the commit without its gpgsig header, in namespace "git"; the principal
/// found by key (<c>ssh-keygen -Y find-principals</c>: the first line with the key valid at the commit time); then verified as
/// that principal (<c>-Y verify -I</c>: a line with that principal and key, allowing namespace "git", valid at the commit time).
/// It only ever says "good": whatever is not good, or not understood here, is left to git, so no verdict is weaker than git's.
/// </summary>
internal static class SshCommitSignature
{
    /// <summary>A commit's bytes without the signature, the armored signature, and the committer's time (git's -Overify-time).</summary>
    internal sealed record SignedCommit(byte[] Payload, string Signature, long? CommittedAt);

    /// <summary>Null when the commit is signed by an allowed signer as git would judge it; otherwise why it is left to git.</summary>
    public static string? WhyNotGood(byte[] commit, AllowedSignerList? signers, TimeZoneInfo zone) =>
        Split(commit) is { } signed ? WhyNotGood(signed, signers, zone) : "no single gpgsig header";

    /// <summary>The same judgement of anything signed as git signs it: a commit split by <see cref="Split"/>, or a tag.</summary>
    public static string? WhyNotGood(SignedCommit signed, AllowedSignerList? signers, TimeZoneInfo zone)
    {
        if (SshSignature.Parse(signed.Signature) is not { } signature) return "not an SSH signature verified here";
        if (signers is null) return "the allowed-signers file is not understood here";
        var lines = signers.Signers.Where(s => s.Key.AsSpan().SequenceEqual(signature.PublicKey)).ToList();
        if (lines.Count == 0) return "the key is not in the allowed-signers file";
        if (lines.Any(l => !l.Plain || l.CertificateAuthority)) return "the key's line has patterns or options judged by ssh-keygen only";

        bool? Admits(AllowedSigner line)
        {
            if (line.ValidAfter is null && line.ValidBefore is null) return true;
            // ssh-keygen reads git's local verify time as standard time: exact only in a zone without rules.
            if (signed.CommittedAt is not { } at || zone.GetAdjustmentRules().Length > 0) return null;
            long? after = line.ValidAfter?.Seconds(zone), before = line.ValidBefore?.Seconds(zone);
            if ((line.ValidAfter is not null && after is null) || (line.ValidBefore is not null && before is null)) return null;
            return (after is null || at >= after) && (before is null || at <= before);
        }

        string? principal = null;
        foreach (var line in lines)
        {
            var admits = Admits(line);
            if (admits is null) return "the key's validity depends on the time zone";
            if (admits == true)
            {
                principal = line.Principals;
                break;
            }
        }
        if (principal is null) return "the key is not valid at the commit time";
        var verdicts = lines.Where(l => l.Principals == principal && (l.Namespaces is null || l.Namespaces.Contains("git"))).Select(Admits).ToList();
        if (!verdicts.Contains(true)) return verdicts.Contains(null) ? "the key's validity depends on the time zone" : "the key may not sign in namespace git";
        return signature.Verifies(signed.Payload, "git") ? null : "the signature does not verify";
    }

    /// <summary>
    /// The commit split as git splits it for verification, when its headers hold exactly one <c>gpgsig</c> header and no other
    /// signature header (gpgsig-sha256); otherwise null.
    /// </summary>
    public static SignedCommit? Split(byte[] commit)
    {
        var headerEnd = commit.AsSpan().IndexOf("\n\n"u8);
        headerEnd = headerEnd < 0 ? commit.Length : headerEnd + 1;
        int start = -1, end = -1;
        long? committedAt = null;
        var committer = false;
        var signature = new StringBuilder();
        for (var position = 0; position < headerEnd;)
        {
            var next = Array.IndexOf(commit, (byte)'\n', position, headerEnd - position);
            next = next < 0 ? headerEnd : next + 1;
            var line = Encoding.UTF8.GetString(commit, position, next - position);
            if (end == position && line.StartsWith(' '))
            {
                signature.Append(line[1..]);
                end = next;
            }
            else if (line.StartsWith("gpgsig", StringComparison.Ordinal))
            {
                if (start >= 0 || !line.StartsWith("gpgsig ", StringComparison.Ordinal)) return null;
                (start, end) = (position, next);
                signature.Append(line["gpgsig ".Length..]);
            }
            else if (!committer && line.StartsWith("committer ", StringComparison.Ordinal))
                (committer, committedAt) = (true, CommitTime(line));
            position = next;
        }
        return start < 0 ? null : new SignedCommit([.. commit[..start], .. commit[end..]], signature.ToString(), committedAt);
    }

    /// <summary>The time of a committer line, "committer Name &lt;email&gt; 1700000000 +0000"; git gives ssh-keygen no time for 0.</summary>
    private static long? CommitTime(string line)
    {
        var parts = line[(line.LastIndexOf('>') + 1)..].Trim().Split(' ');
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var at) && at > 0 ? at : null;
    }
}
