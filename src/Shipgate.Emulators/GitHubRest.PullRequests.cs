using System.Globalization;
using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>GitHub's pull requests and their reviews.</summary>
internal sealed partial class GitHubRest
{
    private RestAnswer PullRequests(RepositoryFixture repo)
    {
        IEnumerable<PullRequestFixture> pulls = repo.PullRequests;
        pulls = (request.QueryValue("state") ?? "open") switch
        {
            "open" => pulls.Where(p => p.State == "OPEN"),
            "closed" => pulls.Where(p => p.State != "OPEN"),
            _ => pulls,
        };
        if (request.QueryValue("base") is { } baseRef)
        {
            pulls = pulls.Where(p => p.BaseRef == baseRef);
        }
        if (request.QueryValue("head") is { } head)
        {
            // "user:ref-name"; the user part names the fork owner, always the repo owner here.
            var parts = head.Split(':', 2);
            pulls = parts.Length == 2 && !string.Equals(parts[0], repo.Owner, StringComparison.OrdinalIgnoreCase)
                ? []
                : pulls.Where(p => p.HeadRef == parts[^1]);
        }
        var sort = request.QueryValue("sort") ?? "created";
        Func<PullRequestFixture, DateTimeOffset> key = sort == "updated" ? p => p.MergedAt ?? p.CreatedAt : p => p.CreatedAt;
        var descending = (request.QueryValue("direction") ?? (sort == "created" ? "desc" : "asc")) == "desc";
        pulls = descending ? pulls.OrderByDescending(key).ThenByDescending(p => p.Number) : pulls.OrderBy(key).ThenBy(p => p.Number);
        return Paged(pulls.Select(p => PullRequest(repo, p, full: false)));
    }

    private RestAnswer Reviews(RepositoryFixture repo, PullRequestFixture pr) => Paged(pr.Reviews.Select((r, i) => new JsonObject
    {
        ["id"] = ReviewId(pr, r, i),
        ["node_id"] = Wire.NodeId("PRR", $"{repo.FullName}/{pr.Number}/{i}"),
        ["user"] = User(r.Author),
        ["body"] = "",
        ["state"] = r.State,
        ["submitted_at"] = Wire.Time(r.SubmittedAt),
        ["commit_id"] = r.CommitOf(pr),
        ["html_url"] = $"{PullUrl(repo, pr)}#pullrequestreview-{ReviewId(pr, r, i)}",
        ["pull_request_url"] = $"{apiRoot}/repos/{repo.FullName}/pulls/{pr.Number}",
        ["author_association"] = "MEMBER",
        ["_links"] = new JsonObject
        {
            ["html"] = new JsonObject { ["href"] = PullUrl(repo, pr) },
            ["pull_request"] = new JsonObject { ["href"] = $"{apiRoot}/repos/{repo.FullName}/pulls/{pr.Number}" },
        },
    }));

    internal static long ReviewId(PullRequestFixture pr, ReviewFixture review, int index) =>
        review.Id != 0 ? review.Id : pr.Number * 1000L + index + 1;

    private static PullRequestFixture? FindPull(RepositoryFixture repo, string number) =>
        int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? repo.PullRequests.Find(p => p.Number == n) : null;

    internal static string PullUrl(RepositoryFixture repo, PullRequestFixture pr) => pr.Url ?? $"{repo.HtmlUrl}/pull/{pr.Number}";

    private JsonObject PullRequest(RepositoryFixture repo, PullRequestFixture pr, bool full)
    {
        var api = $"{apiRoot}/repos/{repo.FullName}";
        var baseSha = repo.Branches.GetValueOrDefault(pr.BaseRef) ?? new string('0', 40);
        var closedAt = pr.State == "OPEN" ? null : Wire.Time(pr.MergedAt ?? pr.CreatedAt);
        var body = new JsonObject
        {
            ["id"] = Wire.StableId($"{repo.FullName}/pull/{pr.Number}"),
            ["node_id"] = Wire.NodeId("PR", $"{repo.FullName}/{pr.Number}"),
            ["number"] = pr.Number,
            ["state"] = pr.State == "OPEN" ? "open" : "closed",
            ["locked"] = false,
            ["title"] = pr.Title,
            ["body"] = pr.Body,
            ["user"] = User(pr.Author),
            ["draft"] = false,
            ["url"] = $"{api}/pulls/{pr.Number}",
            ["html_url"] = PullUrl(repo, pr),
            ["created_at"] = Wire.Time(pr.CreatedAt),
            ["updated_at"] = Wire.Time(pr.MergedAt ?? pr.CreatedAt),
            ["closed_at"] = closedAt,
            ["merged_at"] = Wire.Time(pr.MergedAt),
            ["merge_commit_sha"] = pr.MergeCommitSha,
            ["author_association"] = "MEMBER",
            ["head"] = Branch(repo, pr.HeadRef, pr.HeadSha),
            ["base"] = Branch(repo, pr.BaseRef, baseSha),
        };
        if (full)
        {
            body["merged"] = pr.IsMerged;
            body["merged_by"] = pr.MergedBy is { } by ? User(by) : null;
            body["mergeable"] = null;
            body["mergeable_state"] = pr.State == "OPEN" ? "clean" : "unknown";
            body["commits"] = pr.Commits.Count;
        }
        return body;
    }
}
