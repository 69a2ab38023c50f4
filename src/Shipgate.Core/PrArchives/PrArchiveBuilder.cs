using Shipgate.Integrations;
using Shipgate.Record;
using Shipgate.Release;
using Shipgate.Rendering;

namespace Shipgate.PrArchives;

/// <summary>Which PRs get an archive, and the archive of one from what the code host answered. Pure.</summary>
internal static class PrArchiveBuilder
{
    /// <summary>
    /// Why <paramref name="pr"/> gets no archive (not merged, or merged into another branch than staging), or null when it does.
    /// Only what reached staging is released, so only that is archived.
    /// </summary>
    public static string? WhyNot(PullRequestFacts pr, string stagingBranch)
    {
        if (!pr.Merged || pr.MergedAt is null || pr.MergeCommitSha is null)
            return $"PR #{pr.Number} is not merged: a compliance archive records a change that reached {stagingBranch}. " +
                "Run it again once the PR is merged.";
        if (pr.Base != stagingBranch)
            return $"PR #{pr.Number} was merged into {SafeText.OneLine(pr.Base)}, not {stagingBranch}: only what reaches {stagingBranch} is released, " +
                "so only that is archived.";
        return null;
    }

    /// <summary>The tickets a PR names, first the title's, then its branch's, its description's and its commits'; each once.</summary>
    public static IReadOnlyList<string> Tickets(PullRequestFacts pr, IReadOnlyList<PullRequestCommit> commits, TicketMatcher matcher) =>
        [.. new[] { pr.Title, pr.Head, pr.Body }.Concat(commits.Select(c => c.Message)).SelectMany(matcher.Find).Distinct(StringComparer.Ordinal)];

    public static PrArchive Build(string repository, PullRequestFacts pr, IReadOnlyList<PrArchiveReview> reviews, CiVerdict ci,
        IReadOnlyList<PullRequestCommit> commits, IReadOnlyList<PrArchiveFile> files, TicketMatcher matcher, string login, DateTimeOffset now) => new()
        {
            Repository = repository,
            Pr = pr.Number,
            // The title as written (JSON escapes what it must); the name and the Markdown make it safe for where they put it.
            Title = pr.Title,
            Url = pr.Url,
            Author = pr.Author,
            MergedBy = pr.MergedBy,
            MergedAt = pr.MergedAt!.Value.ToUniversalTime(),
            Base = pr.Base,
            Head = pr.Head,
            HeadSha = pr.HeadSha,
            MergeCommit = pr.MergeCommitSha!,
            Tickets = Tickets(pr, commits, matcher),
            Reviews = reviews,
            Ci = new PrArchiveCi(ci.Sha, ci.Passed, [.. ci.Checks.Select(c => new PrArchiveCiCheck(c.Name, c.Conclusion, c.Passed, c.Url))]),
            Commits = [.. commits.Select(c => new PrArchiveCommit(c.Sha, c.Title, c.Author))],
            Files = files,
            ArchivedByLogin = login,
            ArchivedAt = RecordFiles.RecordTime(now),
            Tool = RecordBuilder.Tool,
        };
}
