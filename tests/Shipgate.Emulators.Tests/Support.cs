using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace Shipgate.Emulators.Tests;

internal static partial class Support
{
    public const string Token = "ghp_test_token";
    public const string Staging = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string Main = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    /// <summary>How long a test waits at most for what should happen: a bound on a hang, never a measure.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>A hex sha unique to <paramref name="n"/> and <paramref name="salt"/>.</summary>
    public static string Sha(int n, char salt = 'c') => $"{salt}{n:x39}";

    public static GitHubFixture GitHubFixture(Action<RepositoryFixture>? seed = null)
    {
        var repo = new RepositoryFixture
        {
            Owner = "acme",
            Name = "shop",
            Branches = { ["staging"] = Staging, ["main"] = Main },
        };
        seed?.Invoke(repo);
        return new GitHubFixture { Tokens = { [Token] = "release-bot" }, Repositories = { repo } };
    }

    public static HttpClient GitHubClient(string? token = Token, bool userAgent = true)
    {
        var client = new HttpClient();
        if (userAgent)
        {
            client.DefaultRequestHeaders.UserAgent.ParseAdd("shipgate-tests/1.0");
        }
        client.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.github+json");
        client.DefaultRequestHeaders.Add("X-GitHub-Api-Version", "2022-11-28");
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public static HttpClient LinearClient(string? authorization)
    {
        var client = new HttpClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }
        return client;
    }

    /// <summary>A client that sends <paramref name="authorization"/> as is (Jira: "Basic base64(email:token)").</summary>
    public static HttpClient JiraClient(string? authorization) => LinearClient(authorization);

    /// <summary>Sends a JSON body (none when empty); the answer's JSON, an empty object when it has none.</summary>
    public static async Task<(HttpResponseMessage Response, JsonNode Body)> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string json)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json.Length > 0)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    public static async Task<(HttpResponseMessage Response, JsonNode Body)> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public static async Task<(HttpResponseMessage Response, JsonObject Body)> PostGraphQLAsync(
        this HttpClient client, string url, string query, object? variables = null)
    {
        var payload = new JsonObject { ["query"] = query };
        if (variables is not null)
        {
            payload["variables"] = JsonNode.Parse(JsonSerializer.Serialize(variables));
        }
        var response = await client.PostAsync(url, new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"));
        return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    /// <summary>The target of rel="<paramref name="rel"/>" in a GitHub link header, if any.</summary>
    public static string? Link(HttpResponseMessage response, string rel)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }
        return LinkPart().Matches(string.Join(",", values)).FirstOrDefault(m => m.Groups[2].Value == rel)?.Groups[1].Value;
    }

    /// <summary>Follows rel="next" from <paramref name="url"/> to the end; returns every page.</summary>
    public static async Task<List<(HttpResponseMessage Response, JsonNode Body)>> AllPagesAsync(this HttpClient client, string url)
    {
        var pages = new List<(HttpResponseMessage, JsonNode)>();
        for (var next = url; next is not null && pages.Count < 20; next = Link(pages[^1].Item1, "next"))
        {
            pages.Add(await client.GetJsonAsync(next));
        }
        return pages;
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    /// <summary>Every request was allowed by the description and every REST answer validated against it.</summary>
    public static void AssertSpecClean(IEnumerable<RecordedRequest> requests)
    {
        var problems = requests.SelectMany(r => r.SpecViolations.Select(v => $"{r.Method} {r.Path}: {v}")).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [GeneratedRegex("<([^>]+)>;\\s*rel=\"(\\w+)\"")]
    private static partial Regex LinkPart();
}
