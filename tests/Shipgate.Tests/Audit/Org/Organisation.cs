using System.Text.Json.Nodes;
using Shipgate.Record;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Audit.Org;

/// <summary>
/// An organisation of real repositories, each a bare origin with real releases, built once for the class: one whose
/// trail is intact, and one broken in each way <c>audit verify</c> detects. Tests only read them; each checks that no
/// ref of any origin changed.
/// </summary>
public sealed class Organisation : IAsyncLifetime
{
    /// <summary>The test classes that share one organisation, built once.</summary>
    public const string Collection = "organisation";

    private readonly TempFolder _folder = new();

    /// <summary>Name (the line of the repos file) to scenario; the names say how each trail was broken.</summary>
    internal Dictionary<string, ReleaseScenario> Repositories { get; } = [];

    /// <summary>How each broken trail's first problem starts (the message verify gives), by repository.</summary>
    internal Dictionary<string, string> Expected { get; } = [];

    public string Folder => _folder.Path;

    /// <summary>The check (as verify --json names it) of each broken trail's first problem, by repository.</summary>
    internal Dictionary<string, string> FirstCheck { get; } = new()
    {
        ["edited-record"] = "append_only",
        // A record edited to break the schema is first of all an edited record; the schema problem follows it.
        ["nonsense-record"] = "append_only",
        ["inserted-record"] = "order",
        ["direct-push"] = "coverage",
        ["deleted-tag"] = "tags",
        ["unreviewed-emergency"] = "reviews",
        ["unsigned-records"] = "signatures",
        ["range-overlap"] = "ranges",
        ["self-review"] = "independence",
        // Coverage names a rewritten main: the released commits are no longer on it.
        ["rewritten-main"] = "coverage",
        // Tags name a deleted archive branch: the release tags still anchor its records.
        ["deleted-archive"] = "tags",
    };

    /// <summary>The repository with no trail: never released, so no archive branch and no release tags.</summary>
    internal const string NoTrail = "no-trail";

    /// <summary>The repositories whose trail is broken, one per way verify detects.</summary>
    internal List<string> Broken { get; private set; } = [];

    /// <summary>Emergencies are overdue this long after they were released: the org run's clock.</summary>
    internal static readonly TimeSpan Later = TimeSpan.FromDays(3);

