using System.Globalization;
using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>A file a PR changed, as GET /repos/{owner}/{repo}/pulls/{pull_number}/files lists it.</summary>
/// <param name="Status">added, removed, modified, renamed, copied, changed or unchanged.</param>
public sealed record PullFileFixture(string Filename, int Additions, int Deletions, string Status = "modified");

/// <summary>GitHub's commits and files of a pull request (what a compliance archive lists).</summary>
internal sealed partial class GitHubRest
{
    private RestAnswer PullCommits(RepositoryFixture repo, PullRequestFixture pr) => Paged(pr.Commits.Select(sha =>
    {
        var message = pr.CommitMessages.GetValueOrDefault(sha) ?? $"Commit {sha[..Math.Min(7, sha.Length)]}";
        var when = Wire.Time(pr.CreatedAt);
        var person = new JsonObject { ["name"] = pr.Author, ["email"] = $"{pr.Author}@example.com", ["date"] = when };
        return new JsonObject
        {
            ["url"] = $"{apiRoot}/repos/{repo.FullName}/commits/{sha}",
            ["sha"] = sha,
            ["node_id"] = Wire.NodeId("C", $"{repo.FullName}/{sha}"),
            ["html_url"] = $"{repo.HtmlUrl}/commit/{sha}",
            ["comments_url"] = $"{apiRoot}/repos/{repo.FullName}/commits/{sha}/comments",
            ["commit"] = new JsonObject
            {
                ["url"] = $"{apiRoot}/repos/{repo.FullName}/git/commits/{sha}",
                ["author"] = person.DeepClone(),
                ["committer"] = person.DeepClone(),
                ["message"] = message,
                ["comment_count"] = 0,
                ["tree"] = new JsonObject { ["sha"] = new string('0', 40), ["url"] = $"{apiRoot}/repos/{repo.FullName}/git/trees/{new string('0', 40)}" },
            },
            ["author"] = User(pr.Author),
            ["committer"] = User(pr.Author),
            ["parents"] = new JsonArray(),
        };
    }));

    private RestAnswer PullFiles(RepositoryFixture repo, PullRequestFixture pr) => Paged(pr.Files.Select(f => new JsonObject
    {
        ["sha"] = Wire.StableId($"{repo.FullName}/{pr.Number}/{f.Filename}").ToString("x40", CultureInfo.InvariantCulture)[..40],
        ["filename"] = f.Filename,
        ["status"] = f.Status,
        ["additions"] = f.Additions,
        ["deletions"] = f.Deletions,
        ["changes"] = f.Additions + f.Deletions,
        ["blob_url"] = $"{repo.HtmlUrl}/blob/{pr.HeadSha}/{f.Filename}",
        ["raw_url"] = $"{repo.HtmlUrl}/raw/{pr.HeadSha}/{f.Filename}",
        ["contents_url"] = $"{apiRoot}/repos/{repo.FullName}/contents/{f.Filename}?ref={pr.HeadSha}",
    }));
}
