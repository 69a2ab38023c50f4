using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Shipgate.GitHub;

/// <summary>
/// The GraphQL documents that fetch a release's PRs in batches: up to <see cref="BatchSize"/>
/// aliased <c>pullRequest(number:)</c> lookups (nullable, so a missing PR does not fail the
/// batch), or commits with their associated PRs, per query. Pure text, so tests can read them.
/// </summary>
internal static partial class PullRequestQueries
{
    /// <summary>GitHub's limit on first/last, and on how many lookups one query carries.</summary>
    public const int BatchSize = 100;

    /// <summary>Associated PRs read per commit: a commit sits in few PRs, and only the merged one matters.</summary>
    public const int PullRequestsPerCommit = 10;

    private static readonly string Fragment =
        "fragment PullRequestFields on PullRequest { number title url body state mergedAt headRefName headRefOid baseRefName mergeCommit { oid } " +
        $"author {{ login }} mergedBy {{ login }} {Reviews("")} }}";

    /// <summary>Approving reviews only, each with its commit: separation of duties is judged on approvals of the merged head.</summary>
    private static string Reviews(string moreArguments) =>
        $"reviews(first: {BatchSize}, states: [APPROVED]{moreArguments}) " +
        "{ pageInfo { hasNextPage endCursor } nodes { author { login } state submittedAt commit { oid } } }";

    public static string ByNumbers(IEnumerable<int> numbers)
    {
        var body = new StringBuilder();
        foreach (var number in numbers)
            body.Append(CultureInfo.InvariantCulture, $" pr{number}: pullRequest(number: {number}) {{ ...PullRequestFields }}");
        return Document(body.ToString(), Fragment);
    }

    /// <summary>Commits by index alias (c0, c1, ...), each with the PRs GitHub associates with it.</summary>
    public static string ByCommits(IReadOnlyList<string> shas)
    {
        var body = new StringBuilder();
        for (var i = 0; i < shas.Count; i++)
        {
            if (!CommitId().IsMatch(shas[i])) throw new ArgumentException($"not a commit id: {shas[i]}", nameof(shas));
            body.Append(CultureInfo.InvariantCulture,
                $" c{i}: object(oid: \"{shas[i]}\") {{ ... on Commit {{ " +
                $"associatedPullRequests(first: {PullRequestsPerCommit}) {{ nodes {{ ...PullRequestFields }} }} }} }}");
        }
        return Document(body.ToString(), Fragment);
    }

    /// <summary>The next page of approving reviews of each PR, from its end cursor.</summary>
    public static string MoreReviews(IEnumerable<(int Number, string Cursor)> pages)
    {
        var body = new StringBuilder();
        foreach (var (number, cursor) in pages)
        {
            var after = ", after: \"" + JsonEncodedText.Encode(cursor) + "\"";
            body.Append(CultureInfo.InvariantCulture, $" pr{number}: pullRequest(number: {number}) {{ number {Reviews(after)} }}");
        }
        return Document(body.ToString(), "");
    }

    private static string Document(string selections, string fragment) =>
        $"query($owner: String!, $name: String!) {{ repository(owner: $owner, name: $name) {{{selections} }} }} {fragment}".TrimEnd();

    [GeneratedRegex("^[0-9a-f]{40}([0-9a-f]{24})?$")]
    private static partial Regex CommitId();
}
