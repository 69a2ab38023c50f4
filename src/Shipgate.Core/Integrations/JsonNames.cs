using System.Reflection;
using System.Text.Json.Serialization;

namespace Shipgate.Integrations;

/// <summary>An enum value as the wire writes it (its <see cref="JsonStringEnumMemberNameAttribute"/>), for messages and records, and back.</summary>
internal static class JsonNames
{
    public static string Of<T>(T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString();

    /// <summary>The value the wire calls <paramref name="name"/>; null for a word none is called (a record is read as written).</summary>
    public static T? Parse<T>(string? name) where T : struct, Enum =>
        Enum.GetValues<T>().Where(v => Of(v) == name).Select(v => (T?)v).FirstOrDefault();
}
