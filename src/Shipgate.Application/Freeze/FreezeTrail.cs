using Shipgate.Audit;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Freeze;

/// <summary>
/// Freeze records on the archive branch: the one in force (the last, when it started a freeze), and a new one appended by
/// <see cref="ArchiveAppender"/> (one plumbing commit, one push of the archive branch under a lease, retried on the new tip).
/// </summary>
internal static class FreezeTrail
{
    /// <summary>The freeze record in force at an archive commit: the last freeze record, when it is a start; else null.</summary>
    public static async Task<FreezeRecord?> InForceAsync(GitRepository git, string archive, IReadOnlyList<string> files, CancellationToken ct)
    {
        if (RecordFiles.ChainIds(files).LastOrDefault(RecordFiles.IsFreezeId) is not { } last) return null;
        var record = RecordFiles.FreezeFromJsonBytes(await git.ReadFileAsync(archive, RecordFiles.JsonPath(last), ct));
        return record?.Action == FreezeAction.Start ? record : null;
    }

    /// <summary>
    /// Starts or ends a freeze by <paramref name="login"/> (proven by the token) with <paramref name="reason"/>: refused (exit 3,
    /// nothing written) when a start finds a freeze in force or an end finds none, read again on every attempt.
    /// </summary>
    public static async Task<FreezeRecord> AppendAsync(GitRepository git, ShipgateConfig config, FreezeAction action, string reason, string login,
        DateTimeOffset now, CancellationToken ct)
    {
        var recorder = await git.IdentityAsync(ct);
        var adding = action == FreezeAction.Start ? "this freeze" : "the end of this freeze";
        if (!(await git.RemoteHeadsAsync(config.Remote, [config.ArchiveBranch], ct)).ContainsKey(config.ArchiveBranch))
            throw new UsageException($"The remote has no {config.ArchiveBranch} branch: freeze records chain onto the release trail, " +
                "so the first release comes before the first freeze. Nothing was written.");
        var first = await ReviewChain.ReadAsync(git, config, adding, ct);
        var inForce = await InForceAsync(git, first.Tip, first.Files, ct);
        Refuse(action, inForce);
        return await ArchiveAppender.AppendAsync(git, config, new ArchiveAppend<FreezeRecord>(adding, "freeze record", archive =>
        {
            var at = RecordFiles.RecordTime(now);
            var record = new FreezeRecord
            {
                FreezeId = RecordFiles.NewFreezeId(at, archive.Files),
                Action = action,
                Reason = SafeText.OneLine(reason),
                Timestamp = at,
                RecordedByLogin = login,
                RecordedBy = string.IsNullOrWhiteSpace(recorder.Name) ? "unknown" : recorder.Name,
                RecordedByEmail = recorder.Email,
                Ends = action == FreezeAction.End ? inForce?.FreezeId : null,
                Tool = RecordBuilder.Tool,
                PreviousRelease = archive.ChainTip,
            };
            return new ArchiveEntry<FreezeRecord>(record, new Dictionary<string, byte[]>
            {
                [RecordFiles.JsonPath(record.FreezeId)] = RecordFiles.ToJsonBytes(record),
                [RecordFiles.MarkdownPath(record.FreezeId)] = System.Text.Encoding.UTF8.GetBytes(FreezeMarkdown.Of(record)),
            }, $"freeze: {Integrations.JsonNames.Of(action)} by {login}\n\nFreeze-Id: {record.FreezeId}\n");
        }, config.Audit.Sign, "Run the command again.", Read: first), ct);
    }

    private static void Refuse(FreezeAction action, FreezeRecord? inForce)
    {
        if (action == FreezeAction.Start && inForce is not null)
            throw new ShipgateException(ExitCode.Blocked, $"Nothing was written: {FreezeText.Manual(inForce)}.");
        if (action == FreezeAction.End && inForce is null)
            throw new ShipgateException(ExitCode.Blocked,
                "Nothing was written: no freeze is in force (no shipgate freeze start without an end). Freeze windows of the release policy " +
                "end by themselves; change .shipgate.yml to end one early.");
    }
}
