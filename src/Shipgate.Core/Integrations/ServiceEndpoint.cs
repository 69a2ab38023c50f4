namespace Shipgate.Integrations;

/// <summary>
/// Where a service was asked, and what named it there (an environment variable, the released policy, the remote, the
/// default). The operator's environment wins over the policy for every endpoint, so the record keeps this: an auditor
/// must be able to see which server said that CI was green or that a ticket exists.
/// </summary>
/// <param name="Service">github, github_graphql, linear or jira.</param>
internal sealed record ServiceEndpoint(string Service, Uri Url, string NamedBy);
