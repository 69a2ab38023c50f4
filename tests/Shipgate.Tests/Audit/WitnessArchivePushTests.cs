using static Shipgate.Tests.Audit.WitnessTests;

namespace Shipgate.Tests.Audit;

/// <summary>
/// A push to the archive branch that adds no record is accepted by the witness only as a PR's compliance archive, laid out as
/// the release's checklist reads it (<c>compliance/pr-&lt;N&gt;-…</c>, one PR per push); any other file pushed there is named.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WitnessArchivePushTests
{
    [Fact]
    public async Task A_prs_compliance_archive_pushed_to_the_archive_branch_keeps_the_trail_witnessed()
    {
        await using var w = await Witnessed.StartAsync();
        w.As("compliance-bot");
        w.Git.AddArchiveFiles("compliance-archives", new()
        {
            ["compliance/pr-31-BOL-31-retry-20261102.json"] = "{\"pr\": 31}\n",
            ["compliance/pr-31-BOL-31-retry-20261102.md"] = "# PR 31\n",
        });

        var verify = await w.VerifyAsync("--json", "--require-witness");

        Assert.True(verify.Code == ExitCode.Success, verify.Output);
        Assert.Equal("witnessed", WitnessTests.Json(verify).GetProperty("witness").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Other_files_pushed_to_the_archive_branch_are_named_and_break_the_witnessed_trail()
    {
        await using var w = await Witnessed.StartAsync();
        var tip = w.Git.RemoteSha("compliance-archives");
        var at = w.As("mallory");
        w.Git.AddArchiveFiles("compliance-archives", new() { ["tools/verify.sh"] = "exit 0\n" });
        var planted = w.Git.RemoteSha("compliance-archives");
        var later = w.As("mallory");
        w.Git.AddArchiveFiles("compliance-archives", new()
        {
            ["compliance/pr-41-a-20261102.json"] = "{}\n",
            ["compliance/pr-42-b-20261102.json"] = "{}\n",
        });
        var both = w.Git.RemoteSha("compliance-archives");

        var offline = await w.OfflineAsync();
        var witnessed = await w.VerifyAsync("--json");

        Assert.True(offline.Code == ExitCode.Success, offline.Output); // the trail's records are untouched
        Assert.Equal(ExitCode.TrailBroken, witnessed.Code);
        var problems = Problems(WitnessTests.Json(witnessed));
        const string neither = "which is neither one of Shipgate's appends nor a PR's compliance archive " +
            "(files compliance/pr-<N>-… of one PR added on top of the branch's tip)";
        Assert.Contains($"compliance-archives was moved from {Short(tip)} to {Short(planted)} by mallory at {Stamp(at)} (push), {neither}: " +
            "it adds tools/verify.sh.", problems);
        Assert.Contains($"compliance-archives was moved from {Short(planted)} to {Short(both)} by mallory at {Stamp(later)} (push), {neither}: " +
            "it adds the archives of 2 PRs (#41, #42) in one push.", problems);
    }
}
