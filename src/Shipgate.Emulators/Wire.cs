using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Shipgate.Emulators;

/// <summary>Small conversions to the services' wire forms.</summary>
internal static class Wire
{
    /// <summary>Writes text as the services do: raw UTF-8, not \uXXXX escapes.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>ISO 8601 in UTC to the second, as both services write timestamps.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? time) => time is { } t ? Time(t) : null;

    /// <summary>A positive id that stays the same for the same name across runs.</summary>
    public static long StableId(string name) =>
        BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(name))) % 900_000_000 + 100_000;

    /// <summary>A UUID derived from a name, for fixture entities given without one.</summary>
    public static string StableUuid(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    /// <summary>A GitHub-looking global node id such as "PR_kwDO...".</summary>
    public static string NodeId(string prefix, string name) =>
        $"{prefix}_{Convert.ToBase64String(Encoding.UTF8.GetBytes(name)).TrimEnd('=')}";

    public static bool IsSha(string value) => value.Length == 40 && value.All(Uri.IsHexDigit);
}
