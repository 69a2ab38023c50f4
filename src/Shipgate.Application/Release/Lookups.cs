using Shipgate.Integrations;

namespace Shipgate.Release;

/// <summary>
/// What depends on the remote's tips alone, started together as soon as they are read: GitHub's CI verdict
/// on staging's head, the open PRs and the login behind the token, Linear's team keys and Jira's project keys, and git's reads of the
/// release range. Network time is then the slowest of them, not their sum, and git works meanwhile.
/// Each is awaited where its result is needed, in the order the release always asked them, so the failure
/// reported is the first in that order. Disposing cancels whatever is still under way and waits for it:
/// nothing outlives the run, and Ctrl-C (the run's token) stops them all.
/// </summary>
internal sealed class Lookups : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;

    private Lookups(ReleaseContext context, TipsRead read, CancellationTokenSource stop)
    {
        _stop = stop;
        var ct = stop.Token;
        var config = context.Config;
        var staging = read.Tips.Staging;
        if (context.CodeHost.TryGet(out var host))
        {
            Ci = host.GetCiVerdictAsync(staging, config.GitHub.RequiredChecks, ct);
            OpenPullRequests = host.GetOpenPullRequestsAsync(config.StagingBranch, ct);
            if (read.Identity is not null) Login = host.GetViewerLoginAsync(ct);
        }
        Routing = TicketLookup.RouteAsync(context, ct);
        _gitReads = read.GitReads;
        Git = read.GitReads.Task;
    }

    private readonly HeadStart<GitFacts> _gitReads;

    /// <summary>CI on staging's head; null without a code host.</summary>
    public Task<CiVerdict>? Ci { get; }

    /// <summary>Open PRs targeting staging; null without a code host.</summary>
    public Task<IReadOnlyList<OpenPullRequest>>? OpenPullRequests { get; }

    /// <summary>The login behind the token; null in a dry run or without a code host.</summary>
    public Task<string?>? Login { get; }

    /// <summary>Which ticket keys each tracker owns: the policy's lists, else what Linear's teams and Jira's projects are.</summary>
    public Task<TicketRouting> Routing { get; }

    public Task<GitFacts> Git { get; }

    public static Lookups Start(ReleaseContext context, TipsRead read, CancellationToken ct) =>
        new(context, read, CancellationTokenSource.CreateLinkedTokenSource(ct));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task[] all = [.. new Task?[] { Ci, OpenPullRequests, Login, Routing, Git }.OfType<Task>()];
        try
        {
            await Task.WhenAll(all);
        }
        catch (Exception)
        {
            // Seen where it mattered, or cut short because the run ended without it.
        }
        await _gitReads.DisposeAsync();
        _stop.Dispose();
    }
}