    public async Task InitializeAsync()
    {
        var intact = await WithReleasesAsync("intact", 2);
        await WithReleasesAsync("intact-too", 1);
        // No trail at all: its policy on main, never released (no archive branch, no release tags).
        Add(NoTrail, new ReleaseScenario(git => Scenarios.Configure(git)));

        var edited = await WithReleasesAsync("edited-record", 2);
        var first = Files(edited)[0];
        VerifyTests.Tamper(edited, "fix typo", dev =>
        {
            var path = Path.Combine(dev, first);
            File.WriteAllText(path, File.ReadAllText(path).Replace("\"released_by\": \"Rita Releaser\"", "\"released_by\": \"Mallory\""));
        });
        Expected["edited-record"] = $"{first} was edited by commit";

        var schema = await WithReleasesAsync("nonsense-record", 1);
        var only = Files(schema)[0];
        VerifyTests.Tamper(schema, "rewrite", dev =>
        {
            var path = Path.Combine(dev, only);
            var node = JsonNode.Parse(File.ReadAllText(path))!;
            node["to_sha"] = null;
            File.WriteAllText(path, node.ToJsonString());
        });
        Expected["nonsense-record"] = $"{only} was edited by commit";

        var forged = await WithReleasesAsync("inserted-record", 1);
        var original = Files(forged)[0];
        const string forgedId = "release-2000-01-01-000000";
        VerifyTests.Tamper(forged, "add missing record", dev =>
            File.WriteAllText(Path.Combine(dev, "releases", forgedId + ".json"),
                File.ReadAllText(Path.Combine(dev, original)).Replace(Path.GetFileNameWithoutExtension(original), forgedId)));
        Expected["inserted-record"] = $"{forgedId} was added after";

        var pushed = await WithReleasesAsync("direct-push", 1);
        pushed.Git.DirectCommit("main", "hotfix straight to prod", new() { ["prod.txt"] = "x\n" });
        Expected["direct-push"] = "1 commit on main is in no release record (a direct push)";

        var untagged = await WithReleasesAsync("deleted-tag", 1);
        GitScenario.Run(untagged.Folder, "--git-dir", untagged.Git.Origin, "tag", "-d", untagged.ReleaseIds()[0]);
        Expected["deleted-tag"] = $"{untagged.ReleaseIds()[0]} has no tag refs/tags/{untagged.ReleaseIds()[0]} on the remote";

        var emergency = Add("unreviewed-emergency", new ReleaseScenario(Scenarios.Rich));
        Assert.Equal(ExitCode.Success, (await emergency.Runner.RunAsync(["release", "--emergency", "payments are down"])).Code);
        Expected["unreviewed-emergency"] = $"emergency release {emergency.ReleaseIds()[0]} has no review";

        var unsigned = Add("unsigned-records", new ReleaseScenario(git =>
        {
            Scenarios.Rich(git);
            var signers = Path.Combine(git.Root, "allowed_signers");
            File.WriteAllText(signers,
                "rita@example.com namespaces=\"git\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq0lH3OmSq1Uo3nEhYV1s4lqlqZ1XyS1m0m8F1l5xg5\n");
            Scenarios.ReleasedPolicy(git, Scenarios.Config + $"\naudit:\n  allowed_signers: {signers}");
        }));
        Assert.Equal(ExitCode.Success, (await unsigned.ReleaseAsync()).Code);
        Expected["unsigned-records"] = "commit ";

        // Ranges: a release recorded by hand, correctly chained and tagged, whose range starts where the one before it
        // started, not where it ended: the two ranges overlap, so its commits are recorded as released twice.
        var overlap = await WithReleasesAsync("range-overlap", 1);
        var before = overlap.ReleaseIds()[0];
        var beforeBytes = overlap.OriginFile("compliance-archives", RecordFiles.JsonPath(before));
        var earlier = RecordFiles.FromJsonBytes(beforeBytes)!;
        var overlapping = RecordFiles.NewReleaseId(RecordFiles.RecordTime(DateTimeOffset.UtcNow.AddMinutes(1)),
            overlap.OriginFiles("compliance-archives", "releases"));
        var forgedRange = earlier with
        {
            ReleaseId = overlapping,
            Timestamp = RecordFiles.RecordTime(DateTimeOffset.UtcNow.AddMinutes(1)),
            Tag = ReleaseTag.RefName(overlapping),
            PreviousRelease = new PreviousRelease(before, RecordFiles.Sha256Hex(beforeBytes)),
        };
        var forgedBytes = RecordFiles.ToJsonBytes(forgedRange);
        Append(overlap, overlapping, forgedBytes);
        Tag(overlap, forgedRange.ToSha, overlapping, ReleaseTag.Message(forgedRange, forgedBytes, "compliance-archives"));
        Expected["range-overlap"] = $"{overlapping} starts at {earlier.FromSha[..7]} but {before} ended at {earlier.ToSha[..7]}: " +
            $"{earlier.FromSha[..7]} comes before {earlier.ToSha[..7]} on main, so the two ranges overlap";

        // Independence: the releaser recorded the review of their own emergency release, naming someone else (under a policy
        // that lets a review unproven by anything count, so that only the releaser rule refuses it).
        var selfReviewed = Add("self-review", new ReleaseScenario(Scenarios.RichWithUnprovenReviews));
        Assert.Equal(ExitCode.Success, (await selfReviewed.Runner.RunAsync(["release", "--emergency", "payments are down"])).Code);
        var reviewed = selfReviewed.ReleaseIds()[0];
        var reviewId = RecordFiles.NewReviewId(RecordFiles.RecordTime(DateTimeOffset.UtcNow.AddMinutes(1)),
            selfReviewed.OriginFiles("compliance-archives", "releases"));
        Append(selfReviewed, reviewId, RecordFiles.ToJsonBytes(new ReviewRecord
        {
            ReviewId = reviewId,
            ReviewsRelease = reviewed,
            Timestamp = RecordFiles.RecordTime(DateTimeOffset.UtcNow.AddMinutes(1)),
            ReviewedBy = "Carol CTO",
            Note = "ok",
            RecordedBy = "Rita Releaser",
            RecordedByEmail = "rita@example.com",
            Tool = new ToolInfo("shipgate", "0.1.0"),
            PreviousRelease = new PreviousRelease(reviewed,
                RecordFiles.Sha256Hex(selfReviewed.OriginFile("compliance-archives", RecordFiles.JsonPath(reviewed)))),
        }));
        Expected["self-review"] = $"{reviewId} reviews {reviewed}, but rita@example.com released it";

        // A rewritten main: production force-pushed back to the first release plus a new commit, so the second
        // release's commits are no longer on it.
        var rewritten = await WithReleasesAsync("rewritten-main", 2);
        var released = rewritten.ReleaseIds();
        var kept = RecordFiles.FromJsonBytes(rewritten.OriginFile("compliance-archives", RecordFiles.JsonPath(released[0])))!.ToSha;
        var lost = RecordFiles.FromJsonBytes(rewritten.OriginFile("compliance-archives", RecordFiles.JsonPath(released[1])))!.ToSha;
        var dev = rewritten.Git.Developer;
        GitScenario.Run(dev, "fetch", "--quiet", "origin", "main");
        GitScenario.Run(dev, "checkout", "--quiet", "-B", "rewritten", kept);
        GitScenario.Run(dev, "commit", "--quiet", "--allow-empty", "-m", "history rewritten");
        GitScenario.Run(dev, "push", "--quiet", "--force", "origin", "rewritten:main");
        GitScenario.Run(dev, "checkout", "--quiet", "-f", "staging");
        Expected["rewritten-main"] = $"main no longer contains {lost[..7]}, released by {released[1]}: its history was rewritten.";

        // A deleted archive branch: the release tags still anchor records nobody can read any more.
        var archiveless = await WithReleasesAsync("deleted-archive", 1);
        GitScenario.Run(archiveless.Folder, "--git-dir", archiveless.Git.Origin, "branch", "-D", "compliance-archives");
        Expected["deleted-archive"] = "compliance-archives is missing on the remote, but 1 release tags anchor records it held";
        Broken = [.. Expected.Keys];
        _ = intact;
    }

