namespace Shipgate.GitHub;

/// <summary>The body of a GraphQL POST.</summary>
internal sealed record GraphQLRequest(string Query, IReadOnlyDictionary<string, string> Variables);
