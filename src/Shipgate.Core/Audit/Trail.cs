using Shipgate.Git;
using Shipgate.Record;

namespace Shipgate.Audit;

/// <summary>One record file of the hash chain as found on the archive branch.</summary>
/// <param name="AddedAt">Index, in the archive branch's history, of the commit that added it.</param>
internal sealed record TrailLink(string Id, int AddedAt, string AddedIn, byte[] Bytes)
{
    public bool IsRelease => RecordFiles.IsReleaseId(Id);
    public string Path => RecordFiles.JsonPath(Id);
    public string Sha256 => RecordFiles.Sha256Hex(Bytes);
}

/// <summary>Everything verify and report read from git, gathered once; judged by pure code.</summary>
internal sealed record TrailFacts(
    string Repository,
    string ArchiveBranch,
    string ProductionBranch,
    string? ArchiveTip,
    string MainTip,
    IReadOnlyList<HistoryCommit> ArchiveHistory,
    /// <summary>The records present at the archive tip, in the order they were added.</summary>
    IReadOnlyList<TrailLink> Links,
    /// <summary>Commits reachable from main but not from the first release's from_sha (all of main when there is none).</summary>
    IReadOnlyList<Commit> MainSinceFirstRelease,
    bool FirstReleaseStartIsOnMain,
    /// <summary>Per record commit: what git said of its signature. Null when signing is not required.</summary>
    IReadOnlyDictionary<string, SignatureCheck>? Signatures,
    /// <summary>The remote's tags named like releases (<see cref="ReleaseTag"/>), read without moving a ref.</summary>
    IReadOnlyList<TagObject> ReleaseTags)
{
    /// <summary>Per record commit signed with an SSH key: that key and whom audit.allowed_signers lists it for. Null without allowed signers.</summary>
    public IReadOnlyDictionary<string, CommitSigner>? CommitSigners { get; init; }

    /// <summary>Per release tag object: what its signature is. Null unless audit.sign is required.</summary>
    public IReadOnlyDictionary<string, SignatureCheck>? TagSignatures { get; init; }

    /// <summary>
    /// Whether the release policy verify runs under (the accounted one) says audit.review_identity: git-config: only then does a
    /// review that proves nothing of its reviewer count (flagged unproven); otherwise it is a break and counts for nothing.
    /// </summary>
    public bool UnprovenReviewsAllowed { get; init; }

    /// <summary>The JSON of every PR's compliance archive at the archive tip (compliance/…/pr-&lt;N&gt;-….json), path to bytes.</summary>
    public IReadOnlyDictionary<string, byte[]> PrArchives { get; init; } = new Dictionary<string, byte[]>();
}

/// <summary>The SSH key a record commit's signature names (fingerprint), and the principals audit.allowed_signers lists it for.</summary>
internal sealed record CommitSigner(string Key, IReadOnlyList<string> Principals);
