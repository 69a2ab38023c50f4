namespace Shipgate.Linear;

/// <summary>
/// The GraphQL documents Shipgate sends to Linear, each valid against specs/linear.schema.graphql
/// (the tests check it). Values travel as variables, never spliced into the text.
/// </summary>
internal static class LinearDocuments
{
    public const string TeamsOperation = "ShipgateTeams";

    public const string Teams = """
        query ShipgateTeams($after: String) {
          teams(first: 100, after: $after) {
            nodes { key }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public const string TicketsOperation = "ShipgateTickets";

    public const string Tickets = """
        query ShipgateTickets($team: String!, $numbers: [Float!]!, $after: String) {
          issues(filter: { team: { key: { eq: $team } }, number: { in: $numbers } }, first: 100, after: $after) {
            nodes { identifier title url state { name type } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public const string CommentOperation = "ShipgateComment";

    public const string Comment = """
        mutation ShipgateComment($id: String!, $issueId: String!, $body: String!) {
          commentCreate(input: { id: $id, issueId: $issueId, body: $body }) {
            success
            comment { id url }
          }
        }
        """;

    public const string CommentExistsOperation = "ShipgateCommentExists";

    /// <summary>Asks whether a comment Shipgate tried to create exists after all (its answer may have been lost).</summary>
    public const string CommentExists = """
        query ShipgateCommentExists($id: String!) {
          comment(id: $id) { id }
        }
        """;
}
