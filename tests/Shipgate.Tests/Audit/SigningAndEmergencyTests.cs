using System.Diagnostics;
using System.Text.Json;
using Shipgate.Record;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit;

/// <summary>Signed record commits checked against an allowed-signers file, and emergency releases with their review.</summary>
[Trait("Category", "Integration")]
public sealed class SigningAndEmergencyTests
{
    private static string ConfigWith(string audit) => Scenarios.Config + "\naudit:\n" + audit;

    /// <summary>An ssh key made for the test, set as the releaser's git signing key, and an allowed-signers file naming it.</summary>
    private static string SetUpSigningKey(ReleaseScenario s)
    {
        var key = Path.Combine(s.Folder, "release_key");
        var (code, _, error) = Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "rita@example.com", "-f", key);
        Assert.True(code == 0, error);
        GitScenario.Run(s.Git.Releaser, "config", "gpg.format", "ssh");
        GitScenario.Run(s.Git.Releaser, "config", "user.signingkey", key + ".pub");
        var signers = Path.Combine(s.Folder, "allowed_signers");
        File.WriteAllText(signers, $"rita@example.com namespaces=\"git\" {File.ReadAllText(key + ".pub").Trim()}\n");
        return signers;
    }

    private static (int, string, string) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error);
    }

    private static void UseConfig(ReleaseScenario s, string config) => Scenarios.ReleasedPolicy(s.Git, config);

    [Fact]
    public async Task Signed_records_verify_against_the_allowed_signers()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var signers = SetUpSigningKey(s);
        UseConfig(s, ConfigWith($"  sign: true\n  allowed_signers: {signers}"));

        var release = await s.ReleaseAsync();
        Assert.True(release.Code == ExitCode.Success, release.Output);
        var signature = GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "cat-file", "commit", "refs/heads/compliance-archives");
        Assert.Contains("-----BEGIN SSH SIGNATURE-----", signature);

        var result = await s.Runner.RunAsync(["audit", "verify"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("[x] Record commits signed by allowed signers", result.Output);
    }

    [Fact]
    public async Task A_signers_file_in_the_repository_is_read_as_released_never_from_the_working_tree()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var signers = SetUpSigningKey(s);
        s.Git.DirectCommit("main", "chore: allowed signers", new() { [".github/allowed_signers"] = File.ReadAllText(signers) });
        UseConfig(s, ConfigWith("  sign: true\n  allowed_signers: .github/allowed_signers"));
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        // Someone's edit of the checked-out file (a merged PR's or an uncommitted one) must change nothing.
        File.WriteAllText(Path.Combine(s.Git.Releaser, ".github", "allowed_signers"), "mallory@example.com namespaces=\"git\" ssh-ed25519 AAAA\n");

        var result = await s.Runner.RunAsync(["audit", "verify"]);

        Assert.True(result.Code == ExitCode.Success, result.Output);
        Assert.Contains("[x] Record commits signed by allowed signers", result.Output);
    }

    [Fact]
    public async Task A_signers_file_only_in_the_working_tree_is_refused()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var signers = SetUpSigningKey(s);
        UseConfig(s, ConfigWith("  allowed_signers: .github/allowed_signers"));
        Directory.CreateDirectory(Path.Combine(s.Git.Releaser, ".github"));
        File.Copy(signers, Path.Combine(s.Git.Releaser, ".github", "allowed_signers"));

        var result = await s.Runner.RunAsync(["audit", "verify"]);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains("audit.allowed_signers: .github/allowed_signers is not committed at origin/main", result.Output);
    }

    [Fact]
    public async Task An_unsigned_record_fails_when_signatures_are_required()
    {
        // Carol's acknowledgement below is proven by her git identity only, which the released policy allows.
        using var s = new ReleaseScenario(Scenarios.RichWithUnprovenReviews);
        var signers = SetUpSigningKey(s);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        UseConfig(s, ConfigWith($"  allowed_signers: {signers}"));
        // The policy was pushed straight to main: it governs once someone else acknowledges the push.
        var acknowledged = await s.CloneAs("Carol CTO", "carol@example.com")
            .RunAsync(["audit", "review", "--direct-push", s.Git.RemoteSha("main"), "--note", "signing agreed"]);
        Assert.True(acknowledged.Code == ExitCode.Success, acknowledged.Output);

        var result = await s.Runner.RunAsync(["audit", "verify"]);

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        Assert.Contains("is not signed by an allowed signer", result.Output);
    }

    [Fact]
    public async Task A_record_signed_by_an_unknown_key_fails()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var signers = SetUpSigningKey(s);
        File.WriteAllText(signers, "someone@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOv0Zj2n6m5rQyJQ3Jx3WbG2s8b4wA3m5M0c5E2r3VqN\n");
        UseConfig(s, ConfigWith($"  sign: true\n  allowed_signers: {signers}"));
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);

        var result = await s.Runner.RunAsync(["audit", "verify"]);

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        Assert.Contains("is not signed by an allowed signer", result.Output);
    }

    [Fact]
    public async Task An_emergency_release_is_recorded_and_overdue_without_a_review_until_one_is_recorded()
    {
        using var s = new ReleaseScenario(Scenarios.RichWithUnprovenReviews);
        var release = await s.Runner.RunAsync(["release", "--emergency", "payments are down"]);
        Assert.True(release.Code == ExitCode.Success, release.Output);
        Assert.Contains("EMERGENCY RELEASE", release.Output);
        var id = s.ReleaseIds().Single();
        var record = JsonDocument.Parse(s.OriginFile("compliance-archives", $"releases/{id}.json")).RootElement;
        Assert.Equal("payments are down", record.GetProperty("emergency").GetProperty("reason").GetString());
        Assert.True(record.GetProperty("emergency").GetProperty("ci_overridden").GetBoolean());

        var withinWindow = await s.Runner.RunAsync(["audit", "verify"]);
        Assert.True(withinWindow.Code == ExitCode.Success, withinWindow.Output);
        Assert.Contains($"emergency release {id} awaits its review", withinWindow.Output);

        s.Runner.Clock = new ShiftedClock(TimeSpan.FromHours(49));
        var overdue = await s.Runner.RunAsync(["audit", "verify"]);
        Assert.Equal(ExitCode.TrailBroken, overdue.Code);
        Assert.Contains($"emergency release {id} has no review", overdue.Output);

        var carol = s.CloneAs("Carol CTO", "carol@example.com");
        var review = await carol.RunAsync(["audit", "review", id, "--note", "https://wiki.example.com/postmortem/42"]);
        Assert.True(review.Code == ExitCode.Success, review.Output);

        var reviewed = await s.Runner.RunAsync(["audit", "verify", "--json"]);
        Assert.True(reviewed.Code == ExitCode.Success, reviewed.Output);
        var verdict = JsonDocument.Parse(reviewed.Stdout).RootElement;
        Assert.Equal(1, verdict.GetProperty("reviews").GetInt32());
        var emergency = Assert.Single(verdict.GetProperty("emergencies").EnumerateArray());
        Assert.False(emergency.GetProperty("overdue").GetBoolean());
        Assert.StartsWith("review-", emergency.GetProperty("review_id").GetString());
    }

    [Fact]
    public async Task The_release_after_a_review_chains_to_the_review()
    {
        using var s = new ReleaseScenario(Scenarios.RichWithUnprovenReviews);
        Assert.Equal(ExitCode.Success, (await s.Runner.RunAsync(["release", "--emergency", "outage"])).Code);
        var id = s.ReleaseIds().Single();
        s.Runner.Clock = new ShiftedClock(TimeSpan.FromSeconds(2));
        var carol = s.CloneAs("Carol", "carol@example.com");
        Assert.Equal(ExitCode.Success, (await carol.RunAsync(["audit", "review", id, "--note", "ok"])).Code);

        s.Runner.Clock = new ShiftedClock(TimeSpan.FromSeconds(4));
        s.Git.SquashPullRequest(500, "BOL-5: Next", new() { ["web/next.ts"] = "n\n" });
        var next = await s.ReleaseAsync();
        Assert.True(next.Code == ExitCode.Success, next.Output);

        var verify = await s.Runner.RunAsync(["audit", "verify"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output);
        var chain = RecordFiles.ChainIds(s.OriginFiles("compliance-archives", "releases"));
        var last = JsonDocument.Parse(s.OriginFile("compliance-archives", $"releases/{chain[^1]}.json")).RootElement;
        Assert.StartsWith("review-", last.GetProperty("previous_release").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Reviewing_a_release_that_was_no_emergency_is_refused()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        var id = s.ReleaseIds().Single();
        var before = s.OriginRefs();

        var result = await s.CloneAs("Carol", "carol@example.com").RunAsync(["audit", "review", id, "--note", "ok"]);

        Assert.Equal(ExitCode.Usage, result.Code);
        Assert.Contains("was not an emergency release", result.Output);
        Assert.Equal(before, s.OriginRefs());
    }
}
