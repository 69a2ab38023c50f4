using System.Text;
using System.Text.Json;
using Shipgate.Audit;
using Shipgate.Record;
using Shipgate.Testing;
using Shipgate.Tests.Audit.Org;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit;

/// <summary>
/// <c>audit verify</c>'s Ranges problem on real repositories with a bare origin: a second release, recorded by hand, chained
/// and tagged, that does not start where the first ended. The same release is flagged whatever the case; the words say
/// which case it is: a gap, an overlap, a start off the first release's line, or one main never gained.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RangeWordingTests
{
    /// <summary>A repository with one real release: its id, record and bytes.</summary>
    private sealed class OneRelease : IDisposable
    {
        public ReleaseScenario S { get; } = new(Scenarios.Rich);
        public string Id { get; private set; } = "";
        public ReleaseRecord Record { get; private set; } = null!;
        public byte[] Bytes { get; private set; } = [];
        public string Dev => S.Git.Developer;
        public string End => Record.ToSha;

        public async Task<OneRelease> ReleaseAsync()
        {
            var result = await S.ReleaseAsync();
            Assert.True(result.Code == ExitCode.Success, result.Output);
            Id = S.ReleaseIds()[0];
            Bytes = S.OriginFile("compliance-archives", RecordFiles.JsonPath(Id));
            Record = RecordFiles.FromJsonBytes(Bytes)!;
            GitScenario.Run(Dev, "fetch", "--quiet", "origin", "main");
            return this;
        }

        /// <summary>A second release from..to on the archive branch, chained to the first and tagged, as a hand with push access could add it.</summary>
        public string Forge(string from, string to)
        {
            var time = RecordFiles.RecordTime(DateTimeOffset.UtcNow.AddMinutes(1));
            var id = RecordFiles.NewReleaseId(time, S.OriginFiles("compliance-archives", "releases"));
            var forged = Record with
            {
                ReleaseId = id,
                Timestamp = time,
                FromSha = from,
                ToSha = to,
                Tag = ReleaseTag.RefName(id),
                PreviousRelease = new PreviousRelease(Id, RecordFiles.Sha256Hex(Bytes)),
            };
            var bytes = RecordFiles.ToJsonBytes(forged);
            Organisation.Append(S, id, bytes);
            Organisation.Tag(S, to, id, ReleaseTag.Message(forged, bytes, "compliance-archives"));
            return id;
        }

        public void Dispose() => S.Dispose();
    }

    /// <summary>Verify's Ranges problems (record, message); the output matches the published schema and the trail is broken.</summary>
    private static async Task<List<(string? Record, string Message)>> RangesAsync(ReleaseScenario s)
    {
        var result = await s.Runner.RunAsync(["audit", "verify", "--json"]);
        Assert.True(result.Code == ExitCode.TrailBroken, result.Output);
        Assert.Empty(RecordSchemas.ValidateVerify(Encoding.UTF8.GetBytes(result.Stdout)));
        return [.. JsonDocument.Parse(result.Stdout).RootElement.GetProperty("problems").EnumerateArray()
            .Where(p => p.GetProperty("check").GetString() == "ranges")
            .Select(p => (p.GetProperty("record").GetString(), p.GetProperty("message").GetString()!))];
    }

    private static string Short(string sha) => sha[..7];

    [Fact]
    public async Task A_gap_says_main_changed_between_the_releases_without_a_record()
    {
        using var r = await new OneRelease().ReleaseAsync();
        var pushed = r.S.Git.DirectCommit("main", "hotfix straight to prod", new() { ["prod.txt"] = "x\n" });
        var next = r.S.Git.DirectCommit("main", "another one", new() { ["prod.txt"] = "y\n" });
        var id = r.Forge(pushed, next);

        var (record, message) = Assert.Single(await RangesAsync(r.S));

        Assert.Equal(id, record);
        var (e, f) = (Short(r.End), Short(pushed));
        Assert.Equal($"{id} starts at {f} but {r.Id} ended at {e}: {e} comes before {f} on main, so main changed between the two releases " +
            $"without a record (a gap). Investigate who pushed the commits after {e} up to {f} and how: git log {e}..{f}.", message);
    }

    [Fact]
    public async Task An_overlap_says_commits_are_recorded_as_released_twice()
    {
        using var r = await new OneRelease().ReleaseAsync();
        var inside = GitScenario.Run(r.Dev, "rev-parse", r.End + "^").Trim();
        var id = r.Forge(inside, r.End);

        var (record, message) = Assert.Single(await RangesAsync(r.S));

        Assert.Equal(id, record);
        var (e, f) = (Short(r.End), Short(inside));
        Assert.StartsWith($"{id} starts at {f} but {r.Id} ended at {e}: {f} comes before {e} on main, so the two ranges overlap: " +
            $"the commits after {f} up to {e} are recorded as released by both {r.Id} and {id}. Investigate which record is wrong", message);
        Assert.DoesNotContain("without a record", message);
    }

    [Fact]
    public async Task A_start_off_the_previous_release_line_says_history_was_rewritten_or_the_record_is_wrong()
    {
        using var r = await new OneRelease().ReleaseAsync();
        // A side commit branched before the first release's end and merged into main after it: on main, but on neither side of that end.
        GitScenario.Run(r.Dev, "checkout", "--quiet", "-B", "side", r.End + "^");
        GitScenario.Run(r.Dev, "commit", "--quiet", "--allow-empty", "-m", "side work");
        var side = GitScenario.Run(r.Dev, "rev-parse", "HEAD").Trim();
        GitScenario.Run(r.Dev, "checkout", "--quiet", "-B", "merged", r.End);
        GitScenario.Run(r.Dev, "merge", "--quiet", "--no-ff", "-m", "merge side work", "side");
        var merge = GitScenario.Run(r.Dev, "rev-parse", "HEAD").Trim();
        GitScenario.Run(r.Dev, "push", "--quiet", "origin", "merged:main");
        GitScenario.Run(r.Dev, "checkout", "--quiet", "-f", "staging");
        var id = r.Forge(side, merge);

        var (record, message) = Assert.Single(await RangesAsync(r.S));

        Assert.Equal(id, record);
        var (e, f) = (Short(r.End), Short(side));
        Assert.StartsWith($"{id} starts at {f} but {r.Id} ended at {e}: neither comes before the other on main, so {id} does not start on " +
            $"the line {r.Id} released: main's history was rewritten between them or {id}'s record names the wrong commit.", message);
        Assert.DoesNotContain("without a record", message);
    }

    [Fact]
    public async Task A_start_main_never_gained_says_so()
    {
        using var r = await new OneRelease().ReleaseAsync();
        var unreleased = r.S.Git.SquashPullRequest(450, "BOL-45: Not released yet", new() { ["web/later.ts"] = "1\n" });
        var id = r.Forge(unreleased, r.End);

        var (record, message) = Assert.Single(await RangesAsync(r.S));

        Assert.Equal(id, record);
        var (e, f) = (Short(r.End), Short(unreleased));
        Assert.StartsWith($"{id} starts at {f} but {r.Id} ended at {e}: {f} is not one of the commits main gained since the first release " +
            $"started at {Short(r.Record.FromSha)}: main's history was rewritten, {id}'s record names a commit main never held", message);
    }
}
