using System.Text.Json;
using System.Text.RegularExpressions;
using Shipgate.Record;
using Shipgate.Testing;
using Shipgate.Tests.Support;
using Keys = Shipgate.Tests.Audit.ReviewerProofTests.Keys;

namespace Shipgate.Tests.Audit;

/// <summary>
/// audit.sign: required: a release needs a signing key before the word is drawn; its record and tag are signed; verify breaks on
/// an unsigned record, review or release tag.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SignRequiredTests
{
    private static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");

    private static string Required(Keys keys) => Scenarios.Config + $"\naudit:\n  sign: required\n  allowed_signers: {keys.AllowedSigners}";

    private static JsonElement Problems(RunResult result) => JsonDocument.Parse(result.Stdout).RootElement.GetProperty("problems");

    [Fact]
    public async Task A_release_without_a_signing_key_is_refused_before_the_word_and_the_dry_run_names_it()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var keys = Keys.Create(s);
        Scenarios.ReleasedPolicy(s.Git, Required(keys));
        GitScenario.Run(s.Git.Releaser, "config", "--unset", "user.signingkey");
        var before = s.OriginRefs();

        var release = await s.ReleaseAsync();
        var dryRun = await s.Runner.RunAsync(["release", "--dry-run", "--allow-unverified-ci", "tests: no GitHub"]);

        Assert.Equal(ExitCode.Blocked, release.Code);
        Assert.Null(release.WordShown);
        Assert.Contains("audit.sign: required, but git has no signing key", Flat(release));
        Assert.Equal(ExitCode.Blocked, dryRun.Code);
        Assert.Contains("A release now would be BLOCKED: audit.sign is required but git has no signing key", Flat(dryRun));
        Assert.Equal(before, s.OriginRefs());
    }

    [Fact]
    public async Task A_signed_release_tag_verifies_with_git_and_shipgate_and_leaves_no_local_tag()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var keys = Keys.Create(s);
        Scenarios.ReleasedPolicy(s.Git, Required(keys));

        var release = await s.ReleaseAsync();

        Assert.True(release.Code == ExitCode.Success, release.Output);
        var id = s.ReleaseIds().Single();
        Assert.Contains("-----BEGIN SSH SIGNATURE-----", GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "cat-file", "tag", $"refs/tags/{id}"));
        var (code, _, error) = GitScenario.Exec(s.Folder,
            ["--git-dir", s.Git.Origin, "-c", $"gpg.ssh.allowedSignersFile={keys.AllowedSigners}", "verify-tag", id]);
        Assert.True(code == 0, error);
        Assert.Equal("", GitScenario.Run(s.Git.Releaser, "tag", "--list", id).Trim());
        var verify = await s.Runner.RunAsync(["audit", "verify"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output);
    }

    [Fact]
    public async Task An_unsigned_release_tag_breaks_verify()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var keys = Keys.Create(s);
        Scenarios.ReleasedPolicy(s.Git, Required(keys));
        Assert.Equal(ExitCode.Success, (await s.ReleaseAsync()).Code);
        var id = s.ReleaseIds().Single();
        // The same tag, same message and target, remade without its signature.
        var message = GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "tag", "-l", "--format=%(contents:subject)%0a%0a%(contents:body)", id);
        var target = GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "rev-parse", $"refs/tags/{id}^{{commit}}").Trim();
        var dev = s.Git.Developer;
        GitScenario.Run(dev, "fetch", "--quiet", "origin", target);
        File.WriteAllText(Path.Combine(s.Folder, "tag-message"), message);
        GitScenario.Run(dev, "tag", "--no-sign", "-a", "-F", Path.Combine(s.Folder, "tag-message"), "--cleanup=verbatim", id, target);
        GitScenario.Run(dev, "push", "--quiet", "--force", "origin", $"refs/tags/{id}");
        Assert.DoesNotContain("SSH SIGNATURE", GitScenario.Run(s.Folder, "--git-dir", s.Git.Origin, "cat-file", "tag", $"refs/tags/{id}"));

        var result = await s.Runner.RunAsync(["audit", "verify", "--json"]);

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        var problem = Assert.Single(Problems(result).EnumerateArray());
        Assert.Equal("signatures", problem.GetProperty("check").GetString());
        Assert.Equal(id, problem.GetProperty("record").GetString());
        Assert.Contains($"release tag refs/tags/{id} is not signed by an allowed signer", problem.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_unsigned_review_record_breaks_verify()
    {
        using var s = new ReleaseScenario(Scenarios.Rich);
        var keys = Keys.Create(s);
        Scenarios.ReleasedPolicy(s.Git, Required(keys));
        Assert.Equal(ExitCode.Success, (await s.Runner.RunAsync(["release", "--emergency", "payments are down"])).Code);
        var id = s.ReleaseIds().Single();
        var files = s.OriginFiles("compliance-archives", "releases");
        var reviewId = RecordFiles.NewReviewId(RecordFiles.RecordTime(DateTimeOffset.UtcNow.AddMinutes(1)), files);
        var review = new ReviewRecord
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
            PreviousRelease = new PreviousRelease(id, RecordFiles.Sha256Hex(s.OriginFile("compliance-archives", $"releases/{id}.json"))),
        };
        s.PushReviewByHand(review, "commit", "--no-gpg-sign");

        var result = await s.Runner.RunAsync(["audit", "verify", "--json"]);

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        var problem = Assert.Single(Problems(result).EnumerateArray(), p => p.GetProperty("check").GetString() == "signatures");
        Assert.Equal(reviewId, problem.GetProperty("record").GetString());
        Assert.Contains("is not signed by an allowed signer", problem.GetProperty("message").GetString());
    }
}
