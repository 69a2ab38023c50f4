namespace Shipgate.Release;

/// <summary>schemas/release-result.v1.json when staging was not ahead: nothing was released, and why.</summary>
internal sealed record NothingReleasedJson(bool Released, string Reason);

/// <summary>schemas/release-result.v1.json after a release: where its record is, what shipped, the deployment and the comments.</summary>
/// <param name="ConfirmationChannel">terminal or mcp-elicitation (the record's names for it).</param>
internal sealed record ReleasedJson(
    bool Released, string ReleaseId, string RecordPath, string RecordLocation, string RecordCommit, string? Tag, string FromRef, string FromSha,
    string ToRef, string ToSha, IReadOnlyList<int> PullRequests, IReadOnlyList<string> LinearTickets, IReadOnlyList<string> JiraTickets,
    IReadOnlyList<string> Warnings, Record.ConfirmationChannel ConfirmationChannel, DeploymentJson? Deployment, TicketCommentsJson? TicketComments);

/// <summary>The deployment runs seen after the push (or why none), each in the state GitHub words it.</summary>
internal sealed record DeploymentJson(IReadOnlyList<DeploymentRunJson> Runs, string? Note);

internal sealed record DeploymentRunJson(long Id, string Name, string State, string Url);

/// <summary>The tickets commented on and those not, with why.</summary>
internal sealed record TicketCommentsJson(IReadOnlyList<string> Commented, IReadOnlyList<string> NotCommented, string? Note);
