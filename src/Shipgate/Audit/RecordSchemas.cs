using System.Text.Json;
using Json.Schema;
using Shipgate.Record;

namespace Shipgate.Audit;

/// <summary>
/// The published JSON Schemas of the records (<c>schemas/</c> in the repository, embedded in the
/// tool), so verify checks every record against exactly what is published.
/// </summary>
internal static class RecordSchemas
{
    private static readonly Lazy<JsonSchema> Release = new(() => Load("release-record.v1.json"));
    private static readonly Lazy<JsonSchema> Review = new(() => Load("review-record.v1.json"));
    private static readonly Lazy<JsonSchema> Deployment = new(() => Load("deployment-record.v1.json"));

    private static JsonSchema Load(string name)
    {
        using var stream = typeof(RecordSchemas).Assembly.GetManifestResourceStream("schemas/" + name)
            ?? throw new InvalidOperationException($"schema {name} is not embedded");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    /// <summary>The schema violations of a record's bytes (empty when valid), each "location: message".</summary>
    public static IReadOnlyList<string> Validate(byte[] bytes, bool isRelease) => Validate(bytes, isRelease ? Release.Value : Review.Value);

    /// <summary>The schema violations of a chain record's bytes, by the kind its id names (release, review, deployment).</summary>
    public static IReadOnlyList<string> ValidateLink(string id, byte[] bytes) =>
        Validate(bytes, RecordFiles.IsReleaseId(id) ? Release.Value : RecordFiles.IsDeploymentId(id) ? Deployment.Value : Review.Value);

    private static IReadOnlyList<string> Validate(byte[] bytes, JsonSchema schema)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            return [$"not valid JSON: {e.Message}"];
        }
        using (document)
        {
            var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (results.IsValid) return [];
            var problems = (results.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Value}"))
                .Distinct()
                .ToList();
            return problems.Count > 0 ? problems : ["does not match the schema"];
        }
    }
}
