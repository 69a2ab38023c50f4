using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Shipgate.Cli;

namespace Shipgate.Tests.Support;

/// <summary>
/// <c>shipgate mcp</c> started as its own process on a scenario's releaser clone and driven over stdio by the
/// SDK's own client, as an agent's client would. The person is the function the test passes: given the form, their answer.
/// </summary>
internal sealed class McpSession : IAsyncDisposable
{
    public const string ClientName = "shipgate-tests";
    public const string ClientVersion = "9.8.7";

    private McpSession(McpClient client, ConcurrentQueue<string> errors, List<ElicitRequestParams> forms)
    {
        Client = client;
        ServerErrors = errors;
        Forms = forms;
    }

    public McpClient Client { get; }

    /// <summary>Every line the server wrote to standard error.</summary>
    public ConcurrentQueue<string> ServerErrors { get; }

    /// <summary>Every confirmation form the server asked the person to fill in.</summary>
    public List<ElicitRequestParams> Forms { get; }

    /// <param name="person">Null: the client declares no elicitation support.</param>
    /// <param name="serverOptions">More options for <c>shipgate mcp</c> (e.g. --confirm-within).</param>
    public static Task<McpSession> StartAsync(ReleaseScenario s, Func<ElicitRequestParams, ElicitResult>? person,
        Dictionary<string, string>? environment = null, string? repository = null, string[]? serverOptions = null) =>
        StartWithPersonAsync(s, person is null ? null : (form, _) => ValueTask.FromResult(person(form)), environment, repository, serverOptions);

    /// <param name="person">Given the form and a token the server cancels when it stops waiting for the answer, their answer.</param>
    public static async Task<McpSession> StartWithPersonAsync(ReleaseScenario s, Func<ElicitRequestParams, CancellationToken, ValueTask<ElicitResult>>? person,
        Dictionary<string, string>? environment = null, string? repository = null, string[]? serverOptions = null)
    {
        var env = StdioClientTransportOptions.GetDefaultEnvironmentVariables();
        foreach (var name in new[] { "GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "LINEAR_API_KEY", "GH_HOST" })
            env.Remove(name);
        env["XDG_STATE_HOME"] = Path.Combine(s.Folder, "state");
        foreach (var (name, value) in environment ?? []) env[name] = value;

        var errors = new ConcurrentQueue<string>();
        var forms = new List<ElicitRequestParams>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "shipgate",
            Command = "dotnet",
            Arguments = [typeof(ShipgateCli).Assembly.Location, "mcp", "--repo", repository ?? s.Git.Releaser, .. serverOptions ?? []],
            WorkingDirectory = s.Folder,
            InheritEnvironmentVariables = false,
            EnvironmentVariables = env!,
            StandardErrorLines = errors.Enqueue,
        });
        var options = new McpClientOptions { ClientInfo = new Implementation { Name = ClientName, Version = ClientVersion } };
        if (person is not null)
        {
            options.Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability() };
            options.Handlers = new McpClientHandlers
            {
                ElicitationHandler = (form, ct) =>
                {
                    lock (forms) forms.Add(form!);
                    return person(form!, ct);
                },
            };
        }
        return new McpSession(await McpClient.CreateAsync(transport, options).Bounded(), errors, forms);
    }

    public Task<CallToolResult> CallAsync(string tool, Dictionary<string, object?>? arguments = null) =>
        Client.CallToolAsync(tool, arguments ?? []).AsTask().Bounded();

    /// <summary>Everything a tool result carries that a model could read: its text and its structured content.</summary>
    public static string Visible(CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text)) +
        (result.StructuredContent is { } structured ? JsonSerializer.Serialize(structured) : "");

    /// <summary>The word a form shows the person.</summary>
    public static string WordIn(ElicitRequestParams form) =>
        System.Text.RegularExpressions.Regex.Match(form.Message, @"type the word: (\S+)").Groups[1].Value;

    /// <summary>Whether a text shows the word as a word (DEPLOY, not the DEPLOYED of a heading).</summary>
    public static bool Shows(string text, string word) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, $@"\b{System.Text.RegularExpressions.Regex.Escape(word)}\b");

    public static ElicitResult Typed(string text) =>
        new() { Action = "accept", Content = new Dictionary<string, JsonElement> { ["word"] = JsonSerializer.SerializeToElement(text) } };

    public async ValueTask DisposeAsync() => await Client.DisposeAsync();
}
