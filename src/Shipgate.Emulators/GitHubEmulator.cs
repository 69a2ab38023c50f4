namespace Shipgate.Emulators;

/// <summary>
/// GitHub on 127.0.0.1: the REST operations Shipgate uses (only those in
/// specs/github-rest.openapi.json, answers completed and checked against it) and GraphQL executed
/// against specs/github.schema.graphql. Also answers under GitHub Enterprise Server's
/// /api/v3 and /api/graphql.
/// </summary>
public sealed class GitHubEmulator : IAsyncDisposable
{
    private readonly EmulatorHost _host;
    private readonly GitHubProtocol _protocol;

    private GitHubEmulator(EmulatorHost host, GitHubProtocol protocol, GitHubFixture state)
    {
        _host = host;
        _protocol = protocol;
        State = state;
    }

    /// <summary>REST root, like https://api.github.com.</summary>
    public string ApiUrl => _host.BaseUrl;

    public string GraphQLUrl => ApiUrl + "/graphql";

    /// <summary>REST root in GitHub Enterprise Server form, like https://HOST/api/v3.</summary>
    public string EnterpriseApiUrl => ApiUrl + "/api/v3";

    public string EnterpriseGraphQLUrl => ApiUrl + "/api/graphql";

    /// <summary>Every exchange so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _host.Requests;

    public Faults Faults => _host.Faults;

    /// <summary>The most requests in flight at once so far: what a client's bound on concurrent requests is checked by.</summary>
    public int MostInFlight => _host.MostInFlight;

    /// <summary>
    /// Checks every REST answer against the description and records what fails (on by default).
    /// It costs about half a millisecond per item of a list; benchmarks may turn it off.
    /// </summary>
    public bool ValidateResponses
    {
        get => _protocol.ValidateResponses;
        set => _protocol.ValidateResponses = value;
    }

    /// <summary>The live fixture. Change it through <see cref="Update"/> while a client may be calling.</summary>
    public GitHubFixture State { get; }

    public static async Task<GitHubEmulator> StartAsync(GitHubFixture fixture)
    {
        // Load the descriptions before listening, so no request pays for it.
        _ = RestSpec.GitHub;
        _ = GraphQLSpec.GitHub;
        var protocol = new GitHubProtocol(fixture);
        var host = await EmulatorHost.StartAsync(protocol);
        return new GitHubEmulator(host, protocol, fixture);
    }

    /// <summary>Changes the fixture between two requests, never during one.</summary>
    public void Update(Action<GitHubFixture> change) => _host.Update(() => change(State));

    public void ClearRequests() => _host.ClearRequests();

    /// <summary>
    /// Told each request once it is recorded, before its answer goes out: a test that changes the state here (through
    /// <see cref="Update"/>) changes it between two of the client's requests, without watching the clock.
    /// </summary>
    public Action<RecordedRequest>? OnRecorded
    {
        get => _host.OnRecorded;
        set => _host.OnRecorded = value;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
