using System.Text;
using Shipgate.Audit;
using Shipgate.Tests.Audit;
using Shipgate.Tests.GitHub;
using static Shipgate.Tests.Audit.WitnessTests;

namespace Shipgate.Tests.Freeze;

/// <summary>A freeze record names the login GitHub proves for the token, so the witness compares who pushed it, as for every record.</summary>
[Trait("Category", "Integration")]
public sealed class FreezeWitnessTests
{
    private static string FreezeId(Witnessed w) => Path.GetFileNameWithoutExtension(
        Assert.Single(w.S.OriginFiles("compliance-archives", "releases"), f => f.Contains("/freeze-", StringComparison.Ordinal) && f.EndsWith(".json")));

    [Fact]
    public async Task A_freeze_pushed_by_the_login_it_names_is_witnessed_and_require_witness_passes()
    {
        await using var w = await Witnessed.StartAsync();
        w.As(GitHubRelease.Login);
        var started = await w.S.Runner.RunAsync(["freeze", "start", "--reason", "INC-7: payments"]);
        Assert.True(started.Code == ExitCode.Success, started.Output);

        var verify = await w.VerifyAsync("--json", "--require-witness");

        Assert.True(verify.Code == ExitCode.Success, verify.Output);
        var witness = WitnessTests.Json(verify).GetProperty("witness");
        var freeze = Assert.Single(witness.GetProperty("records").EnumerateArray(), r => r.GetProperty("record").GetString() == FreezeId(w));
        Assert.True(freeze.GetProperty("witnessed").GetBoolean());
    }

    [Fact]
    public async Task A_freeze_pushed_by_another_login_than_it_names_breaks_the_witnessed_trail()
    {
        await using var w = await Witnessed.StartAsync();
        // Recorded with rita's token, but pushed (as the witness logs it) by mallory.
        w.As("mallory");
        var started = await w.S.Runner.RunAsync(["freeze", "start", "--reason", "INC-7: payments"]);
        Assert.True(started.Code == ExitCode.Success, started.Output);

        var verify = await w.VerifyAsync("--json");

        Assert.Equal(ExitCode.TrailBroken, verify.Code);
        Assert.Contains(Problems(WitnessTests.Json(verify)), p => p.StartsWith($"{FreezeId(w)} was pushed to compliance-archives by mallory at ", StringComparison.Ordinal)
            && p.EndsWith($", but the record names {GitHubRelease.Login}.", StringComparison.Ordinal));
        Assert.Empty(RecordSchemas.ValidateVerify(Encoding.UTF8.GetBytes(verify.Stdout)));
    }
}
