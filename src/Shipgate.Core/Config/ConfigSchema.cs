using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Shipgate.Config;

/// <summary>
/// The published JSON Schema of <c>.shipgate.yml</c> (<c>schemas/shipgate-config.v1.json</c>, embedded),
/// for editors and for the test that proves it says what the loader does.
/// </summary>
internal static class ConfigSchema
{
    public const string Url = "https://shipgate.dev/schemas/shipgate-config.v1.json";

    /// <summary>The line an editor with the YAML language server reads the schema from.</summary>
    public const string EditorLine = "# yaml-language-server: $schema=" + Url;

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(ConfigSchema).Assembly.GetManifestResourceStream("schemas/shipgate-config.v1.json")
            ?? throw new InvalidOperationException("schema shipgate-config.v1.json is not embedded");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    /// <summary>The schema's objections to a YAML text (empty when it conforms); YAML it cannot read is one objection.</summary>
    public static IReadOnlyList<string> Problems(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            return [$"not valid YAML: {e.Message}"];
        }
        var json = stream.Documents.Count == 0 ? null : ToJson(stream.Documents[0].RootNode);
        using var document = System.Text.Json.JsonDocument.Parse(json?.ToJsonString() ?? "null");
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        var problems = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .Distinct()
            .ToList();
        return problems.Count > 0 ? problems : ["does not match the schema"];
    }

    /// <summary>YAML as JSON the way the loader reads it: plain true/yes/false/no are booleans, every other scalar is text.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "" or "~" or "null" or null } => null,
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "True" or "yes" } => JsonValue.Create(true),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "false" or "False" or "no" } => JsonValue.Create(false),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };
}
