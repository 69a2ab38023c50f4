using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shipgate.Audit;
using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit;

/// <summary>
/// The trail cannot be cut silently: each release pushes an annotated tag carrying its record's
/// SHA-256 in the same atomic push; verify cross-checks tags and records both ways, and pre-flight
/// refuses to extend a trail that was cut, unless the release is an emergency that says so.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TagTests
{
    private static string Flat(RunResult result) => Regex.Replace(result.Output, @"\s+", " ");

    private static string Origin(ReleaseScenario s, params string[] args) => GitScenario.Run(s.Folder, ["--git-dir", s.Git.Origin, .. args]).Trim();

    private static List<string> Problems(RunResult result) =>
        JsonDocument.Parse(result.Stdout).RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("message").GetString()!).ToList();

    private static async Task<ReleaseScenario> ReleasesAsync(int count)
    {
        var s = new ReleaseScenario(Scenarios.Rich);
        for (var n = 0; n < count; n++)
        {
            if (n > 0) s.Git.SquashPullRequest(400 + n, $"BOL-{40 + n}: Follow-up {n}", new() { [$"web/follow{n}.ts"] = $"{n}\n" });
            var result = await s.ReleaseAsync();
            Assert.True(result.Code == ExitCode.Success, result.Output);
        }
        return s;
    }

    /// <summary>Something new on staging, so that there is a release to make.</summary>
    private static void NewChange(ReleaseScenario s) => s.Git.SquashPullRequest(500, "BOL-50: Next change", new() { ["web/next.ts"] = "next\n" });

    [Fact]
    public async Task A_release_pushes_an_annotated_tag_on_the_released_commit_carrying_the_record_hash()
    {
        using var s = await ReleasesAsync(1);
        var id = s.ReleaseIds().Single();
        var bytes = s.OriginFile("compliance-archives", $"releases/{id}.json");

        Assert.Equal("tag", Origin(s, "cat-file", "-t", $"refs/tags/{id}"));
        Assert.Equal(s.Git.RemoteSha("main"), Origin(s, "rev-parse", $"refs/tags/{id}^{{commit}}"));
        var tag = Origin(s, "cat-file", "tag", $"refs/tags/{id}");
        Assert.Contains($"tag {id}\ntagger Rita Releaser <rita@example.com> ", tag);
        Assert.Contains($"Record: releases/{id}.json\nRecord-SHA256: {RecordFiles.Sha256Hex(bytes)}\n", tag);
        Assert.Equal($"refs/tags/{id}", s.LastRecord().GetProperty("tag").GetString());
        Assert.Equal("", GitScenario.Run(s.Git.Releaser, "for-each-ref", "refs/tags").Trim());

        var before = s.ReleaserFingerprint();
        var verify = await s.Runner.RunAsync(["audit", "verify"]);
        Assert.True(verify.Code == ExitCode.Success, verify.Output);
        Assert.Contains("[x] Every release tag has its record (same SHA-256) and every tagged release its tag", verify.Output);
        Assert.Equal(before, s.ReleaserFingerprint());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_deleted_tag_is_named_by_verify(int which)
    {
        using var s = await ReleasesAsync(2);
        var id = s.ReleaseIds()[which];
        Origin(s, "update-ref", "-d", $"refs/tags/{id}");

        var result = await s.Runner.RunAsync(["audit", "verify", "--json"]);

        Assert.Equal(ExitCode.TrailBroken, result.Code);
        Assert.Contains(Problems(result), m => m.StartsWith($"{id} has no tag refs/tags/{id} on the remote: the tag was deleted"));
    }

    [Fact]
    public async Task The_last_releases_deleted_tag_blocks_the_next_release()
    {
        using var s = await ReleasesAsync(1);
        var id = s.ReleaseIds().Single();
        Origin(s, "update-ref", "-d", $"refs/tags/{id}");
        NewChange(s);
        var before = s.OriginRefs();

        var result = await s.ReleaseAsync();

        Assert.Equal(ExitCode.Blocked, result.Code);
        Assert.Contains($"the last release {id} has no tag refs/tags/{id} on 'origin': it was deleted", Flat(result));
        Assert.Contains($"git push origin refs/tags/{id}", Flat(result));
        Assert.Equal(before, s.OriginRefs());
    }

    [Fact]
    public async Task A_deleted_archive_branch_fails_verify_blocks_the_next_release_and_an_emergency_release_says_so()
    {
        using var s = await ReleasesAsync(1);
        var lost = s.ReleaseIds().Single();
        Origin(s, "update-ref", "-d", "refs/heads/compliance-archives");

        var verify = await s.Runner.RunAsync(["audit", "verify", "--json"]);
        Assert.Equal(ExitCode.TrailBroken, verify.Code);
        Assert.Contains(Problems(verify), m => m == $"compliance-archives is missing on the remote, but 1 release tags anchor records it held ({lost}): " +
            "the archive branch was deleted.");

        NewChange(s);
        var before = s.OriginRefs();
        var blocked = await s.ReleaseAsync();
        Assert.Equal(ExitCode.Blocked, blocked.Code);
        Assert.Contains("BLOCKED: the audit trail this release would extend is broken:", Flat(blocked));
        Assert.Contains($"the archive branch compliance-archives is missing on 'origin', but 1 release tags say it held records (newest: {lost})",
            Flat(blocked));
        Assert.Contains("Restore compliance-archives from a clone or backup that still has it (git push origin <sha>:refs/heads/compliance-archives)",
            Flat(blocked));
        Assert.Contains("--emergency", Flat(blocked));
        Assert.DoesNotContain("CONFIRM RELEASE", blocked.Output);
        Assert.Equal(before, s.OriginRefs());

        var emergency = await s.Runner.RunAsync(["release", "--emergency", "the archive was lost; production cannot wait"]);
        Assert.True(emergency.Code == ExitCode.Success, emergency.Output);
        var record = s.LastRecord();
        Assert.Contains(record.GetProperty("warnings").EnumerateArray(), w =>
            w.GetString()!.StartsWith("The audit trail was broken before this release, which went ahead as an emergency: " +
                "the archive branch compliance-archives is missing"));
        var restarted = record.GetProperty("release_id").GetString()!;

        var after = await s.Runner.RunAsync(["audit", "verify", "--json"]);
        Assert.Equal(ExitCode.TrailBroken, after.Code);
        Assert.Contains(Problems(after), m => m == $"refs/tags/{lost} anchors releases/{lost}.json, which compliance-archives does not hold: " +
            $"a new chain was started at {restarted} beside it; the records before it are gone.");
    }

    [Fact]
    public async Task A_rewound_archive_branch_is_named_by_verify_and_blocks_the_next_release()
    {
        using var s = await ReleasesAsync(2);
        var second = s.ReleaseIds()[1];
        Origin(s, "update-ref", "refs/heads/compliance-archives", "refs/heads/compliance-archives^");

        var verify = await s.Runner.RunAsync(["audit", "verify", "--json"]);
        Assert.Equal(ExitCode.TrailBroken, verify.Code);
        Assert.Contains(Problems(verify), m => m == $"refs/tags/{second} anchors releases/{second}.json, which compliance-archives does not hold: " +
            "compliance-archives was rewound or replaced; it ends before this release.");

        NewChange(s);
        var before = s.OriginRefs();
        var blocked = await s.ReleaseAsync();
        Assert.Equal(ExitCode.Blocked, blocked.Code);
        Assert.Contains($"release tags exist for records newer than the last one compliance-archives holds ({second}): it was rewound or replaced",
            Flat(blocked));
        Assert.Equal(before, s.OriginRefs());
    }

    [Fact]
    public async Task A_record_changed_after_its_release_no_longer_matches_its_tag_and_blocks_the_next_release()
    {
        using var s = await ReleasesAsync(1);
        var id = s.ReleaseIds().Single();
        VerifyTests.Tamper(s, "fix typo", dev =>
        {
            var path = Path.Combine(dev, "releases", id + ".json");
            File.WriteAllText(path, File.ReadAllText(path).Replace("\"released_by\": \"Rita Releaser\"", "\"released_by\": \"Mallory\""));
        });

        var verify = await s.Runner.RunAsync(["audit", "verify", "--json"]);
        Assert.Equal(ExitCode.TrailBroken, verify.Code);
        Assert.Contains(Problems(verify), m => m.StartsWith($"refs/tags/{id} holds SHA-256 ") && m.EndsWith("the record was changed after its release."));

        NewChange(s);
        var blocked = await s.ReleaseAsync();
        Assert.Equal(ExitCode.Blocked, blocked.Code);
        Assert.Contains($"refs/tags/{id} does not hold the SHA-256 of releases/{id}.json", Flat(blocked));
    }

    [Fact]
    public async Task An_unreadable_last_record_blocks_the_release_and_an_emergency_release_records_why_it_went_ahead()
    {
        using var s = await ReleasesAsync(1);
        var id = s.ReleaseIds().Single();
        VerifyTests.Tamper(s, "oops", dev => File.WriteAllText(Path.Combine(dev, "releases", id + ".json"), "{oops"));
        NewChange(s);
        var before = s.OriginRefs();

        var blocked = await s.ReleaseAsync();

        Assert.Equal(ExitCode.Blocked, blocked.Code);
        Assert.Contains($"the last record releases/{id}.json cannot be read as a record (not valid JSON", Flat(blocked));
        Assert.Contains($"git log -p origin/compliance-archives -- releases/{id}.json", Flat(blocked));
        Assert.Equal(before, s.OriginRefs());

        var emergency = await s.Runner.RunAsync(["release", "--emergency", "hotfix cannot wait"]);
        Assert.True(emergency.Code == ExitCode.Success, emergency.Output);
        Assert.Contains("EMERGENCY RELEASE: the audit trail is broken", Flat(emergency));
        Assert.Contains(s.LastRecord().GetProperty("warnings").EnumerateArray(),
            w => w.GetString()!.Contains($"the last record releases/{id}.json cannot be read"));
    }

    [Fact]
    public async Task A_hash_chain_broken_at_its_tip_blocks_the_release()
    {
        using var s = await ReleasesAsync(2);
        var (first, second) = (s.ReleaseIds()[0], s.ReleaseIds()[1]);
        // The newest record rewritten to point at a forged hash of the one before: its tag no longer matches either.
        VerifyTests.Tamper(s, "relink", dev =>
        {
            var path = Path.Combine(dev, "releases", second + ".json");
            var node = JsonNode.Parse(File.ReadAllText(path))!;
            node["previous_release"]!["sha256"] = new string('0', 64);
            File.WriteAllText(path, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        });
        NewChange(s);

        var blocked = await s.ReleaseAsync();

        Assert.Equal(ExitCode.Blocked, blocked.Code);
        Assert.Contains($"the hash chain is broken at its tip: {second} holds SHA-256 000000000000… of {first}, whose bytes now hash to", Flat(blocked));
    }

    [Fact]
    public async Task A_tag_replaced_by_a_lightweight_tag_is_named()
    {
        using var s = await ReleasesAsync(1);
        var id = s.ReleaseIds().Single();
        Origin(s, "update-ref", $"refs/tags/{id}", s.Git.RemoteSha("main"));

        var verify = await s.Runner.RunAsync(["audit", "verify", "--json"]);

        Assert.Equal(ExitCode.TrailBroken, verify.Code);
        Assert.Contains(Problems(verify), m => m.StartsWith($"refs/tags/{id} is not a Shipgate release tag"));
    }

    [Fact]
    public void Releases_recorded_before_tags_existed_need_none_and_every_release_from_the_first_tagged_one_on_does()
    {
        var at = ReportRecords.At("2026-02-01T00:00:00");
        var records = new[]
        {
            ReportRecords.Released("release-2026-02-01-000000", at),
            ReportRecords.Released("release-2026-02-02-000000", at.AddDays(1)),
            ReportRecords.Released("release-2026-02-03-000000", at.AddDays(2)) with { Tag = "refs/tags/release-2026-02-03-000000" },
            ReportRecords.Released("release-2026-02-04-000000", at.AddDays(3)) with { Tag = "refs/tags/release-2026-02-04-000000" },
            ReportRecords.Released("release-2026-02-05-000000", at.AddDays(4)),
        };
        var links = records.Select((r, i) => new TrailLink(r.ReleaseId, i, "", RecordFiles.ToJsonBytes(r))).ToList();
        TagObject Tagged(int i) => new($"refs/tags/{records[i].ReleaseId}", new string('a', 40), records[i].ToSha, records[i].ReleaseId,
            ReleaseTag.Message(records[i], links[i].Bytes, "compliance-archives"));
        IReadOnlyList<string> Check(params TagObject[] tags)
        {
            var facts = new TrailFacts("acme/svc", "compliance-archives", "main", new string('f', 40), new string('b', 40), [], links, [], true, null, tags);
            var problems = new List<TrailProblem>();
            ReleaseTagCheck.Check(facts, links.Zip(records).Select(p => (p.First, p.Second)).ToList(), problems);
            return problems.Select(p => p.Message).ToList();
        }

        Assert.Empty(Check(Tagged(2), Tagged(3), Tagged(4)));
        var firstTagDeleted = Check(Tagged(3), Tagged(4));
        Assert.Equal([$"{records[2].ReleaseId} has no tag"], firstTagDeleted.Select(m => m[..m.IndexOf(" refs/")]));
        var allDeleted = Check();
        Assert.Equal([records[2].ReleaseId, records[3].ReleaseId, records[4].ReleaseId], allDeleted.Select(m => m[..m.IndexOf(' ')]));
    }
}
