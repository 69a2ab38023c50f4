using Shipgate.Integrations;
using Shipgate.Release;

namespace Shipgate.Tests.Support;

/// <summary>A code host answered from memory, for phase tests that need no network.</summary>
internal sealed class FakeCodeHost : ICodeHost
{
    public string Repository => "acme/shop";
    public CiVerdict? Verdict { get; set; }
    public List<OpenPullRequest> OpenPullRequests { get; } = [];
    public string? Login { get; set; } = "rita";
    public Exception? LoginFailure { get; set; }
    /// <summary>The answers to successive workflow-run queries; the last one repeats.</summary>
    public List<IReadOnlyList<WorkflowRun>> RunAnswers { get; } = [];
    public int RunQueries { get; private set; }

    public Task<CiVerdict> GetCiVerdictAsync(string sha, IReadOnlyList<string> requiredChecks, CancellationToken ct) =>
        Task.FromResult(Verdict ?? new CiVerdict(sha, CiState.Success, [new CiCheck("build", "success", true)], []));

    public Task<IReadOnlyList<OpenPullRequest>> GetOpenPullRequestsAsync(string baseBranch, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<OpenPullRequest>>(OpenPullRequests);

    public Task<PullRequestLookup> GetPullRequestsAsync(IReadOnlyCollection<int> numbers, IReadOnlyCollection<string> commitShas, CancellationToken ct) =>
        Task.FromResult(ReleasePlanner.NoLookup);

    public Task<string?> GetViewerLoginAsync(CancellationToken ct) =>
        LoginFailure is { } failure ? Task.FromException<string?>(failure) : Task.FromResult(Login);

    /// <summary>Release pages by tag, as published; <see cref="ReleaseFailure"/> makes publishing fail.</summary>
    public Dictionary<string, ReleaseNotes> Releases { get; } = [];
    public Exception? ReleaseFailure { get; set; }

    public Task<PublishedRelease> PublishReleaseAsync(ReleaseNotes notes, CancellationToken ct)
    {
        if (ReleaseFailure is { } failure) return Task.FromException<PublishedRelease>(failure);
        var created = !Releases.ContainsKey(notes.Tag);
        Releases[notes.Tag] = notes;
        return Task.FromResult(new PublishedRelease($"https://github.com/acme/shop/releases/tag/{notes.Tag}", created));
    }

    public Task<IReadOnlyList<WorkflowRun>> GetWorkflowRunsAsync(string sha, string branch, CancellationToken ct)
    {
        var answer = RunAnswers.Count == 0 ? [] : RunAnswers[Math.Min(RunQueries, RunAnswers.Count - 1)];
        RunQueries++;
        return Task.FromResult(answer);
    }
}

/// <summary>A ticket tracker that records comments by key, the way the real one refuses a key twice.</summary>
internal sealed class FakeTracker : ITicketTracker
{
    public Dictionary<string, (string Ticket, string Body)> Comments { get; } = [];
    /// <summary>Tickets whose comment fails with a plain error (the others go on).</summary>
    public HashSet<string> Refusing { get; } = [];
    /// <summary>When set, every comment fails as if the tracker were down.</summary>
    public bool Down { get; set; }
    public int Attempts { get; private set; }

    public Task<IReadOnlyList<string>> GetTeamKeysAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>(["BOL", "ENG"]);

    public Task<IReadOnlyDictionary<string, TicketDetails>> GetTicketsAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, TicketDetails>>(
            ids.ToDictionary(id => id, id => new TicketDetails(id, $"Ticket {id}", $"https://linear.app/acme/issue/{id}", "Done", "completed")));

    public Task CommentAsync(string ticketId, string body, string key, CancellationToken ct)
    {
        Attempts++;
        if (Down) throw new TrackerUnavailableException("Linear", "Linear is down (503).", 503);
        if (Refusing.Contains(ticketId)) throw new ShipgateException(ExitCode.Error, $"Linear refused the comment on {ticketId}.");
        Comments.TryAdd(key, (ticketId, body));
        return Task.CompletedTask;
    }
}
