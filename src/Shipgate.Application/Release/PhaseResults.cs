using Shipgate.Audit;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Record;

namespace Shipgate.Release;

/// <summary>The remote's branch tips as read at the start: what is released, and the leases of the push.</summary>
internal sealed record RemoteTips(string Staging, string Production, string? Archive);

/// <summary>Pre-flight's first step: the remote's tips, read once and fetched, and who releases. All that follows depends on these.</summary>
/// <param name="Identity">Null in a dry run, which records nothing and so needs no identity.</param>
/// <param name="GitReads">Gather's git reads of the range, started as soon as the tips were fetched; the lookups own them.</param>
internal sealed record TipsRead(RemoteTips Tips, GitIdentity? Identity, HeadStart<GitFacts> GitReads);

/// <summary>What git says of the release range: its commits, the diff's counts, the archive branch's files and the chain's last link.</summary>
/// <param name="Previous">The last link of the hash chain, null before the first record.</param>
/// <param name="PreviousWord">The last release's confirmation word, never drawn again.</param>
/// <param name="UnreadableRelease">The last release whose record is not valid JSON (so its word is unknown): gather warns of it.</param>
internal sealed record GitFacts(
    IReadOnlyList<Commit> Commits, DiffStat Diff, IReadOnlyList<string> ArchiveFiles, PreviousRelease? Previous, string? PreviousWord,
    string? UnreadableRelease = null);

/// <summary>Who makes the release: the git identity, and the GitHub login behind the token when GitHub says.</summary>
internal sealed record Releaser(GitIdentity Identity, string? Login);

/// <summary>Phase 1's result: the remote's tips, CI on staging's head, the open PRs left out, and what the release does to the policy.</summary>
/// <param name="Releaser">Null in a dry run, which records nothing and so needs no identity.</param>
/// <param name="PolicyChange">The release policy file as production has it against staging's: a change governs the next release, not this one.</param>
/// <param name="Trail">The audit trail as pre-flight found it: what an emergency release records as broken, and the release ids tags hold.</param>
internal sealed record Preflighted(
    RemoteTips Tips, CiResult Ci, IReadOnlyList<OpenPullRequest> OpenPullRequests, Releaser? Releaser, PolicyChange PolicyChange, TrailHealth Trail);

/// <summary>Phase 2's result: what ships, every gap the record will note, and the chain the record extends.</summary>
/// <param name="ArchiveFiles">Every path on the archive branch (compliance archives, earlier records).</param>
/// <param name="Previous">The last link of the hash chain, null before the first record.</param>
/// <param name="PreviousWord">The last release's confirmation word, never drawn again.</param>
internal sealed record Gathered(ReleasePlan Plan, IReadOnlyList<Gap> Gaps, IReadOnlyList<string> ArchiveFiles, PreviousRelease? Previous, string? PreviousWord);

/// <summary>Phase 5's result: the release happened. From here on nothing may report it as failed.</summary>
internal sealed record Released(ReleaseRecord Record, string RecordCommit);

/// <summary>What the deployment check saw of the workflow runs of the new production commit.</summary>
/// <param name="Note">A warning or why nothing was checked; null when the runs say it all.</param>
internal sealed record DeploymentSeen(IReadOnlyList<WorkflowRun> Runs, string? Note);

/// <summary>Which released tickets got their release comment.</summary>
internal sealed record TicketComments(IReadOnlyList<string> Commented, IReadOnlyList<string> NotCommented, string? Note);

/// <summary>What a release run found and did, for --json and the MCP tools; a part is null when the run did not reach it.</summary>
/// <param name="Gathered">Null: there was nothing to release.</param>
/// <param name="Code">The run's exit code: 7 when --wait saw the deployment fail or not finish (the release stays made).</param>
internal sealed record ReleaseOutcome(
    Gathered? Gathered, Released? Released = null, DeploymentSeen? Deployment = null, TicketComments? Comments = null, ExitCode Code = ExitCode.Success);

/// <summary>What the phases after the push did; a part is null when they did not reach it (a failure or Ctrl-C after the push).</summary>
internal sealed record AfterRelease(DeploymentSeen? Deployment, TicketComments? Comments, ExitCode Code);
