using Shipgate.Git;
using Shipgate.Record;

namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 5. Writes the release record (JSON and Markdown) into a commit on the archive branch with
/// git plumbing, then moves the archive branch and production in ONE atomic push with a lease on
/// each: both land or neither does, and a concurrent push is refused rather than overwritten.
/// The user's working tree, index and HEAD are never touched.
/// </summary>
public sealed class RecordAndPromote : IReleasePhase
{
    public string Name => "record and promote";

    public string? SkipReason(ReleaseContext context) => context.Options.DryRun ? "dry run" : null;

    public async Task<PhaseOutcome> RunAsync(ReleaseContext context, CancellationToken ct)
    {
        var config = context.Config;
        var tips = context.RequireTips;
        var plan = context.RequirePlan;
        var ci = context.RequireCi;
        var now = context.Now();
        var releaseId = RecordFiles.NewReleaseId(now, [.. context.ArchiveFiles, .. context.Trail.TakenPaths]);

        var record = RecordBuilder.Build(new RecordBuilder.Inputs(
            releaseId, now, context.RepositoryName,
            context.Releaser ?? throw new InvalidOperationException("pre-flight reads the releaser"),
            context.ReleaserLogin, config.ProductionBranch, config.StagingBranch, plan, ci,
            context.OpenPullRequests,
            [.. Checklist.Warnings(plan, ci, context.OpenPullRequests.Count, config.StagingBranch), .. context.Trail.Warnings],
            context.Confirmation ?? throw new InvalidOperationException("confirmation comes first"),
            context.Previous,
            context.Options.Emergency is { } reason ? new RecordEmergency(Rendering.SafeText.OneLine(reason), !ci.Passed) : null));
        var json = RecordFiles.ToJsonBytes(record);
        var markdown = System.Text.Encoding.UTF8.GetBytes(RecordMarkdown.Render(record, Checklist.Evaluate(plan, ci), context.ArchiveFileUrl));

        var git = context.Git;
        var recordCommit = await git.CommitFilesAsync(tips.Archive, new Dictionary<string, byte[]>
        {
            [RecordFiles.JsonPath(releaseId)] = json,
            [RecordFiles.MarkdownPath(releaseId)] = markdown,
        }, RecordBuilder.CommitMessage(record), config.Audit.Sign);
        var tag = await ReleaseTag.CreateAsync(git, record, json, config.ArchiveBranch);

        var refused = await git.PushAtomicAsync(config.Remote,
        [
            new RefUpdate("refs/heads/" + config.ArchiveBranch, recordCommit, tips.Archive),
            new RefUpdate("refs/heads/" + config.ProductionBranch, tips.Staging, tips.Production),
            tag,
        ]);
        if (refused is not null)
            throw new ShipgateException(ExitCode.Error,
                $"ERROR: the remote refused the release; it did not land, and Shipgate changed nothing ({config.ProductionBranch} and {config.ArchiveBranch} were not moved by it).\n\n" +
                $"{refused}\n\n" +
                $"Someone may have pushed to {config.ProductionBranch} or released at the same time. Run shipgate release again to review the new state.");

        context.Record = record;
        context.RecordCommit = recordCommit;
        context.Console.MarkupLine($"[green]Released:[/] {config.ProductionBranch} moved {tips.Production[..7]} -> {tips.Staging[..7]}; record {RecordFiles.JsonPath(releaseId)} committed to {config.ArchiveBranch} ({recordCommit[..7]}).");
        context.Console.WriteLine();
        return PhaseOutcome.Continue;
    }
}
