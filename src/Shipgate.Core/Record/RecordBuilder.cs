using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Release;

namespace Shipgate.Record;

/// <summary>Builds the <see cref="ReleaseRecord"/> from what the release gathered and what the user confirmed. Pure.</summary>
internal static class RecordBuilder
{
    public sealed record Inputs(
        string ReleaseId,
        DateTimeOffset Timestamp,
        string Repository,
        GitIdentity Releaser,
        string? ReleaserLogin,
        string ProductionBranch,
        string StagingBranch,
        ReleasePlan Plan,
        CiResult Ci,
        IReadOnlyList<OpenPullRequest> OpenPullRequests,
        IReadOnlyList<string> Warnings,
        RecordConfirmation Confirmation,
        PreviousRelease? Previous,
        RecordEmergency? Emergency = null,
        ReleasePolicy? Policy = null,
        PolicyChange? PolicyChange = null,
        IReadOnlyList<ServiceEndpoint>? Services = null);

    public static ToolInfo Tool { get; } = new("shipgate",
        typeof(RecordBuilder).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    public static ReleaseRecord Build(Inputs input)
    {
        var plan = input.Plan;
        var prByCommit = new Dictionary<string, int>();
        foreach (var pr in plan.PullRequests)
            foreach (var sha in pr.Commits)
                prByCommit.TryAdd(sha, pr.Number);

        return new ReleaseRecord
        {
            ReleaseId = input.ReleaseId,
            Timestamp = input.Timestamp.ToUniversalTime(),
            Repository = input.Repository,
            Tool = Tool,
            ReleasedBy = input.Releaser.Name,
            ReleasedByEmail = input.Releaser.Email,
            ReleasedByLogin = input.ReleaserLogin,
            FromRef = input.ProductionBranch,
            FromSha = plan.FromSha,
            ToRef = input.StagingBranch,
            ToSha = plan.ToSha,
            CommitsCount = plan.Commits.Count,
            MergeCommitsCount = plan.MergeCommitCount,
            FilesChanged = plan.Diff.FilesChanged,
            Insertions = plan.Diff.Insertions,
            Deletions = plan.Diff.Deletions,
            Commits = plan.Commits.Select(c => new RecordCommit(c.Sha, c.Subject, c.AuthorName, c.AuthorEmail, c.CommittedAt.ToUniversalTime(),
                prByCommit.TryGetValue(c.Sha, out var n) ? n : null)).ToList(),
            PullRequests = plan.PullRequests.Select(p => new RecordPullRequest(p.Number, p.Title, p.Url, p.Author, p.MergedAt?.ToUniversalTime(),
                p.ComplianceArchive, p.MergedBy, p.MergedAs, p.MergeCommitSha, p.HeadBranch, p.Tickets,
                p.IndependentlyApproved, p.Approvers, p.ApprovedBeforeLaterCommits.Count > 0 ? p.ApprovedBeforeLaterCommits : null)).ToList(),
            LinearTickets = TicketsOf(plan, TicketSystem.Linear),
            JiraTickets = TicketsOf(plan, TicketSystem.Jira),
            ChangeSummary = plan.Areas.ToDictionary(a => a.Id, a => a.Changes),
            AreaTitles = plan.Areas.ToDictionary(a => a.Id, a => a.Title),
            UnspeccedChanges = plan.Unspecced.Select(u => new RecordUnspecced(u.Kind, u.Reference, u.Description)).ToList(),
            ControlChanges = RecordControlChange.Of(plan.ControlChanges),
            CiStatus = new RecordCiStatus(input.Ci.Sha, JsonNames.Of(input.Ci.Status),
                input.Ci.Checks.Where(c => c.Passed).Select(c => c.Name).ToList(),
                input.Ci.Checks.Select(c => new RecordCiCheck(c.Name, c.Conclusion, c.Passed)).ToList(),
                input.Ci.UnverifiedReason),
            OpenPrs = input.OpenPullRequests.Select(p => new RecordOpenPullRequest(p.Number, p.Title, p.Author, p.Url)).ToList(),
            Warnings = input.Warnings,
            Emergency = input.Emergency,
            Confirmation = input.Confirmation,
            PreviousRelease = input.Previous,
            Policy = input.Policy is { } policy ? PolicyOf(policy, input.PolicyChange) : null,
            Tag = ReleaseTag.RefName(input.ReleaseId),
            Services = input.Services?.Select(e => new RecordService(e.Service, e.Url.AbsoluteUri, e.NamedBy)).ToList(),
            Levels = input.Policy?.Config.Audit.Sign == true ? ["chained", "signed"] : ["chained"],
        };
    }

    private static IReadOnlyList<RecordTicket> TicketsOf(ReleasePlan plan, TicketSystem system) =>
        [.. plan.Tickets.Where(t => t.System == system).Select(t => new RecordTicket(t.Id, t.Title, t.Url, t.Status, t.StateType, t.Check))];

    private static RecordPolicy PolicyOf(ReleasePolicy policy, PolicyChange? change)
    {
        var (source, config) = (policy.Source, policy.Config);
        return new RecordPolicy(
            new RecordPolicySource(source.Ref, source.Commit, source.Path, source.BlobSha, source.StagingFallback),
            config.GitHub.RequiredChecks, config.GitHub.ApiUrl, config.LinearApiUrl, config.GitHub.RequireIndependentReview,
            change?.Changed ?? false, config.Jira.Site);
    }

    /// <summary>The archive commit's message, as the seed writes it.</summary>
    public static string CommitMessage(ReleaseRecord record) =>
        $"release: {record.Timestamp.UtcDateTime:yyyy-MM-dd} - {record.PullRequests.Count} PRs, {record.Tickets.Count()} tickets\n\n" +
        $"Release-Id: {record.ReleaseId}\nFrom: {record.FromRef} {record.FromSha}\nTo: {record.ToRef} {record.ToSha}\n";
}