    private ReleaseScenario Add(string name, ReleaseScenario scenario)
    {
        Repositories[name] = scenario;
        return scenario;
    }

    /// <summary>Adds one record to origin's archive branch, as a hand (or an older Shipgate) with push access could.</summary>
    internal static void Append(ReleaseScenario s, string id, byte[] bytes) =>
        VerifyTests.Tamper(s, "record " + id, dev => File.WriteAllBytes(Path.Combine(dev, RecordFiles.JsonPath(id)), bytes));

    /// <summary>Pushes an annotated release tag to origin with the given message, verbatim.</summary>
    internal static void Tag(ReleaseScenario s, string sha, string releaseId, string message)
    {
        var dev = s.Git.Developer;
        var file = Path.Combine(s.Folder, releaseId + ".tag-message");
        File.WriteAllText(file, message);
        GitScenario.Run(dev, "fetch", "--quiet", "origin", "main");
        GitScenario.Run(dev, "tag", "--no-sign", "-a", "--cleanup=verbatim", "-F", file, releaseId, sha);
        GitScenario.Run(dev, "push", "--quiet", "origin", ReleaseTag.RefName(releaseId));
    }

    private async Task<ReleaseScenario> WithReleasesAsync(string name, int releases)
    {
        var s = Add(name, new ReleaseScenario(Scenarios.Rich));
        for (var n = 0; n < releases; n++)
        {
            if (n > 0) s.Git.SquashPullRequest(400 + n, $"BOL-{40 + n}: Follow-up {n}", new() { [$"web/follow{n}.ts"] = $"{n}\n" });
            var result = await s.ReleaseAsync();
            Assert.True(result.Code == ExitCode.Success, result.Output);
        }
        return s;
    }

    private static IReadOnlyList<string> Files(ReleaseScenario s) =>
        RecordFiles.ChainIds(s.OriginFiles("compliance-archives", "releases")).Select(id => $"releases/{id}.json").ToList();

    /// <summary>Every ref of every origin: equal before and after means nothing was changed anywhere.</summary>
    internal string AllOriginRefs() => string.Join("\n", Repositories.Select(r => $"{r.Key}:\n{r.Value.OriginRefs()}"));

    /// <summary>A repos file listing the given repositories by their origin's path, one per line, with a comment.</summary>
    internal string ReposFile(IEnumerable<string> names, params string[] extraLines)
    {
        var path = Path.Combine(Folder, $"repos-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, ["# the organisation's production repositories", .. names.Select(n => Repositories[n].Git.Origin), .. extraLines]);
        return path;
    }

    /// <summary>An auditor's runner in an empty folder (no git repository), with its own cache folder and the organisation's clock.</summary>
    internal ShipgateRunner Auditor(string? cache = null)
    {
        var folder = Path.Combine(Folder, "anywhere-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var runner = new ShipgateRunner(folder, folder + "-state") { Clock = new ShiftedClock(Later) };
        runner.Environment["XDG_CACHE_HOME"] = cache ?? folder + "-cache";
        return runner;
    }

    /// <summary>The name verify gives a repository listed by its origin's path.</summary>
    internal string NameOf(string name) => Repositories[name].Git.Origin;

    public Task DisposeAsync()
    {
        foreach (var s in Repositories.Values) s.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Builds the <see cref="Organisation"/> once for every class in its collection.</summary>
[CollectionDefinition(Organisation.Collection)]
public sealed class OrganisationCollection : ICollectionFixture<Organisation>;
