namespace Shipgate.GitHub;

/// <summary>The body of a GraphQL POST.</summary>
public sealed record GraphQLRequest(string Query, IReadOnlyDictionary<string, string> Variables);
