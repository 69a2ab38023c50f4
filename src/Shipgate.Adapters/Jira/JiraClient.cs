using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Shipgate.Integrations;
using Shipgate.Rendering;

namespace Shipgate.Jira;

/// <summary>
/// Jira Cloud through its REST API v3: the project keys the token sees, the release's tickets in batches of
/// 100 (<c>POST /rest/api/3/issue/bulkfetch</c>: T tickets take ceil(T/100) requests whatever their projects),
/// and after the release a comment, a remote link to the record and the release's version on each ticket.
/// </summary>
internal sealed class JiraClient : ITicketTracker, IReleaseTracker
{
    public const int BatchSize = 100;
    private const int PageSize = 100;

    private readonly JiraRest _rest;
    /// <summary>
    /// The release's version per project ("OPS/release-…"), looked up or made once however many of its tickets join it: tickets
    /// updated at once await the same lookup (<see cref="Lazy{T}"/> runs it once), so a project never gets two.
    /// </summary>
    private readonly ConcurrentDictionary<string, Lazy<Task<JiraVersion>>> _versions = new(StringComparer.Ordinal);

    public JiraClient(JiraSettings settings, Secrets secrets, IProgress<ApiWait>? waits = null) => _rest = new JiraRest(settings, secrets, waits);

    public TicketSystem System => TicketSystem.Jira;

    public JiraSettings Settings => _rest.Settings;

    /// <summary>Whose credentials these are (<c>GET /rest/api/3/myself</c>), for doctor.</summary>
    public async Task<string> GetAccountAsync(CancellationToken ct)
    {
        var user = await _rest.GetAsync("/rest/api/3/myself", JiraJson.Default.JiraUser, ct);
        return user.DisplayName ?? user.AccountId;
    }

