using Shipgate.Config;
using Shipgate.Git;

namespace Shipgate.Audit;

/// <summary>One record as the next link of the archive it was built on: the record, its files (path to bytes) and the commit message.</summary>
internal sealed record ArchiveEntry<T>(T Record, IReadOnlyDictionary<string, byte[]> Files, string Message);

/// <summary>What one append adds and how (see <see cref="ArchiveAppender"/>).</summary>
/// <param name="Adding">What is added, for the broken-trail message ("this review").</param>
/// <param name="What">What is added, for the did-not-land message ("review record").</param>
/// <param name="Build">The record as the next link of the archive it is given. Called again on each retry, on the new tip.</param>
/// <param name="Sign">Whether the commit is signed.</param>
/// <param name="Next">What the user does when it did not land, if anything ("Run the command again.").</param>
/// <param name="CheckCommit">Checks the commit before it is pushed (a review's signature); throws to stop.</param>
/// <param name="Read">The archive as the caller already read it, used by the first attempt.</param>
internal sealed record ArchiveAppend<T>(string Adding, string What, Func<ArchiveState, ArchiveEntry<T>> Build, bool Sign,
    string? Next = null, Func<string, Task>? CheckCommit = null, ArchiveState? Read = null);

/// <summary>
/// Appends one record (a review, a deployment record) to the archive branch outside a release's own push: read the tip
/// (never onto a cut trail, <see cref="TrailGuard.RequireIntactAsync"/>), chain the record to the last link, one plumbing
/// commit, one push of that branch alone guarded by a lease. A lease lost to another record landing first is read again
/// and tried on the new tip, at most <see cref="Attempts"/> times in all; anything else fails at once. Nothing lands half-done:
/// the branch moves by one commit or not at all.
/// </summary>
internal static class ArchiveAppender
{
    /// <summary>How many times a record is tried in all when other records keep landing first.</summary>
    public const int Attempts = 3;

    public static Task<T> AppendAsync<T>(GitRepository git, ShipgateConfig config, ArchiveAppend<T> append, CancellationToken ct) =>
        AppendAtAsync(git, config, append.What, append.Next, append.Sign, append.CheckCommit, append.Read,
            token => ReviewChain.ReadAsync(git, config, append.Adding, token), archive => archive.Tip, append.Build, ct);

    /// <summary>
    /// The appender over any reading of the branch (<paramref name="read"/>; <paramref name="tipOf"/> null: the branch does not exist yet,
    /// and the commit creates it). An entry without files adds nothing: its record is the answer (what it would add is there already).
    /// </summary>
    public static async Task<T> AppendAtAsync<TState, T>(GitRepository git, ShipgateConfig config, string what, string? next, bool sign,
        Func<string, Task>? checkCommit, TState? first, Func<CancellationToken, Task<TState>> read, Func<TState, string?> tipOf,
        Func<TState, ArchiveEntry<T>> build, CancellationToken ct) where TState : class
    {
        PushOutcome pushed = new PushOutcome.Landed();
        var archive = first;
        var attempt = 0;
        while (attempt < Attempts)
        {
            attempt++;
            archive ??= await read(ct);
            var entry = build(archive);
            if (entry.Files.Count == 0) return entry.Record;
            var tip = tipOf(archive);
            var commit = await git.CommitFilesAsync(tip, entry.Files, entry.Message, sign, ct);
            if (checkCommit is { } check) await check(commit);
            pushed = await git.PushAtomicAsync(config.Remote, [new RefUpdate("refs/heads/" + config.ArchiveBranch, commit, tip)], ct);
            if (pushed is PushOutcome.Landed) return entry.Record;
            if (pushed is not PushOutcome.LostRace) break;
            archive = null;
        }
        var tries = pushed is PushOutcome.LostRace ? $" after {attempt} attempts: another record landed first each time" : "";
        throw new ShipgateException(ExitCode.Error,
            $"The {what} did not land on {config.ArchiveBranch}{tries}.\n\n{PushFacts.Describe(pushed)}" +
            (next is null ? "" : $"\n\n{next}"));
    }
}
