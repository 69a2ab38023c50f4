using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipgate.Rendering;

/// <summary>How every JSON document Shipgate prints is laid out: indented, for people who read it as well as programs.</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string Indented(JsonNode document) => document.ToJsonString(Options);
}
