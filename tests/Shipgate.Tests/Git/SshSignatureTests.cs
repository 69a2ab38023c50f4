using Shipgate.Git;
using static Shipgate.Tests.Git.SshVectors;

namespace Shipgate.Tests.Git;

/// <summary>SSH commit signatures judged in process, against fixed vectors signed by ssh-keygen: "good" only where git says so.</summary>
public sealed class SshSignatureTests
{
    private static string? Judge(string commit, string signers) =>
        SshCommitSignature.WhyNotGood(Bytes(commit), AllowedSignerList.Parse(signers), TimeZoneInfo.Utc);

    private static string AllThree => $"rita@example.com {Ed25519Key}\nrita@example.com {RsaKey}\n# ops\nrita@example.com {EcdsaKey}\n";

    [Fact]
    public void Ed25519_rsa_and_ecdsa_signatures_by_listed_keys_are_good()
    {
        Assert.Null(Judge(Ed25519Commit, AllThree));
        Assert.Null(Judge(RsaCommit, AllThree));
        Assert.Null(Judge(EcdsaCommit, AllThree));
    }

    [Fact]
    public void A_changed_commit_is_not_good()
    {
        Assert.Equal("the signature does not verify", Judge(Ed25519Commit.Replace("by ed25519", "by mallory"), AllThree));
        Assert.Equal("the signature does not verify", Judge(RsaCommit.Replace("1767225600 +0000\ncommitter", "1767225601 +0000\ncommitter"), AllThree));
        Assert.Equal("the signature does not verify", Judge(EcdsaCommit.Replace("Rita", "Mallory"), AllThree));
    }

    [Fact]
    public void A_signature_in_another_namespace_is_not_good()
    {
        Assert.Equal("the signature does not verify", Judge(WrongNamespaceCommit, AllThree));
        Assert.False(SshSignature.Parse(SshCommitSignature.Split(Bytes(WrongNamespaceCommit))!.Signature)!.Verifies(
            SshCommitSignature.Split(Bytes(WrongNamespaceCommit))!.Payload, "git"));
    }

    [Fact]
    public void A_key_not_listed_is_not_good()
    {
        Assert.Equal("the key is not in the allowed-signers file", Judge(Ed25519Commit, $"rita@example.com {RsaKey}\n"));
        Assert.Equal("the key is not in the allowed-signers file", Judge(Ed25519Commit, ""));
    }

    [Theory]
    [InlineData("valid-before=\"20251231Z\"", "the key is not valid at the commit time")]
    [InlineData("valid-after=\"20260101000001Z\"", "the key is not valid at the commit time")]
    [InlineData("valid-after=\"20251231\",valid-before=\"20260101000000\"", null)]
    [InlineData("namespaces=\"file\"", "the key may not sign in namespace git")]
    [InlineData("namespaces=\"file,git\",valid-before=\"202601010000Z\"", null)]
    public void Options_are_honoured_at_the_commit_time(string options, string? whyNot) =>
        Assert.Equal(whyNot, Judge(Ed25519Commit, $"rita@example.com {options} {Ed25519Key}\n"));

    [Fact]
    public void Principals_are_found_by_key_as_ssh_keygen_finds_them()
    {
        // The first line valid at the commit time names the principal; it is then verified as that principal.
        Assert.Null(Judge(Ed25519Commit, $"old@example.com valid-before=\"20200101\" {Ed25519Key}\nrita@example.com {Ed25519Key}\n"));
        Assert.Equal("the key may not sign in namespace git",
            Judge(Ed25519Commit, $"a@example.com namespaces=\"file\" {Ed25519Key}\nb@example.com {Ed25519Key}\n"));
        Assert.Null(Judge(Ed25519Commit, $"a@example.com namespaces=\"file\" {Ed25519Key}\na@example.com {Ed25519Key}\n"));
    }

    [Theory]
    [InlineData("rita@example.com bogus-option {0}")]
    [InlineData("rita@example.com namespaces=git {0}")]
    [InlineData("rita@example.com {0}\nsomeone sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t")]
    [InlineData("rita@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHGDKX\n")]
    public void A_file_with_anything_not_understood_is_left_to_git(string signers)
    {
        Assert.Null(AllowedSignerList.Parse(string.Format(signers, Ed25519Key)));
        Assert.Equal("the allowed-signers file is not understood here", Judge(Ed25519Commit, string.Format(signers, Ed25519Key)));
    }

    [Fact]
    public void A_file_that_is_not_plain_utf8_is_left_to_git()
    {
        var line = System.Text.Encoding.UTF8.GetBytes($"rita@example.com {Ed25519Key}\n");
        Assert.NotNull(AllowedSignerList.Parse(line));
        Assert.Null(AllowedSignerList.Parse((byte[])[0xEF, 0xBB, 0xBF, .. line]));
        Assert.Null(AllowedSignerList.Parse((byte[])[0xFF, .. line]));
    }

    [Theory]
    [InlineData("*@example.com {0}")]
    [InlineData("rita@example.com,ops@example.com {0}")]
    [InlineData("rita@example.com cert-authority {0}")]
    [InlineData("rita@example.com namespaces=\"g*\" {0}")]
    public void Patterns_and_authorities_on_the_signing_key_are_left_to_git(string signers) =>
        Assert.Equal("the key's line has patterns or options judged by ssh-keygen only", Judge(Ed25519Commit, string.Format(signers, Ed25519Key)));

    [Fact]
    public void A_local_validity_time_in_a_zone_with_daylight_saving_is_left_to_git()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Summer", TimeSpan.FromHours(1), "Summer", "Summer", "Summer",
            [TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday))]);
        var signers = AllowedSignerList.Parse($"rita@example.com valid-before=\"20300101\" {Ed25519Key}\n");
        Assert.Equal("the key's validity depends on the time zone", SshCommitSignature.WhyNotGood(Bytes(Ed25519Commit), signers, zone));
        Assert.Null(SshCommitSignature.WhyNotGood(Bytes(Ed25519Commit), AllowedSignerList.Parse($"rita@example.com {Ed25519Key}\n"), zone));
    }

    [Fact]
    public void Unsigned_gpg_and_doubly_signed_commits_are_left_to_git()
    {
        Assert.Equal("no single gpgsig header", Judge("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@b> 1 +0000\n\nmsg\n", AllThree));
        Assert.Equal("not an SSH signature verified here",
            Judge(Ed25519Commit.Replace("BEGIN SSH SIGNATURE", "BEGIN PGP SIGNATURE"), AllThree));
        var twice = Ed25519Commit.Replace("\n\nRelease", "\ngpgsig-sha256 -----BEGIN SSH SIGNATURE-----\n -----END SSH SIGNATURE-----\n\nRelease");
        Assert.Equal("no single gpgsig header", Judge(twice, AllThree));
    }
}
