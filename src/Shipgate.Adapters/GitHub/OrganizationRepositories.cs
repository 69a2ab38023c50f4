using System.Text.Json;
using System.Text.Json.Serialization;
using Shipgate.Audit.Org;
using Shipgate.Integrations;

namespace Shipgate.GitHub;

/// <summary>
/// The repositories of a GitHub organisation that have the archive branch, for <c>audit verify --org</c> and
/// <c>audit report --org</c>: GraphQL pages of <see cref="PageSize"/>, each repository with the archive branch's ref
/// (null when it has none), so R repositories cost ceil(R/100) requests (one for none).
/// </summary>
internal static class OrganizationRepositories
{
    public const int PageSize = 100;

    /// <summary>One page's document; the archive branch and the cursor are JSON-encoded into it, never spliced raw.</summary>
    public static string Query(string archiveBranch, string? after) =>
        "query($login: String!) { organization(login: $login) { " +
        $"repositories(first: {PageSize}{(after is null ? "" : $", after: \"{JsonEncodedText.Encode(after)}\"")}) {{ " +
        "pageInfo { hasNextPage endCursor } " +
        $"nodes {{ nameWithOwner url isArchived ref(qualifiedName: \"refs/heads/{JsonEncodedText.Encode(archiveBranch)}\") {{ name }} }} }} }} }}";

    /// <summary>Every repository of <paramref name="login"/> with the archive branch, in GitHub's order; its git URL is its web URL.</summary>
    private static UsageException NoSuchOrganisation(string login) =>
        new($"GitHub has no organisation {login} that the token can see. Check --org (the organisation's login) and that the token may read it.");

    public static async Task<IReadOnlyList<RepositorySource>> ListAsync(GitHubHttp http, string login, string archiveBranch, CancellationToken ct)
    {
        var found = new List<RepositorySource>();
        string? after = null;
        do
        {
            OrganizationWire page;
            try
            {
                page = await http.GraphQLAsync(Query(archiveBranch, after), new Dictionary<string, string> { ["login"] = login },
                    OrganizationJson.Default.OrganizationWire, ct);
            }
            catch (ApiException e) when (e.Message.Contains("Could not resolve to an Organization", StringComparison.Ordinal))
            {
                throw NoSuchOrganisation(login);
            }
            var repositories = (page.Organization ?? throw NoSuchOrganisation(login)).Repositories;
            found.AddRange(repositories.Nodes.Where(r => r.Ref is not null).Select(r => new RepositorySource(r.Url, r.NameWithOwner)));
            after = repositories.PageInfo.HasNextPage
                ? repositories.PageInfo.EndCursor
                    ?? throw new ApiException(GitHubHttp.Service, "GitHub said there is a next page of repositories but gave no cursor.")
                : null;
        }
        while (after is not null);
        return found;
    }
}

internal sealed record OrganizationWire(OrganizationNode? Organization);

internal sealed record OrganizationNode(OrganizationRepositoryConnection Repositories);

internal sealed record OrganizationRepositoryConnection(PageInfoWire PageInfo, IReadOnlyList<OrganizationRepositoryNode> Nodes);

/// <param name="Ref">The archive branch; null when the repository has none (it does not release with Shipgate).</param>
internal sealed record OrganizationRepositoryNode(string NameWithOwner, string Url, bool IsArchived, BranchRefNode? Ref);

internal sealed record BranchRefNode(string Name);

/// <summary>The organisation's listing read as strictly as every other GitHub answer.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(OrganizationWire))]
internal sealed partial class OrganizationJson : JsonSerializerContext;