    /// <summary>The project keys Jira lists for the token, page after page.</summary>
    public async Task<IReadOnlyList<string>> GetTeamKeysAsync(CancellationToken ct)
    {
        var keys = new List<string>();
        for (var startAt = 0; ; startAt += PageSize)
        {
            var page = await _rest.GetAsync($"/rest/api/3/project/search?startAt={startAt}&maxResults={PageSize}", JiraJson.Default.ProjectPage, ct);
            keys.AddRange(page.Values.Select(p => p.Key.ToUpperInvariant()));
            if (page.Values.Count == 0 || (page.IsLast ?? page.Values.Count < PageSize)) break;
        }
        return [.. keys.Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>The tickets Jira returns among <paramref name="ids"/>; a key in its issueErrors, or absent, is not found.</summary>
    public async Task<IReadOnlyDictionary<string, TicketDetails>> GetTicketsAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var wanted = ids.Select(id => id.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, TicketDetails>(StringComparer.Ordinal);
        foreach (var batch in wanted.Chunk(BatchSize))
        {
            var body = JsonSerializer.Serialize(new BulkFetchRequest(batch, ["summary", "status"]), JiraJson.Default.BulkFetchRequest);
            var answer = await _rest.SendAsync(HttpMethod.Post, "/rest/api/3/issue/bulkfetch", body, JiraJson.Default.BulkFetchAnswerTicketFields, ct);
            var moved = new List<JiraIssue<TicketFields>>();
            foreach (var issue in answer.Issues)
            {
                var key = issue.Key.ToUpperInvariant();
                if (batch.Contains(key)) found[key] = Details(key, issue);
                else moved.Add(issue);
            }
            if (moved.Count > 0) await FindMovedAsync(batch, answer, moved, found, ct);
        }
        return found;
    }

    /// <summary>
    /// Jira finds a moved issue by its old key but answers with its new one, without saying which key it was asked as:
    /// one such pair in a batch is matched at once; more are asked one by one (moves are rare, so the batches' bound holds otherwise).
    /// </summary>
    private async Task FindMovedAsync(string[] batch, BulkFetchAnswer<TicketFields> answer, List<JiraIssue<TicketFields>> moved,
        Dictionary<string, TicketDetails> found, CancellationToken ct)
    {
        var errors = (answer.IssueErrors ?? []).Select(e => e.Id?.ToUpperInvariant()).ToHashSet();
        var unanswered = batch.Where(key => !found.ContainsKey(key) && !errors.Contains(key)).ToList();
        if (unanswered.Count == 1 && moved.Count == 1)
        {
            found[unanswered[0]] = Details(unanswered[0], moved[0]);
            return;
        }
        foreach (var key in unanswered)
        {
            try
            {
                found[key] = Details(key, await _rest.GetAsync($"/rest/api/3/issue/{Key(key)}?fields=summary,status",
                    JiraJson.Default.JiraIssueTicketFields, ct));
            }
            catch (ApiException e) when (e.Status == 404)
            {
            }
        }
    }

    /// <summary>A ticket under the key the release names; its page is the issue's current key's.</summary>
    private TicketDetails Details(string key, JiraIssue<TicketFields> issue) => new(key, issue.Fields.Summary,
        Settings.BrowseUrl(issue.Key.ToUpperInvariant()), issue.Fields.Status.Name, issue.Fields.Status.StatusCategory.Key, TicketSystem.Jira);

    /// <summary>Comments once: a comment whose text holds the body's first line (it names the release) is not posted again.</summary>
    public async Task CommentAsync(string ticketId, string body, string key, CancellationToken ct)
    {
        var marker = body.Split('\n', 2)[0].Trim();
        if (await HasCommentAsync(ticketId, marker, ct)) return;
        var json = JsonSerializer.Serialize(new NewComment(AdfDocument.FromText(body)), JiraJson.Default.NewComment);
        await _rest.SendAsync(HttpMethod.Post, $"/rest/api/3/issue/{Key(ticketId)}/comment", json, JiraJson.Default.JiraComment, ct);
    }

    /// <summary>The comment, a remote link to the record, and the release's version in the ticket's fix versions.</summary>
    public async Task<IReadOnlyList<string>> MarkReleasedAsync(string ticketId, ReleaseNotice notice, CancellationToken ct)
    {
        var failures = new List<string>();
        async Task Step(string what, Func<Task> step)
        {
            try
            {
                await step();
            }
            catch (ApiException e) when (e is not TrackerUnavailableException && !ct.IsCancellationRequested)
            {
                failures.Add($"{what}: {SafeText.OneLine(e.Message)}");
            }
        }
        await Step("comment", () => CommentAsync(ticketId, notice.Body, notice.ReleaseId, ct));
        if (notice.RecordUrl is { } url) await Step("link to the record", () => LinkAsync(ticketId, notice, url, ct));
        await Step("fix version", () => JoinVersionAsync(ticketId, notice, ct));
        return failures;
    }

    /// <summary>A stable globalId per repository and release: Jira updates the link it names rather than adding a second.</summary>
    public static string GlobalId(string repository, string releaseId) => $"shipgate:{repository}:{releaseId}";

    private async Task LinkAsync(string ticketId, ReleaseNotice notice, string url, CancellationToken ct)
    {
        var link = new RemoteLinkRequest(GlobalId(notice.Repository, notice.ReleaseId),
            new RemoteLinkObject(url, $"Release record {notice.ReleaseId}", $"Released to production from {notice.Repository}"), "released in");
        await _rest.SendAsync(HttpMethod.Post, $"/rest/api/3/issue/{Key(ticketId)}/remotelink",
            JsonSerializer.Serialize(link, JiraJson.Default.RemoteLinkRequest), JiraJson.Default.RemoteLinkAnswer, ct);
    }

    private async Task JoinVersionAsync(string ticketId, ReleaseNotice notice, CancellationToken ct)
    {
        var issue = await _rest.GetAsync($"/rest/api/3/issue/{Key(ticketId)}?fields=project,fixVersions",
            JiraJson.Default.JiraIssuePlacementFields, ct);
        var project = issue.Fields.Project;
        var version = await _versions.GetOrAdd($"{project.Key}/{notice.ReleaseId}",
            _ => new Lazy<Task<JiraVersion>>(() => ReleasedVersionAsync(project, notice, ct))).Value;
        if ((issue.Fields.FixVersions ?? []).Any(v => v.Name == version.Name)) return;
        var update = JsonSerializer.Serialize(FixVersionUpdate.Add(version.Name), JiraJson.Default.FixVersionUpdate);
        await _rest.SendAsync(HttpMethod.Put, $"/rest/api/3/issue/{Key(ticketId)}", update, ct);
    }

    /// <summary>The project's version named after the release, made (released, dated) when it is not there yet.</summary>
    private async Task<JiraVersion> ReleasedVersionAsync(JiraProjectRef project, ReleaseNotice notice, CancellationToken ct)
    {
        var date = notice.ReleasedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var versions = await _rest.GetAsync($"/rest/api/3/project/{Uri.EscapeDataString(project.Key)}/versions", JiraJson.Default.ListJiraVersion, ct);
        if (versions.FirstOrDefault(v => v.Name == notice.ReleaseId) is { } existing)
        {
            if (existing.Released != true)
                await _rest.SendAsync(HttpMethod.Put, $"/rest/api/3/version/{Uri.EscapeDataString(existing.Id)}",
                    JsonSerializer.Serialize(new ReleasedVersion(true, date), JiraJson.Default.ReleasedVersion), JiraJson.Default.JiraVersion, ct);
            return existing;
        }
        if (!long.TryParse(project.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var projectId))
            throw new ApiException(JiraRest.Service, $"Jira gave project {project.Key} the id '{SafeText.Shorten(project.Id, 20)}', which is not a number.");
        var made = new NewVersion(notice.ReleaseId, projectId, true, date, $"Production release {notice.ReleaseId} of {notice.Repository} (Shipgate).");
        return await _rest.SendAsync(HttpMethod.Post, "/rest/api/3/version",
            JsonSerializer.Serialize(made, JiraJson.Default.NewVersion), JiraJson.Default.JiraVersion, ct);
    }

    private async Task<bool> HasCommentAsync(string ticketId, string marker, CancellationToken ct)
    {
        for (var startAt = 0; ; startAt += PageSize)
        {
            var page = await _rest.GetAsync($"/rest/api/3/issue/{Key(ticketId)}/comment?startAt={startAt}&maxResults={PageSize}",
                JiraJson.Default.CommentPage, ct);
            if (page.Comments.Any(c => c.Body is { } body && body.GetRawText().Contains(JsonText(marker), StringComparison.Ordinal))) return true;
            if (page.Comments.Count == 0 || startAt + page.Comments.Count >= (page.Total ?? 0)) return false;
        }
    }

    /// <summary>The marker as it appears inside a JSON string.</summary>
    private static string JsonText(string text) => JsonEncodedText.Encode(text).ToString();

    private static string Key(string ticketId) => Uri.EscapeDataString(ticketId);
}
