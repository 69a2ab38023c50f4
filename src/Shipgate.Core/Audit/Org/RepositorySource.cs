namespace Shipgate.Audit.Org;

/// <summary>
/// One repository of the organisation whose trail is verified: where git fetches it from and what it is called
/// until its own release policy names it.
/// </summary>
/// <param name="Url">What git fetches: a URL, or a local repository as a <c>file://</c> URL (so partial fetches work).</param>
/// <param name="Given">As the operator wrote it (a line of --repos, or GitHub's name), without a user part or query: what messages call it.</param>
internal sealed record RepositorySource(string Url, string Given);
