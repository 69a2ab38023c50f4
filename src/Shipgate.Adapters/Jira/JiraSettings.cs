using System.Text;
using Shipgate.Integrations;

namespace Shipgate.Jira;

/// <summary>
/// How to reach Jira Cloud: the site, the account's email and API token (HTTP Basic, as Atlassian documents
/// for API tokens), and the retry rules. The clock is injectable so tests run backoff and rate-limit waits fast.
/// </summary>
internal sealed record JiraSettings(Uri Site, string Email, string ApiToken)
{
    /// <summary>The environment variables Jira is configured by; only their names ever appear in messages.</summary>
    public const string BaseUrlVariable = "JIRA_BASE_URL";
    public const string EmailVariable = "JIRA_EMAIL";
    public const string TokenVariable = "JIRA_API_TOKEN";

    /// <summary>4 attempts, 0.5 s doubling, 20 s per attempt, 60 s per request in all, as for Linear.</summary>
    public static RetryPolicy DefaultRetry { get; } = new(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60));

    public RetryPolicy Retry { get; init; } = DefaultRetry;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The Authorization header's value: Basic base64(email:token). A secret like the token itself.</summary>
    public string AuthorizationValue => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Email}:{ApiToken}"));

    /// <summary>The page people open for an issue: https://SITE/browse/KEY.</summary>
    public string BrowseUrl(string key) => $"{Site.GetLeftPart(UriPartial.Path).TrimEnd('/')}/browse/{Uri.EscapeDataString(key)}";
}
