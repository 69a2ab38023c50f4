using System.Globalization;
using System.Text.Json.Serialization;
using Shipgate.PrArchives;

namespace Shipgate.GitHub;

/// <summary>
/// What a PR's compliance archive is made from, by GitHub's REST pull request endpoints: the PR, its reviews (all states,
/// with their commit), its commits and its files with line counts, and the PRs merged into a branch since a day.
/// </summary>
internal sealed partial class GitHubClient : IMergedPullRequests
{
    public async Task<PullRequestFacts?> GetPullRequestAsync(int number, CancellationToken ct)
    {
        var pr = await http.FindAsync(PullCall("/repos/{owner}/{repo}/pulls/{pull_number}", number), PullArchiveJson.Default.PullDetailWire, ct);
        return pr is null ? null : new PullRequestFacts(pr.Number, pr.Title, pr.HtmlUrl, Login(pr.User), pr.Body ?? "", pr.Merged, pr.MergedAt,
            pr.MergedBy is null ? null : Login(pr.MergedBy), pr.Base.Ref, pr.Head.Ref, pr.Head.Sha, pr.MergeCommitSha);
    }

    public async Task<IReadOnlyList<PrArchiveReview>> GetReviewsAsync(int number, string headSha, CancellationToken ct) =>
        await http.GetAllAsync(PullCall("/repos/{owner}/{repo}/pulls/{pull_number}/reviews", number, $"per_page={GitHubHttp.PerPage}"),
            PullArchiveJson.Default.ListReviewWire,
            page => page.Select(r => new PrArchiveReview(Login(r.User), r.State, r.SubmittedAt, r.CommitId,
                string.Equals(r.CommitId, headSha, StringComparison.OrdinalIgnoreCase))), ct);

    public async Task<IReadOnlyList<PullRequestCommit>> GetCommitsAsync(int number, CancellationToken ct) =>
        await http.GetAllAsync(PullCall("/repos/{owner}/{repo}/pulls/{pull_number}/commits", number, $"per_page={GitHubHttp.PerPage}"),
            PullArchiveJson.Default.ListPullCommitWire,
            page => page.Select(c => new PullRequestCommit(c.Sha, c.Commit.Message, c.Author?.Login)), ct);

    public async Task<IReadOnlyList<PrArchiveFile>> GetFilesAsync(int number, CancellationToken ct) =>
        await http.GetAllAsync(PullCall("/repos/{owner}/{repo}/pulls/{pull_number}/files", number, $"per_page={GitHubHttp.PerPage}"),
            PullArchiveJson.Default.ListPullFileWire,
            page => page.Select(f => new PrArchiveFile(f.Filename, f.Status, f.Additions, f.Deletions)), ct);

    /// <summary>Closed PRs into the branch, every page, keeping those merged since the day (GitHub cannot filter by merge date here).</summary>
    public async Task<IReadOnlyList<int>> GetMergedSinceAsync(string baseBranch, DateTimeOffset since, CancellationToken ct)
    {
        var call = Call("/repos/{owner}/{repo}/pulls",
            query: $"state=closed&base={Uri.EscapeDataString(baseBranch)}&sort=updated&direction=desc&per_page={GitHubHttp.PerPage}");
        var closed = await http.GetAllAsync(call, PullArchiveJson.Default.ListPullSummaryWire, page => page, ct);
        return [.. closed.Where(p => p.MergedAt is { } at && at >= since).OrderBy(p => p.MergedAt).ThenBy(p => p.Number).Select(p => p.Number)];
    }

    private RestCall PullCall(string template, int number, string query = "")
    {
        var call = Call(template, query: query);
        return call with { Path = call.Path.Replace("{pull_number}", number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) };
    }
}

/// <summary>GET /repos/{owner}/{repo}/pulls/{pull_number}.</summary>
internal sealed record PullDetailWire(int Number, string Title, ActorWire? User, string HtmlUrl, string? Body, DateTimeOffset? MergedAt, bool Merged,
    ActorWire? MergedBy, string? MergeCommitSha, PullRefWire Head, PullRefWire Base);

internal sealed record PullRefWire(string Ref, string Sha);

/// <summary>One item of GET /repos/{owner}/{repo}/pulls, as backfill reads it.</summary>
internal sealed record PullSummaryWire(int Number, DateTimeOffset? MergedAt);

/// <summary>One item of GET .../pulls/{pull_number}/reviews; submitted_at and commit_id may be absent (a pending review).</summary>
internal sealed record ReviewWire(ActorWire? User, string State, DateTimeOffset? SubmittedAt = null, string? CommitId = null);

/// <summary>One item of GET .../pulls/{pull_number}/commits: the author is null when the email is no GitHub account's.</summary>
internal sealed record PullCommitWire(string Sha, PullCommitDetailWire Commit, ActorWire? Author);

internal sealed record PullCommitDetailWire(string Message);

/// <summary>One item of GET .../pulls/{pull_number}/files.</summary>
internal sealed record PullFileWire(string Filename, string Status, int Additions, int Deletions);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(PullDetailWire))]
[JsonSerializable(typeof(List<PullSummaryWire>))]
[JsonSerializable(typeof(List<ReviewWire>))]
[JsonSerializable(typeof(List<PullCommitWire>))]
[JsonSerializable(typeof(List<PullFileWire>))]
internal sealed partial class PullArchiveJson : JsonSerializerContext;
