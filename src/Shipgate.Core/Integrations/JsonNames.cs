using System.Reflection;
using System.Text.Json.Serialization;

namespace Shipgate.Integrations;

/// <summary>An enum value as the wire writes it (its <see cref="JsonStringEnumMemberNameAttribute"/>), for messages and records.</summary>
internal static class JsonNames
{
    public static string Of<T>(T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString();
}
