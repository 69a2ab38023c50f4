using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Record;

namespace Shipgate.Audit;

/// <summary>
/// Records the acknowledgement of commits pushed straight to production, by someone other than
/// each commit's author, as a link of the archive branch's hash chain. Verify then lists those
/// commits as reviewed exceptions instead of failing on them.
/// </summary>
internal static class DirectPushReview
{
    public static async Task<ReviewRecord> RecordAsync(GitRepository git, ShipgateConfig config, string repositoryName,
        IReadOnlyList<string> shas, Reviewer reviewer, string note, AllowedSigners? signers, DateTimeOffset now, CancellationToken ct,
        IPushHistory? witness = null)
    {
        var facts = await TrailReader.ReadAsync(git, config, repositoryName, allowedSignersFile: null, ct);
        var verdict = TrailVerifier.Verify(facts, now, config.Audit.ReviewWithin);
        var pushes = Select(shas, facts, verdict);
        if (pushes.FirstOrDefault(p => SeparationOfDuties.IsAuthor(reviewer, p.AuthorEmail)) is { } push)
            throw new ShipgateException(ExitCode.Blocked,
                $"BLOCKED: you cannot acknowledge {Sha.Short(push.Sha)} \"{push.Subject}\": you ({reviewer.Email}) wrote it, " +
                "and a direct push is acknowledged by " +
                $"someone other than its author (separation of duties).\n\nAsk another person to run, in their own clone: " +
                $"shipgate audit review --direct-push {string.Join(' ', pushes.Select(p => p.Sha[..12]))} --note <url or text>\nNothing was recorded.");
        var proven = await ReviewerProofs.ProveAsync(git, config, reviewer, signers, ct);
        var counterparts = (await ReviewerProofs.PushersAsync(git, pushes, ct))
            .Concat(await ReviewerProofs.WitnessedPushersAsync(witness, facts, pushes, ct));
        if (counterparts.Select(p => SeparationOfDuties.ProofConflict(proven, p)).OfType<string>().FirstOrDefault()
            is { } conflict)
            throw new ShipgateException(ExitCode.Blocked,
                $"BLOCKED: you cannot acknowledge these direct pushes: {conflict}, and a direct push is acknowledged by someone other than " +
                "its author and its pusher (separation of duties).\nNothing was recorded.");

        var archive = await ReviewChain.ReadAsync(git, config, "this acknowledgement", ct);
        return await ReviewChain.AppendAsync(git, config, archive, "this acknowledgement",
            state => ReviewChain.NewReview(state, ReviewKind.DirectPushReview, reviewer, note, now) with
            {
                DirectPushes = pushes.Select(p => new RecordDirectPush(p.Sha, p.Subject, p.Author, p.AuthorEmail)).ToList(),
                ReviewerProof = proven.Proof,
            },
            review => $"review: direct push {string.Join(", ", pushes.Select(p => Sha.Short(p.Sha)))} acknowledged by {review.ReviewedBy}",
            ct, proven, signers);
    }

    /// <summary>
    /// The direct pushes the given shas (full or abbreviated, at least 7 hex digits) name, in the
    /// order given; anything else is a usage error that says what the sha is instead. Pure.
    /// </summary>
    internal static IReadOnlyList<DirectPush> Select(IReadOnlyList<string> shas, TrailFacts facts, TrailVerdict verdict)
    {
        if (verdict.Releases == 0)
            throw new UsageException(
                $"No release is recorded on {facts.ArchiveBranch} yet: direct pushes count from the first release on; there is nothing to acknowledge.");
        var result = new List<DirectPush>();
        foreach (var text in shas.Select(s => s.Trim().ToLowerInvariant()).Distinct())
        {
            if (text.Length is < 7 or > 64 || !text.All(Uri.IsHexDigit))
                throw new UsageException($"--direct-push {text}: give a commit sha (at least 7 hex digits).");
            var onMain = facts.MainSinceFirstRelease.Where(c => c.Sha.StartsWith(text, StringComparison.Ordinal)).ToList();
            if (onMain.Count > 1)
                throw new UsageException($"--direct-push {text} is ambiguous on {facts.ProductionBranch}; give more of the sha.");
            if (onMain.Count == 0)
                throw new UsageException(
                    $"--direct-push {text} is not a commit of {facts.ProductionBranch} since the first release; there is nothing to acknowledge.");
            var sha = onMain[0].Sha;
            if (verdict.ReviewedDirectPushes.FirstOrDefault(r => r.Push.Sha == sha) is { } done)
                throw new UsageException($"--direct-push {Sha.Short(sha)} was already acknowledged in {done.ReviewId} by {done.ReviewedBy}.");
            result.Add(verdict.DirectPushes.FirstOrDefault(p => p.Sha == sha) ?? throw new UsageException(
                $"--direct-push {Sha.Short(sha)} was released with a release record; " +
                $"only commits pushed straight to {facts.ProductionBranch} need this review."));
        }
        return result;
    }
}
