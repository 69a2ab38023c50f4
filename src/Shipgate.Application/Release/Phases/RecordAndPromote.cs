using System.Text;
using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 5, execute. Writes the release record (JSON and Markdown) into a commit on the archive branch
/// with git plumbing, then moves the archive branch and production and creates the release's tag in ONE
/// atomic push with a lease on each: all land or none does, and a concurrent push is refused rather than overwritten. The
/// user's working tree, index and HEAD are never touched.
/// Skipped: in a dry run. Fails: <see cref="PromotionFailure"/> says truly what happened when the push did not land.
/// </summary>
internal static class RecordAndPromote
{
    public static async Task<Released> RunAsync(ReleaseContext context, Preflighted preflighted, Gathered gathered, RecordConfirmation confirmation,
        CancellationToken ct)
    {
        var config = context.Config;
        var tips = preflighted.Tips;
        var releaser = Actions.GitHubEnvironmentConfirmation.Releaser(confirmation, preflighted.Releaser)
            ?? preflighted.Releaser ?? throw new InvalidOperationException("pre-flight reads the releaser of a release");
        var now = context.Now();
        var git = context.Git;
        var archive = new ArchiveBase(tips.Archive, gathered.ArchiveFiles, gathered.Previous);
        var checklist = Gaps.Checklist(gathered.Gaps, gathered.Plan.ReviewsKnown, policyCompared: true, controlsJudged: true);
        for (var attempt = 1; ; attempt++)
        {
            // A tag can outlive a lost archive branch: its release id is taken too.
            var releaseId = RecordFiles.NewReleaseId(now, [.. archive.Files, .. preflighted.Trail.TakenPaths]);
            var record = RecordBuilder.Build(new RecordBuilder.Inputs(
                releaseId, now, context.RepositoryName, releaser.Identity, releaser.Login,
                config.ProductionBranch, config.StagingBranch, gathered.Plan, preflighted.Ci, preflighted.OpenPullRequests,
                Gaps.Warnings(gathered.Gaps, config.StagingBranch), confirmation, archive.Previous,
                context.Options.Emergency is { } reason ? new RecordEmergency(SafeText.OneLine(reason), !preflighted.Ci.Passed) : null,
                context.Policy, preflighted.PolicyChange, context.ServiceEndpoints));
            var json = RecordFiles.ToJsonBytes(record);
            var markdown = Encoding.UTF8.GetBytes(RecordMarkdown.Render(record, checklist, context.ArchiveFileUrl));

            var recordCommit = await git.CommitFilesAsync(archive.Tip, new Dictionary<string, byte[]>
            {
                [RecordFiles.JsonPath(releaseId)] = json,
                [RecordFiles.MarkdownPath(releaseId)] = markdown,
            }, RecordBuilder.CommitMessage(record), config.Audit.Sign, ct);
            var tag = await ReleaseTagObject.CreateAsync(git, record, json, config.ArchiveBranch, config.Audit.Sign, ct);

            var outcome = await git.PushAtomicAsync(config.Remote,
            [
                new RefUpdate("refs/heads/" + config.ArchiveBranch, recordCommit, archive.Tip),
                new RefUpdate("refs/heads/" + config.ProductionBranch, tips.Staging, tips.Production),
                tag,
            ], ct);
            // Only records appended to the archive branch meanwhile: the record is built again on the new tip, a bounded number of times.
            // Dated anew: the record comes after what landed meanwhile.
            var retryAt = context.Now();
            if (attempt < ArchiveAppendedMeanwhile.Attempts && await ArchiveAppendedMeanwhile.NewBaseAsync(git, config, tips, archive, outcome, retryAt, ct) is { } appended)
            {
                (archive, now) = (appended, retryAt);
                continue;
            }
            if (PromotionFailure.From(outcome, config) is { } failure)
                throw failure;
            Announce(context, tips, releaseId, recordCommit);
            return new Released(record, recordCommit);
        }
    }

    private static void Announce(ReleaseContext context, RemoteTips tips, string releaseId, string recordCommit)
    {
        var config = context.Config;
        context.Console.MarkupLine(
            $"[green]Released:[/] {Markup.Escape(config.ProductionBranch)} moved {Sha.Short(tips.Production)} -> {Sha.Short(tips.Staging)}; " +
            $"record {RecordFiles.JsonPath(releaseId)} committed to {Markup.Escape(config.ArchiveBranch)} ({Sha.Short(recordCommit)}).");
        context.Console.WriteLine();
    }
}
