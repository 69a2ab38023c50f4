using System.Text.Json;
using Shipgate.Git;
using Shipgate.Record;

namespace Shipgate.Release;

/// <summary>
/// <c>shipgate release --resume &lt;release-id&gt;</c>: finishes a release that was made (its record is on the
/// archive branch and production contains it) by running the phases after the push again: the
/// deployment check and the ticket comments, which are idempotent. Nothing is pushed.
/// Fails: usage (exit 2) for an unknown release; exit 1 when the record does not match production.
/// </summary>
internal static class Resume
{
    public static async Task<ExitCode> RunAsync(ReleaseContext context, string releaseId, CancellationToken ct)
    {
        var config = context.Config;
        var git = context.Git;
        var heads = await git.RemoteHeadsAsync(config.Remote, [config.ProductionBranch, config.ArchiveBranch], ct);
        var archive = heads.GetValueOrDefault(config.ArchiveBranch)
            ?? throw new UsageException(
                $"The remote '{config.Remote}' has no archive branch '{config.ArchiveBranch}', so there is no release {releaseId} to resume.");
        var production = heads.GetValueOrDefault(config.ProductionBranch)
            ?? throw new UsageException($"The remote '{config.Remote}' has no branch '{config.ProductionBranch}'.");
        await git.FetchObjectsAsync(config.Remote, heads.Keys, ct);

        var path = RecordFiles.JsonPath(releaseId);
        var files = await git.ReadFilesAsync(archive, [path], ct);
        if (!files.TryGetValue(path, out var bytes))
            throw new UsageException($"There is no release record {path} on {config.ArchiveBranch}. Give the id of a release already made " +
                "(the 'Release ID' it showed), " +
                $"e.g. {RecordFiles.ReleaseIds(await git.ListFilesAsync(archive, ct)).LastOrDefault() ?? "release-YYYY-MM-DD-HHMMSS"}.");
        ReleaseRecord record;
        try
        {
            record = RecordFiles.FromJsonBytes(bytes) ?? throw new JsonException("empty");
        }
        catch (JsonException)
        {
            throw new ShipgateException(ExitCode.TrailBroken, $"The record {path} is not a valid release record. Run shipgate audit verify.");
        }
        if (!await git.IsAncestorAsync(record.ToSha, production, ct))
            throw new ShipgateException(ExitCode.Error,
                $"{config.ProductionBranch} on '{config.Remote}' does not contain {Sha.Short(record.ToSha)}, the commit {releaseId} released. " +
                "Nothing was resumed; run shipgate audit verify to see what happened to production.");

        var recordCommit = await git.LastCommitTouchingAsync(archive, path, ct);
        context.Console.WriteLine(
            $"Resuming {releaseId}: {config.ProductionBranch} contains {Sha.Short(record.ToSha)}; checking the deployment and the ticket comments.");
        context.Console.WriteLine();
        return (await ReleasePipeline.AfterReleaseAsync(context, new Released(record, recordCommit), ct)).Code;
    }
}
