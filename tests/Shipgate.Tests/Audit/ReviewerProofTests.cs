using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shipgate.Record;
using Shipgate.Testing;
using Shipgate.Tests.GitHub;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit;

/// <summary>
/// A reviewer is proven, never typed: by the login GitHub gives for their own token, or by a signature with a key in
/// audit.allowed_signers that is not the releaser's; git config alone is refused unless the policy says
/// audit.review_identity: git-config, and then the review is flagged unproven by verify.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReviewerProofTests
{
    private static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");

    private static JsonElement LastLink(ReleaseScenario s)
    {
        var chain = RecordFiles.ChainIds(s.OriginFiles("compliance-archives", "releases"));
        return JsonDocument.Parse(s.OriginFile("compliance-archives", $"releases/{chain[^1]}.json")).RootElement;
    }

    private static async Task<ReleaseScenario> EmergencyAsync(Action<GitScenario> build, string? policy = null, Action<ReleaseScenario>? before = null)
    {
        var s = new ReleaseScenario(build);
        before?.Invoke(s);
        if (policy is not null) Scenarios.ReleasedPolicy(s.Git, policy);
        var release = await s.Runner.RunAsync(["release", "--emergency", "payments are down"]);
        Assert.True(release.Code == ExitCode.Success, release.Output);
        return s;
    }

    [Fact]
    public async Task The_releaser_with_another_git_config_email_and_no_proof_cannot_review_their_own_release()
    {
        using var s = await EmergencyAsync(Scenarios.Rich);
        var id = s.ReleaseIds().Single();
        GitScenario.Run(s.Git.Releaser, "config", "user.name", "Carol CTO");
        GitScenario.Run(s.Git.Releaser, "config", "user.email", "carol@example.com");
        var before = s.OriginRefs();

        var result = await s.Runner.RunAsync(["audit", "review", id, "--note", "looked fine"]);

        Assert.Equal(ExitCode.Blocked, result.Code);
        Assert.Contains("nothing proves who you are", Flat(result));
        Assert.Contains("Nothing was recorded.", Flat(result));
        Assert.Equal(before, s.OriginRefs());
        Assert.Equal(ExitCode.Success, (await s.Runner.RunAsync(["audit", "verify"])).Code);
    }

    [Fact]
    public async Task Without_proof_a_direct_push_cannot_be_acknowledged()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        var hotfix = s.Git.DirectCommit("main", "hotfix: restart the queue", new() { ["ops/queue.txt"] = "restart\n" });
        var before = s.OriginRefs();

        var result = await s.CloneAs("Dana (laptop)", "dana.other@example.net").RunAsync(["audit", "review", "--direct-push", hotfix, "--note", "fine"]);

        Assert.Equal(ExitCode.Blocked, result.Code);
        Assert.Contains("nothing proves who you are", Flat(result));
        Assert.Equal(before, s.OriginRefs());
        Assert.Equal(ExitCode.TrailBroken, (await s.Runner.RunAsync(["audit", "verify"])).Code);
    }

    [Theory]
    [InlineData("ｒｉｔａ@example.com")] // fullwidth letters: NFKC folds them
    [InlineData("RITA@EXAMPLE.COM")]
    public async Task A_look_alike_of_the_releasers_email_is_the_releaser(string email)
    {
        using var s = await EmergencyAsync(Scenarios.RichWithUnprovenReviews);
        var id = s.ReleaseIds().Single();
        var before = s.OriginRefs();

        var result = await s.CloneAs("Rita R.", email).RunAsync(["audit", "review", id, "--note", "ok"]);

        Assert.Equal(ExitCode.Blocked, result.Code);
        Assert.Contains($"you cannot review {id}: rita@example.com released it", Flat(result));
        Assert.Equal(before, s.OriginRefs());
    }

    [Fact]
    public async Task A_cyrillic_look_alike_of_the_releasers_email_is_the_releaser()
    {
        using var s = await EmergencyAsync(Scenarios.RichWithUnprovenReviews);
        var id = s.ReleaseIds().Single();
        var before = s.OriginRefs();

        var result = await s.CloneAs("Rita R.", "rit\u0430@example.com").RunAsync(["audit", "review", id, "--note", "ok"]);

        Assert.Equal(ExitCode.Blocked, result.Code);
        Assert.Equal(before, s.OriginRefs());
    }

    [Fact]
    public async Task A_look_alike_of_a_direct_pushs_author_cannot_acknowledge_it()
    {
        using var s = new ReleaseScenario(Scenarios.RichWithUnprovenReviews);
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        var hotfix = s.Git.DirectCommit("main", "hotfix: restart the queue", new() { ["ops/queue.txt"] = "restart\n" });
        var before = s.OriginRefs();

        var result = await s.CloneAs("D.", "ｄａｎａ@example.com").RunAsync(["audit", "review", "--direct-push", hotfix, "--note", "fine"]);

        Assert.Equal(ExitCode.Blocked, result.Code);
        Assert.Contains($"you cannot acknowledge {hotfix[..7]}", Flat(result));
        Assert.Equal(before, s.OriginRefs());
    }

    [Fact]
    public async Task With_git_config_allowed_a_review_is_recorded_as_such_and_verify_flags_it_unproven()
    {
        using var s = await EmergencyAsync(Scenarios.RichWithUnprovenReviews);
        var id = s.ReleaseIds().Single();

        var review = await s.CloneAs("Carol CTO", "carol@example.com").RunAsync(["audit", "review", id, "--note", "https://wiki.example.com/pm/1"]);

        Assert.True(review.Code == ExitCode.Success, review.Output);
        var record = LastLink(s);
        Assert.Equal("git-config", record.GetProperty("reviewer_proof").GetProperty("method").GetString());
        var reviewId = record.GetProperty("review_id").GetString();
        var verify = await s.Runner.RunAsync(["audit", "verify"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output);
        Assert.Contains($"UNPROVEN: review {reviewId} by Carol CTO", Flat(verify));
        var json = await s.Runner.RunAsync(["audit", "verify", "--json"]);
        Assert.Empty(Shipgate.Audit.RecordSchemas.ValidateVerify(System.Text.Encoding.UTF8.GetBytes(json.Stdout)));
        var verdict = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal(1, verdict.GetProperty("unproven").GetInt32());
        Assert.Equal(reviewId, Assert.Single(verdict.GetProperty("unproven_reviews").EnumerateArray()).GetProperty("review_id").GetString());
    }

    [Fact]
    public async Task A_review_proven_by_another_logins_token_records_the_login_and_is_not_unproven()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config()), GitHubStory.Seed);
        Assert.Equal(ExitCode.Success, (await r.ReleaseAsync("--emergency", "checkout is down")).Code);
        var id = r.Scenario.ReleaseIds().Single();
        const string carolToken = "ghp_CarolToken0123456789abcdefSECRET";
        r.GitHub.Update(state => state.Tokens[carolToken] = "carol-cto");
        var carol = r.Scenario.CloneAs("Carol CTO", "carol@example.com");
        foreach (var (key, value) in r.Scenario.Runner.Environment) carol.Environment[key] = value;
        carol.Environment["GH_TOKEN"] = carolToken;

        var review = await carol.RunAsync(["audit", "review", id, "--note", "https://wiki.example.com/pm/7"]);

        Assert.True(review.Code == ExitCode.Success, review.Output);
        var proof = LastLink(r.Scenario).GetProperty("reviewer_proof");
        Assert.Equal("github-token", proof.GetProperty("method").GetString());
        Assert.Equal("carol-cto", proof.GetProperty("login").GetString());
        Assert.DoesNotContain(carolToken, review.Output);
        var json = await r.Scenario.Runner.RunAsync(["audit", "verify", "--json"]);
        Assert.True(json.Code == ExitCode.Success, json.Output);
        var verdict = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal(0, verdict.GetProperty("unproven").GetInt32());
        Assert.False(Assert.Single(verdict.GetProperty("emergencies").EnumerateArray()).GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task A_review_signed_by_another_allowed_key_is_proven_by_its_signature_and_verify_rechecks_it()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var keys = Keys.Create(s);
        Scenarios.ReleasedPolicy(s.Git, Scenarios.Config + $"\naudit:\n  sign: true\n  allowed_signers: {keys.AllowedSigners}");
        Assert.Equal(ExitCode.Success, (await s.Runner.RunAsync(["release", "--emergency", "payments are down"])).Code);
        var id = s.ReleaseIds().Single();
        var carol = s.CloneAs("Carol CTO", "carol@example.com");
        Keys.SignWith(carol, keys.Carol);

        var review = await carol.RunAsync(["audit", "review", id, "--note", "https://wiki.example.com/pm/3"]);

        Assert.True(review.Code == ExitCode.Success, review.Output);
        var proof = LastLink(s).GetProperty("reviewer_proof");
        Assert.Equal("ssh-signature", proof.GetProperty("method").GetString());
        Assert.Equal(Keys.Fingerprint(keys.Carol), proof.GetProperty("key").GetString());
        Assert.Equal("carol@example.com", proof.GetProperty("principal").GetString());
        var json = await s.Runner.RunAsync(["audit", "verify", "--json"]);
        Assert.True(json.Code == ExitCode.Success, json.Output);
        var verdict = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal(0, verdict.GetProperty("unproven").GetInt32());
        Assert.StartsWith("review-", Assert.Single(verdict.GetProperty("emergencies").EnumerateArray()).GetProperty("review_id").GetString());
    }

    [Fact]
    public async Task A_review_signed_with_the_releasers_key_is_refused()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var keys = Keys.Create(s);
        Scenarios.ReleasedPolicy(s.Git, Scenarios.Config + $"\naudit:\n  sign: true\n  allowed_signers: {keys.AllowedSigners}");
        Assert.Equal(ExitCode.Success, (await s.Runner.RunAsync(["release", "--emergency", "payments are down"])).Code);
        var id = s.ReleaseIds().Single();
        var other = s.CloneAs("Carol CTO", "carol@example.com");
        Keys.SignWith(other, keys.Rita);
        var before = s.OriginRefs();

        var result = await other.RunAsync(["audit", "review", id, "--note", "ok"]);

        Assert.Equal(ExitCode.Blocked, result.Code);
        Assert.Contains($"you cannot review {id}: rita@example.com released it", Flat(result));
        Assert.Contains(Keys.Fingerprint(keys.Rita), Flat(result));
        Assert.Equal(before, s.OriginRefs());
    }

    [Fact]
    public async Task A_review_in_the_trail_signed_with_the_releasers_key_fails_verify_and_does_not_count()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var keys = Keys.Create(s);
        Scenarios.ReleasedPolicy(s.Git, Scenarios.Config + $"\naudit:\n  sign: true\n  allowed_signers: {keys.AllowedSigners}");
        Assert.Equal(ExitCode.Success, (await s.Runner.RunAsync(["release", "--emergency", "payments are down"])).Code);
        var id = s.ReleaseIds().Single();
        // What an older Shipgate or a hand could chain: a review naming Carol, proven by a signature, signed with Rita's key.
        var files = s.OriginFiles("compliance-archives", "releases");
        var previous = new PreviousRelease(id, RecordFiles.Sha256Hex(s.OriginFile("compliance-archives", $"releases/{id}.json")));
        var reviewId = RecordFiles.NewReviewId(RecordFiles.RecordTime(DateTimeOffset.UtcNow.AddMinutes(1)), files);
        var forged = new ReviewRecord
        {
            ReviewId = reviewId,
            ReviewsRelease = id,
            Timestamp = RecordFiles.RecordTime(DateTimeOffset.UtcNow.AddMinutes(1)),
            ReviewedBy = "Carol CTO",
            ReviewedByEmail = "carol@example.com",
            Note = "ok",
            RecordedBy = "Carol CTO",
            RecordedByEmail = "carol@example.com",
            Tool = new ToolInfo("shipgate", "0.1.0"),
            PreviousRelease = previous,
            ReviewerProof = new ReviewerProof { Method = ProofMethod.SshSignature, Key = Keys.Fingerprint(keys.Rita), Principal = "carol@example.com" },
        };
        s.PushReviewByHand(forged, "-c", "gpg.format=ssh", "-c", $"user.signingkey={keys.Rita}.pub", "commit", "-S");

        var result = await s.Runner.RunAsync(["audit", "verify", "--json"]);

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        var verdict = JsonDocument.Parse(result.Stdout).RootElement;
        var problem = Assert.Single(verdict.GetProperty("problems").EnumerateArray(), p => p.GetProperty("check").GetString() == "independence");
        Assert.StartsWith($"{reviewId} is signed with key {Keys.Fingerprint(keys.Rita)}", problem.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, Assert.Single(verdict.GetProperty("emergencies").EnumerateArray()).GetProperty("review_id").ValueKind);
    }

    [Fact]
    public async Task A_review_whose_token_proof_names_another_login_than_its_reviewer_fails_verify()
    {
        using var s = await EmergencyAsync(Scenarios.Rich);
        var id = s.ReleaseIds().Single();
        var at = RecordFiles.RecordTime(DateTimeOffset.UtcNow.AddMinutes(1));
        var reviewId = RecordFiles.NewReviewId(at, s.OriginFiles("compliance-archives", "releases"));
        s.PushReviewByHand(new ReviewRecord
        {
            ReviewId = reviewId,
            ReviewsRelease = id,
            Timestamp = at,
            ReviewedBy = "Carol CTO",
            ReviewedByEmail = "carol@example.com",
            ReviewedByLogin = "rita-releaser",
            Note = "ok",
            RecordedBy = "Carol CTO",
            RecordedByEmail = "carol@example.com",
            Tool = new ToolInfo("shipgate", "0.1.0"),
            PreviousRelease = new PreviousRelease(id, RecordFiles.Sha256Hex(s.OriginFile("compliance-archives", $"releases/{id}.json"))),
            ReviewerProof = new ReviewerProof { Method = ProofMethod.GitHubToken, Login = "carol-cto" },
        }, "commit");

        var result = await s.Runner.RunAsync(["audit", "verify", "--json"]);

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        var problem = Assert.Single(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal("independence", problem.GetProperty("check").GetString());
        Assert.StartsWith($"{reviewId} says its reviewer is proven as GitHub user @carol-cto, but names @rita-releaser",
            problem.GetProperty("message").GetString());
    }

    /// <summary>Two ssh keys made for a test, Rita's (the releaser's, set in her clone) and Carol's, and an allowed-signers file naming both.</summary>
    internal sealed record Keys(string Rita, string Carol, string AllowedSigners)
    {
        public static Keys Create(ReleaseScenario s)
        {
            string Make(string name, string email)
            {
                var key = Path.Combine(s.Folder, name + "_key");
                var (code, _, error) = Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", email, "-f", key);
                Assert.True(code == 0, error);
                return key;
            }
            var (rita, carol) = (Make("rita", "rita@example.com"), Make("carol", "carol@example.com"));
            var signers = Path.Combine(s.Folder, "allowed_signers");
            File.WriteAllText(signers,
                $"rita@example.com namespaces=\"git\" {File.ReadAllText(rita + ".pub").Trim()}\n" +
                $"carol@example.com namespaces=\"git\" {File.ReadAllText(carol + ".pub").Trim()}\n");
            GitScenario.Run(s.Git.Releaser, "config", "gpg.format", "ssh");
            GitScenario.Run(s.Git.Releaser, "config", "user.signingkey", rita + ".pub");
            return new Keys(rita, carol, signers);
        }

        public static void SignWith(ShipgateRunner clone, string key)
        {
            GitScenario.Run(clone.WorkingDirectory, "config", "gpg.format", "ssh");
            GitScenario.Run(clone.WorkingDirectory, "config", "user.signingkey", key + ".pub");
        }

        /// <summary>The key's fingerprint as ssh-keygen prints it (SHA256:…).</summary>
        public static string Fingerprint(string key)
        {
            var (code, output, error) = Run("ssh-keygen", "-l", "-f", key + ".pub");
            Assert.True(code == 0, error);
            return output.Split(' ')[1];
        }

        public static (int, string, string) Run(string file, params string[] args)
        {
            var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error);
        }
    }
}
