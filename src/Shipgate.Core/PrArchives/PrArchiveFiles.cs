using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Shipgate.Audit;
using Shipgate.Release;

namespace Shipgate.PrArchives;

/// <summary>The bytes of a PR's archive (JSON and Markdown), and verify's check of an archive Shipgate wrote. Pure.</summary>
internal static class PrArchiveFiles
{
    private static readonly PrArchiveJson Context = new(new JsonSerializerOptions(PrArchiveJson.Default.Options)
    {
        // Keep non-ASCII text readable in the file; JSON escaping still covers quotes and controls.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The archive's two files, path to bytes.</summary>
    public static IReadOnlyDictionary<string, byte[]> Of(PrArchive archive)
    {
        var stem = PrArchiveName.Stem(archive);
        return new Dictionary<string, byte[]>
        {
            [stem + ".json"] = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(archive, Context.PrArchive) + "\n"),
            [stem + ".md"] = Encoding.UTF8.GetBytes(PrArchiveMarkdown.Render(archive)),
        };
    }

    /// <summary>Whether a compliance archive's JSON names Shipgate's schema: only those are held to it; others only count as present.</summary>
    public static bool IsShipgates(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("$schema", out var schema)
                && schema.ValueKind == JsonValueKind.String && schema.GetString() == PrArchive.SchemaId;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// What is wrong with an archive Shipgate wrote at <paramref name="path"/>: its schema (required fields and their kinds),
    /// then whether its name is the one its content gives (PR, first ticket, title, merge day). Empty when it holds.
    /// </summary>
    public static IReadOnlyList<string> Problems(string path, byte[] bytes)
    {
        var errors = RecordSchemas.ValidatePrArchive(bytes);
        if (errors.Count > 0) return errors;
        var archive = JsonSerializer.Deserialize(bytes, Context.PrArchive);
        if (archive is null) return ["not an archive"];
        var expected = PrArchiveName.Stem(archive) + ".json";
        return expected == path ? [] : [$"its name does not match its content, which names {expected}"];
    }

    /// <summary>The compliance archives' JSON files among an archive branch's paths: those verify reads.</summary>
    public static IEnumerable<string> JsonArchives(IEnumerable<string> archiveBranchFiles) =>
        archiveBranchFiles.Where(p => p.EndsWith(".json", StringComparison.Ordinal) && ComplianceArchives.PullRequestOf(p) is not null);
}
