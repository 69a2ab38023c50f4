using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Shipgate.Integrations;

namespace Shipgate.GitHub;

/// <summary>
/// GitHub Deployments (REST): a deployment of the release's tag and its statuses. A deployment is found again by its tag,
/// environment and the release id in its payload, so --resume never makes a second for the same release.
/// </summary>
internal sealed partial class GitHubClient : IDeploymentHost
{
    private const string Deployments = "/repos/{owner}/{repo}/deployments";
    private const string Statuses = "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses";

    public async Task<long?> FindDeploymentAsync(DeploymentRequest request, CancellationToken ct)
    {
        var query = $"ref={Uri.EscapeDataString(request.Tag)}&environment={Uri.EscapeDataString(request.Environment)}&per_page={GitHubHttp.PerPage}";
        var all = await http.GetAllAsync(Call(Deployments, query: query), GitHubDeploymentJson.Default.ListDeploymentWire, page => page, ct);
        return all.Where(d => d.Ref == request.Tag && ReleaseIdOf(d.Payload) == request.ReleaseId).OrderBy(d => d.Id).FirstOrDefault()?.Id;
    }

    public async Task<long> CreateDeploymentAsync(DeploymentRequest request, CancellationToken ct)
    {
        var body = new CreateDeploymentWire(request.Tag, request.Environment, new DeploymentPayloadWire(request.ReleaseId, request.RecordSha256),
            $"Shipgate release {request.ReleaseId}", RequiredContexts: []);
        var json = JsonSerializer.Serialize(body, GitHubDeploymentJson.Default.CreateDeploymentWire);
        return (await http.SendJsonAsync(HttpMethod.Post, Call(Deployments), json, GitHubDeploymentJson.Default.DeploymentWire, ct)).Id;
    }

    public async Task SetDeploymentStatusAsync(long deploymentId, DeploymentState state, string? logUrl, string description, CancellationToken ct)
    {
        var id = deploymentId.ToString(CultureInfo.InvariantCulture);
        var call = Call(Statuses);
        call = call with { Path = call.Path.Replace("{deployment_id}", id, StringComparison.Ordinal) };
        var json = JsonSerializer.Serialize(new DeploymentStatusBodyWire(state, logUrl, description.Length > 140 ? description[..140] : description),
            GitHubDeploymentJson.Default.DeploymentStatusBodyWire);
        await http.SendJsonAsync(HttpMethod.Post, call, json, GitHubDeploymentJson.Default.DeploymentStatusWire, ct);
    }

    /// <summary>The release id a deployment's payload names; a payload GitHub keeps as a string is read as the JSON it holds.</summary>
    private static string? ReleaseIdOf(JsonElement? payload)
    {
        try
        {
            var element = payload is { ValueKind: JsonValueKind.String } text ? JsonDocument.Parse(text.GetString()!).RootElement : payload;
            return element is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("release_id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A deployment as GitHub answers it (POST and each item of GET .../deployments): only what Shipgate reads.</summary>
internal sealed record DeploymentWire(long Id, string Ref, string Environment, JsonElement? Payload = null);

/// <summary>
/// The body of POST .../deployments: the release's tag to the environment, as production, with no merge and no status
/// contexts re-checked (the release already judged CI), and the payload that ties it to the record.
/// </summary>
internal sealed record CreateDeploymentWire(string Ref, string Environment, DeploymentPayloadWire Payload, string Description,
    IReadOnlyList<string> RequiredContexts, bool ProductionEnvironment = true, bool AutoMerge = false, string Task = "deploy");

/// <summary>What a deployment carries of its release: the release id and the SHA-256 of its record's bytes.</summary>
internal sealed record DeploymentPayloadWire(string ReleaseId, string RecordSha256);

/// <summary>The body of POST .../deployments/{deployment_id}/statuses.</summary>
internal sealed record DeploymentStatusBodyWire(DeploymentState State, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LogUrl,
    string Description);

/// <summary>A deployment status as GitHub answers it.</summary>
internal sealed record DeploymentStatusWire(long Id, string State);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(DeploymentWire))]
[JsonSerializable(typeof(List<DeploymentWire>))]
[JsonSerializable(typeof(CreateDeploymentWire))]
[JsonSerializable(typeof(DeploymentStatusBodyWire))]
[JsonSerializable(typeof(DeploymentStatusWire))]
internal sealed partial class GitHubDeploymentJson : JsonSerializerContext;
