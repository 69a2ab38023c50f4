using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Shipgate.Rendering;

namespace Shipgate.Integrations;

/// <summary>
/// Reads an API answer into its wire type (source-generated System.Text.Json), strictly: an answer
/// of the wrong shape is never taken for an empty or passing one. The shape is checked first
/// against the type's own metadata, so the problem names the field: "without check_runs",
/// "with check_runs null", "with an object where a list belongs", worded to follow
/// "GitHub answered GET ...". A required field is a constructor parameter without a default;
/// null is allowed where the parameter is nullable, and for a dictionary's values (GraphQL aliases
/// of objects that may not exist), never for a list's items.
/// </summary>
internal static class WireReader
{
    /// <returns>The answer as <typeparamref name="T"/>, or null and what is wrong with its shape.</returns>
    public static (T? Value, string? Problem) Read<T>(JsonElement answer, JsonTypeInfo<T> type) where T : class
    {
        if (Problem(answer, type, "") is { } problem) return (null, problem);
        try
        {
            return answer.Deserialize(type) is { } value ? (value, null) : (null, "with null");
        }
        catch (JsonException e)
        {
            return (null, $"with a value Shipgate cannot read at {e.Path ?? "$"}");
        }
    }

    /// <summary>What is wrong with <paramref name="element"/> as a <paramref name="type"/> at <paramref name="path"/> ("" for the whole answer).</summary>
    private static string? Problem(JsonElement element, JsonTypeInfo type, string path)
    {
        var expected = Expected(type);
        if (expected is not null && element.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) && !Fits(element.ValueKind, expected.Value))
            return path.Length == 0
                ? $"with {Describe(element.ValueKind)} where {Describe(expected.Value)} belongs"
                : $"with {path} as {Describe(element.ValueKind)} where {Describe(expected.Value)} belongs";
        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in type.Properties)
                {
                    var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (!element.TryGetProperty(property.Name, out var value))
                    {
                        if (IsRequired(property)) return $"without {at}";
                        continue;
                    }
                    if (value.ValueKind == JsonValueKind.Null)
                    {
                        if (!AllowsNull(property)) return $"with {at} null";
                        continue;
                    }
                    if (Problem(value, type.Options.GetTypeInfo(property.PropertyType), at) is { } problem) return problem;
                }
                return null;
            case JsonTypeInfoKind.Enumerable:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var at = $"{(path.Length == 0 ? "the list" : path)}[{index++}]";
                    if (item.ValueKind == JsonValueKind.Null) return $"with {at} null";
                    if (Problem(item, type.Options.GetTypeInfo(type.ElementType!), at) is { } problem) return problem;
                }
                return null;
            case JsonTypeInfoKind.Dictionary:
                foreach (var entry in element.EnumerateObject())
                {
                    var at = path.Length == 0 ? entry.Name : $"{path}.{entry.Name}";
                    if (entry.Value.ValueKind != JsonValueKind.Null && Problem(entry.Value, type.Options.GetTypeInfo(type.ElementType!), at) is { } problem)
                        return problem;
                }
                return null;
            default:
                return UnknownName(element, type, path);
        }
    }

    private static bool IsRequired(JsonPropertyInfo property) =>
        property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false };

    private static bool AllowsNull(JsonPropertyInfo property) =>
        property.PropertyType == typeof(JsonElement)
        || Nullable.GetUnderlyingType(property.PropertyType) is not null
        || (!property.PropertyType.IsValueType && (property.AssociatedParameter?.IsNullable ?? property.IsSetNullable));

    /// <summary>The JSON kind a type is written as; null for anything (a JsonElement).</summary>
    private static JsonValueKind? Expected(JsonTypeInfo type)
    {
        var clr = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        return type.Kind switch
        {
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => JsonValueKind.Object,
            JsonTypeInfoKind.Enumerable => JsonValueKind.Array,
            _ when clr == typeof(string) || clr == typeof(DateTimeOffset) || clr.IsEnum => JsonValueKind.String,
            _ when clr == typeof(bool) => JsonValueKind.True,
            _ when clr == typeof(int) || clr == typeof(long) || clr == typeof(double) => JsonValueKind.Number,
            _ => null,
        };
    }

    private static bool Fits(JsonValueKind actual, JsonValueKind expected) =>
        actual == expected || (expected == JsonValueKind.True && actual == JsonValueKind.False);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };

    /// <summary>
    /// An enum's value must be one of its wire names: an unknown state is not taken for a known one. The names are each value as the
    /// source-generated converter writes it (no reflection over the enum's fields: the natively compiled shipgate has none to read).
    /// </summary>
    private static string? UnknownName(JsonElement element, JsonTypeInfo type, string path)
    {
        var clr = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        if (!clr.IsEnum || element.ValueKind != JsonValueKind.String) return null;
        var names = Enum.GetValuesAsUnderlyingType(clr).Cast<object>()
            .Select(value => JsonSerializer.SerializeToElement(Enum.ToObject(clr, value), type).GetString()!).Distinct().ToList();
        var value = element.GetString()!;
        return names.Contains(value, StringComparer.Ordinal) ? null
            : $"with {(path.Length == 0 ? "the value" : path)} \"{SafeText.Shorten(value, 40)}\", which is none of {string.Join(", ", names)}";
    }
}
