using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Shipgate.Integrations;

/// <summary>
/// Reads an API answer into its wire type (source-generated System.Text.Json), strictly: an answer
/// of the wrong shape is never taken for an empty or passing one. The problem is worded to follow
/// "GitHub answered GET ...", such as "with a value Shipgate cannot read at $.check_runs".
/// </summary>
internal static class WireReader
{
    /// <returns>The answer as <typeparamref name="T"/>, or null and what is wrong with its shape.</returns>
    public static (T? Value, string? Problem) Read<T>(JsonElement answer, JsonTypeInfo<T> type) where T : class
    {
        try
        {
            return answer.Deserialize(type) is { } value ? (value, null) : (null, "with null");
        }
        catch (JsonException e)
        {
            return (null, $"with a value Shipgate cannot read at {e.Path ?? "$"}");
        }
    }
}
