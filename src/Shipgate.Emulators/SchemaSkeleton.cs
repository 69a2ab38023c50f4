using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipgate.Emulators;
/// <summary>Builds the smallest instance of an OpenAPI schema that still carries an emulator's data.</summary>
/// <param name="components">The description's named schemas, which <c>$ref</c> points into.</param>
internal sealed class SchemaSkeleton(JsonObject components)
{
    private const string PlaceholderUrl = "https://emulator.invalid/";
    private const string PlaceholderTime = "2024-01-01T00:00:00Z";
    private const string ComponentPrefix = "#/components/schemas/";

    /// <summary>"array", "object" or another JSON type a schema or a value has; null when the schema does not say.</summary>
    private string? Kind(JsonObject schema) => Resolve(schema)["type"]?.GetValue<string>() ?? (Resolve(schema)["properties"] is not null ? "object" : null);

    private static string? Kind(JsonNode? data) => data switch
    {
        JsonArray => "array",
        JsonObject => "object",
        _ => null,
    };

    private JsonObject Resolve(JsonObject schema) =>
        schema["$ref"]?.GetValue<string>() is { } target && target.StartsWith(ComponentPrefix, StringComparison.Ordinal)
            && components[target[ComponentPrefix.Length..]] is JsonObject referenced ? referenced : schema;

    public JsonNode? Fill(JsonObject schema, JsonNode? data, string? propertyName)
    {
        if (schema["$ref"]?.GetValue<string>() is { } target && target.StartsWith(ComponentPrefix, StringComparison.Ordinal)
            && components[target[ComponentPrefix.Length..]] is JsonObject referenced)
        {
            return Fill(referenced, data, propertyName);
        }
        var nullable = schema["nullable"]?.GetValue<bool>() == true;
        if (data is JsonValue v && v.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }
        if (schema["allOf"] is JsonArray allOf)
        {
            return allOf.OfType<JsonObject>().Aggregate(data, (acc, part) => Fill(part, acc, propertyName));
        }
        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray choices)
        {
            if (data is null && nullable)
            {
                return null;
            }
            var options = choices.OfType<JsonObject>().ToList();
            return Fill(options.FirstOrDefault(o => Kind(o) == Kind(data)) ?? options[0], data, propertyName);
        }
        var type = schema["type"]?.GetValue<string>() ?? (schema["properties"] is not null ? "object" : null);
        if (data is null && nullable)
        {
            return null;
        }
        switch (type)
        {
            case "object":
                var result = new JsonObject();
                var properties = schema["properties"] as JsonObject;
                foreach (var (name, value) in data as JsonObject ?? [])
                {
                    result[name] = properties?[name] is JsonObject propertySchema
                        ? Fill(propertySchema, value, name)
                        : value?.DeepClone();
                }
                foreach (var required in schema["required"] as JsonArray ?? [])
                {
                    var name = required!.GetValue<string>();
                    if (!result.ContainsKey(name))
                    {
                        result[name] = properties?[name] is JsonObject propertySchema ? Fill(propertySchema, null, name) : null;
                    }
                }
                return result;
            case "array":
                var items = schema["items"] as JsonObject;
                return new JsonArray([.. (data as JsonArray ?? []).Select(item =>
                    items is null ? item?.DeepClone() : Fill(items, item, propertyName))]);
            default:
                if (data is not null)
                {
                    return data.DeepClone();
                }
                if (schema["default"] is { } defaultValue)
                {
                    return defaultValue.DeepClone();
                }
                if (schema["enum"] is JsonArray values && values.FirstOrDefault(x => x is not null) is { } first)
                {
                    return first.DeepClone();
                }
                return type switch
                {
                    "integer" or "number" => 0,
                    "boolean" => false,
                    "string" when schema["format"]?.GetValue<string>() == "date-time" => PlaceholderTime,
                    "string" when schema["format"]?.GetValue<string>() == "uri"
                        || propertyName?.EndsWith("url", StringComparison.Ordinal) == true => PlaceholderUrl,
                    "string" => new string('0', schema["minLength"]?.GetValue<int>() ?? 0),
                    _ => null,
                };
        }
    }
}
