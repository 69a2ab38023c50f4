using System.Text.Json.Serialization;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Record;

namespace Shipgate.Freeze;

/// <summary>What holds now: the freeze record in force (who, when, why), the policy's window in force and the next one.</summary>
internal sealed record FreezeStatus(DateTimeOffset Now, FreezeRecord? Record, FreezePeriod? Window, FreezePeriod? Next)
{
    public bool Frozen => Record is not null || Window is not null;

    /// <summary>The freeze record in force on the remote's archive branch and the windows of the policy around <paramref name="now"/>.</summary>
    public static async Task<FreezeStatus> ReadAsync(GitRepository git, ShipgateConfig config, DateTimeOffset now, CancellationToken ct)
    {
        var heads = await git.RemoteHeadsAsync(config.Remote, [config.ArchiveBranch], ct);
        FreezeRecord? record = null;
        if (heads.GetValueOrDefault(config.ArchiveBranch) is { } archive)
        {
            await git.FetchObjectsAsync(config.Remote, [config.ArchiveBranch], ct);
            record = await FreezeTrail.InForceAsync(git, archive, await git.ListFilesAsync(archive, ct), ct);
        }
        return new FreezeStatus(now, record, FreezeCalendar.ActiveAt(config.Freeze, now), FreezeCalendar.Next(config.Freeze, now));
    }

    /// <summary>The document of <c>freeze status --json</c> (schemas/freeze-status.v1.json).</summary>
    public FreezeStatusDocument Document() => new(1, Frozen, Now,
        Record is { } r ? new FreezeRecordDocument(r.FreezeId, r.RecordedByLogin, r.Timestamp, r.Reason) : null,
        Window is { } w ? new FreezeWindowDocument(w.Name, w.Start, w.End) : null,
        Next is { } n ? new FreezeWindowDocument(n.Name, n.Start, n.End) : null);
}

internal sealed record FreezeStatusDocument(int SchemaVersion, bool Frozen, DateTimeOffset Now, FreezeRecordDocument? FreezeRecord,
    FreezeWindowDocument? ActiveWindow, FreezeWindowDocument? NextWindow);

internal sealed record FreezeRecordDocument(string FreezeId, string RecordedByLogin, DateTimeOffset Timestamp, string Reason);

internal sealed record FreezeWindowDocument(string Name, DateTimeOffset Start, DateTimeOffset End);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(FreezeStatusDocument))]
internal sealed partial class FreezeJson : JsonSerializerContext;
