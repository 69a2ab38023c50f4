using System.Diagnostics;
using Shipgate.Audit;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit;

/// <summary><c>audit verify</c> uses the same number of git processes whatever the length of the trail, signatures included.</summary>
[Trait("Category", "Integration")]
public sealed class VerifyScaleTests
{
    /// <summary>A trail of <paramref name="records"/> records: one real release, then records added to the archive branch one commit each.</summary>
    private static ReleaseScenario Trail(int records, bool signed)
    {
        var s = new ReleaseScenario(Scenarios.Rich);
        var dev = s.Git.Developer;
        if (signed)
        {
            var key = Path.Combine(s.Folder, "release_key");
            Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "rita@example.com", "-f", key);
            foreach (var clone in new[] { s.Git.Releaser, dev })
            {
                GitScenario.Run(clone, "config", "gpg.format", "ssh");
                GitScenario.Run(clone, "config", "user.signingkey", key + ".pub");
            }
            var signers = Path.Combine(s.Folder, "allowed_signers");
            File.WriteAllText(signers, $"rita@example.com namespaces=\"git\" {File.ReadAllText(key + ".pub").Trim()}\n");
            Scenarios.ReleasedPolicy(s.Git, Scenarios.Config + $"\naudit:\n  sign: true\n  allowed_signers: {signers}");
        }
        var release = s.ReleaseAsync().GetAwaiter().GetResult();
        Assert.True(release.Code == ExitCode.Success, release.Output);

        GitScenario.Run(dev, "fetch", "--quiet", "origin", "compliance-archives");
        GitScenario.Run(dev, "checkout", "--quiet", "-B", "compliance-archives", "FETCH_HEAD");
        var first = File.ReadAllText(Path.Combine(dev, "releases", s.ReleaseIds().Single() + ".json"));
        for (var n = 2; n <= records; n++)
        {
            var id = $"release-2030-01-01-{n:000000}";
            File.WriteAllText(Path.Combine(dev, "releases", id + ".json"), first.Replace(s.ReleaseIds().Single(), id));
            GitScenario.Run(dev, "add", "-A");
            GitScenario.Run(dev, "commit", "--quiet", signed ? "-S" : "--no-gpg-sign", "-m", $"Release record {id}");
        }
        GitScenario.Run(dev, "push", "--quiet", "origin", "compliance-archives");
        GitScenario.Run(dev, "checkout", "--quiet", "-f", "staging");
        return s;
    }

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    /// <summary>What <c>audit verify</c> does (as TrailVerification), with the number of git processes it started.</summary>
    private static async Task<(int Processes, TrailFacts Facts, TrailVerdict Verdict)> VerifyAsync(ReleaseScenario s)
    {
        var repository = await LocalRepository.OpenAsync(s.Git.Releaser, _ => null, null, Secrets.None, CancellationToken.None);
        using var signers = await AllowedSigners.OpenAsync(repository, CancellationToken.None);
        var facts = await TrailReader.ReadAsync(repository.Git, repository.Config, repository.Name, signers?.Path, CancellationToken.None);
        var verdict = TrailVerifier.Verify(facts, DateTimeOffset.UtcNow, repository.Config.Audit.ReviewWithin);
        return (repository.Git.Cli.ProcessCount, facts, verdict);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Git_processes_do_not_grow_with_the_length_of_the_trail(bool signed)
    {
        using var small = Trail(3, signed);
        using var large = Trail(30, signed);

        var (smallProcesses, smallFacts, smallVerdict) = await VerifyAsync(small);
        var (largeProcesses, largeFacts, largeVerdict) = await VerifyAsync(large);

        Assert.Equal(3, smallFacts.Links.Count);
        Assert.Equal(30, largeFacts.Links.Count);
        Assert.Equal(smallProcesses, largeProcesses);
        if (signed)
        {
            // Every record commit was checked, each signed by the allowed key.
            Assert.Equal(30, largeFacts.Signatures!.Count);
            Assert.All(largeFacts.Signatures.Values, check => Assert.True(check.ByAllowedSigner, check.WhyNot));
            Assert.DoesNotContain(largeVerdict.Problems, p => p.Check == TrailCheck.Signatures);
        }
        else Assert.Null(largeFacts.Signatures);
        Assert.Equal(smallVerdict.SignaturesRequired, largeVerdict.SignaturesRequired);
    }
}
