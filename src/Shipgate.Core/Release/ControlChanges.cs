using System.Text.Json.Serialization;
using Shipgate.Config;
using Shipgate.Git;

namespace Shipgate.Release;

/// <summary>
/// The files that steer CI, review and the release gate: GitHub's workflows and actions, CODEOWNERS wherever GitHub reads it,
/// the release policy, and whatever <c>controls.paths</c> adds. A change to one can make CI trivially green or loosen review,
/// so it needs its own second pair of eyes.
/// </summary>
internal sealed class ControlPaths
{
    /// <summary>Always control files, whatever the policy says: <c>controls.paths</c> can add to these, never take away.</summary>
    public static readonly IReadOnlyList<string> Defaults =
        [".github/workflows/**", ".github/actions/**", "CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS", ConfigLoader.FileName];

    public static ControlPaths BuiltIn { get; } = new([]);

    private readonly PathGlob[] _globs;

    /// <param name="configured">The policy's <c>controls.paths</c> globs.</param>
    public ControlPaths(IReadOnlyList<string> configured) =>
        _globs = [.. Defaults.Concat(configured).Distinct(StringComparer.Ordinal).Select(p => new PathGlob(p))];

    public bool Matches(string path) => _globs.Any(g => g.Matches(path));
}

/// <summary>How a control change was reviewed: only <see cref="Independent"/> passes the gate.</summary>
internal enum ControlReview
{
    /// <summary>Its PR has an approval on its final head by someone other than its author.</summary>
    [JsonStringEnumMemberName("independent")] Independent,
    [JsonStringEnumMemberName("no_independent_approval")] NoIndependentApproval,
    /// <summary>Someone else approved, but before later commits: the approval was not of what shipped.</summary>
    [JsonStringEnumMemberName("approved_before_later_commits")] ApprovedBeforeLaterCommits,
    /// <summary>A commit in no PR: nobody reviewed it.</summary>
    [JsonStringEnumMemberName("in_no_pull_request")] InNoPullRequest,
    /// <summary>The code host was not asked, so no approval is known.</summary>
    [JsonStringEnumMemberName("reviews_not_read")] ReviewsNotRead,
}

/// <summary>One control file changed by one PR (or by one commit in no PR), and who approved that PR's final head.</summary>
/// <param name="PullRequest">The PR that changed it; null for a commit in no PR.</param>
/// <param name="Commit">The commit in no PR that changed it; null for a PR.</param>
/// <param name="Author">The PR's author, or the commit's.</param>
/// <param name="Approvers">Who approved the PR's final head.</param>
internal sealed record ControlChange(string Path, int? PullRequest, string? Commit, string Author, IReadOnlyList<string> Approvers, ControlReview Review)
{
    public bool IndependentlyReviewed => Review == ControlReview.Independent;

    /// <summary>What the change came in by: "#12", or a commit's short sha.</summary>
    public string Source => PullRequest is { } number ? $"#{number}" : Sha.Short(Commit!);

    /// <summary>The author is a GitHub login (the PR's, as GitHub told); false: a git author's name, which never gets an @.</summary>
    public bool AuthorIsLogin { get; init; }

    public string AuthorShown => AuthorIsLogin ? "@" + Author : Author;
}

/// <summary>Finds a release's control changes and judges each one's review. Pure.</summary>
internal static class ControlChanges
{
    /// <param name="loose">The commits in no PR.</param>
    /// <param name="codeHostAsked">False: reviews are unknown, so no change counts as reviewed.</param>
    public static IReadOnlyList<ControlChange> Find(IReadOnlyList<ReleasedPullRequest> pullRequests, IReadOnlyList<Commit> loose,
        ControlPaths paths, bool codeHostAsked)
    {
        var changes = new List<ControlChange>();
        foreach (var pr in pullRequests)
        {
            var review = ReviewOf(pr, codeHostAsked);
            changes.AddRange(pr.Files.Where(paths.Matches).Distinct().Order(StringComparer.Ordinal)
                .Select(file => new ControlChange(file, pr.Number, null, pr.Author, pr.Approvers, review) { AuthorIsLogin = pr.AuthorIsLogin }));
        }
        foreach (var commit in loose)
            changes.AddRange(commit.Files.Where(paths.Matches).Distinct().Order(StringComparer.Ordinal)
                .Select(file => new ControlChange(file, null, commit.Sha, commit.AuthorName, [], ControlReview.InNoPullRequest)));
        return changes;
    }

    private static ControlReview ReviewOf(ReleasedPullRequest pr, bool codeHostAsked) => pr.IndependentlyApproved switch
    {
        _ when !codeHostAsked => ControlReview.ReviewsNotRead,
        null => ControlReview.ReviewsNotRead,
        true => ControlReview.Independent,
        false when pr.ApprovedBeforeLaterCommits.Count > 0 => ControlReview.ApprovedBeforeLaterCommits,
        false => ControlReview.NoIndependentApproval,
    };

    /// <summary>Why a change is not independently reviewed, in a few words for the checklist, warnings and screens.</summary>
    public static string Reason(ControlReview review) => review switch
    {
        ControlReview.Independent => "approved on its final head by someone other than its author",
        ControlReview.NoIndependentApproval => "no approval by anyone other than its author",
        ControlReview.ApprovedBeforeLaterCommits => "approved before later commits",
        ControlReview.InNoPullRequest => "in no pull request",
        _ => "its reviews could not be read",
    };
}
