using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shipgate.GitHub;

/// <summary>The body of a GraphQL POST.</summary>
public sealed record GraphQLRequest(string Query, IReadOnlyDictionary<string, string> Variables);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(GraphQLRequest))]
internal sealed partial class GitHubJson : JsonSerializerContext;

/// <summary>Lenient reads of GitHub's JSON: a missing or null field is null, never an exception.</summary>
internal static class JsonRead
{
    public static JsonElement? Field(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? String(this JsonElement element, string name) =>
        element.Field(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static long? Long(this JsonElement element, string name) =>
        element.Field(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    public static bool Bool(this JsonElement element, string name) =>
        element.Field(name) is { ValueKind: JsonValueKind.True };

    public static DateTimeOffset? Time(this JsonElement element, string name) =>
        element.String(name) is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    /// <summary>The items of an array field; none when it is missing.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element, string? name = null)
    {
        var array = name is null ? element : element.Field(name);
        return array is { ValueKind: JsonValueKind.Array } items ? items.EnumerateArray() : [];
    }

    /// <summary>A login from an actor object ({"login": ...}); deleted accounts are GitHub's "ghost".</summary>
    public static string Login(this JsonElement element, string name) => element.Field(name)?.String("login") ?? "ghost";
}
