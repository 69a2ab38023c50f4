using System.Text;

namespace Shipgate.Git;

/// <summary>What the remote holds, bringing its objects in without moving a ref, and the one atomic push.</summary>
internal sealed partial class GitRepository
{
    /// <summary>How long the remote is given to say where its refs are after a push that failed or was interrupted.</summary>
    private static readonly TimeSpan AfterPushBound = TimeSpan.FromSeconds(60);

    /// <summary>The remote's current tip of each branch; a branch the remote lacks is absent from the map.</summary>
    public async Task<IReadOnlyDictionary<string, string>> RemoteHeadsAsync(string remote, IEnumerable<string> branches, CancellationToken ct)
    {
        var args = new List<string> { "ls-remote", remote };
        args.AddRange(branches.Select(b => "refs/heads/" + b));
        var result = await git.TryRunAsync(args, ct: ct);
        if (result.ExitCode != 0)
            throw new GitException(git.Failure(args, result).Message + $"\nCheck that the remote '{remote}' exists and that you can reach it.");
        var heads = new Dictionary<string, string>();
        foreach (var line in result.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && parts[1].StartsWith("refs/heads/", StringComparison.Ordinal))
                heads[parts[1]["refs/heads/".Length..]] = parts[0];
        }
        return heads;
    }

    /// <summary>
    /// Brings the objects of the given remote branches, with their whole history, into the local
    /// object store without moving any ref (no remote-tracking update, no FETCH_HEAD): a dry run
    /// changes no ref. In a shallow clone (CI's <c>--depth 1</c>) the branches are deepened to their
    /// full history, since a history cut short makes main look diverged and the commit range wrong
    /// (commits of an old branch merged since would look new); only these branches are fetched whole.
    /// </summary>
    public async Task FetchObjectsAsync(string remote, IEnumerable<string> branches, CancellationToken ct)
    {
        var args = new List<string> { "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--refmap=" };
        if (await IsShallowAsync(ct)) args.Add("--unshallow");
        args.Add(remote);
        args.AddRange(branches.Select(b => "refs/heads/" + b));
        await git.RunAsync(args, ct: ct);
    }

    /// <summary>
    /// Brings in the objects of the remote's <paramref name="heads"/> (branch name to the sha ls-remote gave) without moving
    /// any ref; false when they are still missing afterwards (the remote moved meanwhile). A repository that already holds
    /// every tip, and is not shallow, holds their history too: it is not fetched again (a second round trip to the remote).
    /// </summary>
    public async Task<bool> BringObjectsAsync(string remote, IReadOnlyDictionary<string, string> heads, CancellationToken ct)
    {
        if (!await IsShallowAsync(ct) && await HasObjectsAsync(heads.Values, ct))
            return true;
        await FetchObjectsAsync(remote, heads.Keys, ct);
        return await HasObjectsAsync(heads.Values, ct);
    }

    /// <summary>The remote's tags matching <paramref name="pattern"/> (e.g. <c>refs/tags/release-*</c>): full ref name to the sha it holds.</summary>
    public async Task<IReadOnlyDictionary<string, string>> RemoteTagsAsync(string remote, string pattern, CancellationToken ct)
    {
        string[] args = ["ls-remote", "--tags", remote, pattern];
        var result = await git.TryRunAsync(args, ct: ct);
        if (result.ExitCode != 0)
            throw new GitException(git.Failure(args, result).Message + $"\nCheck that the remote '{remote}' exists and that you can reach it.");
        return result.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 2 && !parts[1].EndsWith("^{}", StringComparison.Ordinal))
            .ToDictionary(parts => parts[1], parts => parts[0]);
    }

    /// <summary>
    /// Fetches the objects of the given remote tags (ref name to sha, as <see cref="RemoteTagsAsync"/>
    /// read them) without creating or moving any ref, and reads each: one fetch and one cat-file.
    /// </summary>
    public async Task<IReadOnlyList<TagObject>> FetchTagObjectsAsync(string remote, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        if (tags.Count == 0) return [];
        var refs = tags.ToList();
        var objects = await ReadObjectsAsync(refs.Select(t => t.Value).ToList(), ct);
        // Only the tags not yet here are fetched: a fetch naming a thousand refs costs seconds even when it brings nothing.
        var missing = refs.Where((_, i) => objects[i] is null).Select(t => t.Key).ToList();
        if (missing.Count > 0)
        {
            await git.RunAsync(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--refmap=", "--stdin", remote],
                Encoding.UTF8.GetBytes(string.Concat(missing.Select(name => name + "\n"))), ct: ct);
            objects = await ReadObjectsAsync(refs.Select(t => t.Value).ToList(), ct);
        }
        return refs.Select((tag, i) => objects[i] is { } found
                ? TagObject.Parse(tag.Key, tag.Value, found.Type, Encoding.UTF8.GetString(found.Bytes))
                : throw new GitException($"The object of {tag.Key} ({tag.Value}) could not be read after fetching it from '{remote}'."))
            .ToList();
    }

    /// <summary>
    /// Moves all refs on the remote in ONE atomic push, each guarded by a lease on its expected old
    /// value: either every ref moves or none does, and a ref someone else moved is never overwritten.
    /// A push that did not answer "done" (refused, interrupted by Ctrl-C, a dropped connection) may
    /// still have landed, or lost a race: the remote is asked afterwards, and the outcome says which.
    /// </summary>
    public async Task<PushOutcome> PushAtomicAsync(string remote, IReadOnlyList<RefUpdate> updates, CancellationToken ct)
    {
        var args = new List<string> { "push", "--atomic", "--porcelain", remote };
        foreach (var update in updates)
            args.Add($"--force-with-lease={update.Ref}:{update.ExpectedOldSha ?? ""}");
        foreach (var update in updates)
            args.Add($"{update.NewSha}:{update.Ref}");
        PushAnswer? answer;
        try
        {
            var result = await git.TryRunAsync(args, ct: ct);
            if (result.ExitCode == 0) return new PushOutcome.Landed();
            // At a terminal, Ctrl-C reaches git itself, which then dies of SIGINT (128 + 2) before it answers.
            answer = result.ExitCode == 130 ? null : PushAnswer.Read(git.Redact(result.Text), git.Redact(result.Error));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            answer = null;
        }

        var lsRemote = await AskAfterPushAsync(["ls-remote", remote, .. updates.Select(u => u.Ref)]);
        if (ct.IsCancellationRequested && answer is { Rejected.Count: 0 })
            answer = null; // git failed because Ctrl-C stopped it, not because the remote said no

        if (lsRemote is not { ExitCode: 0 })
            return PushJudgement.Judge(updates, answer, null, lsRemote is null ? "no answer" : git.Failure(["ls-remote"], lsRemote).Message);
        var now = lsRemote.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t'))
            .Where(p => p.Length == 2).ToDictionary(p => p[1], p => p[0]);
        return PushJudgement.Judge(updates, answer, now);
    }

    /// <summary>
    /// What the remote holds after a push is asked even after Ctrl-C (the push may have landed), within a
    /// bound of its own; null when no answer came within it.
    /// </summary>
    private async Task<GitResult?> AskAfterPushAsync(IReadOnlyList<string> args)
    {
        using var bound = new CancellationTokenSource(AfterPushBound);
        try
        {
            return await git.TryRunAsync(args, ct: bound.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

}
