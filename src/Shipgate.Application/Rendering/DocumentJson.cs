using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Shipgate.Audit;
using Shipgate.Audit.Org;
using Shipgate.Audit.Report;
using Shipgate.Release;

namespace Shipgate.Rendering;

/// <summary>
/// The documents the application writes for tools (the plan, the release result, verify's verdicts, the report), each a
/// small record serialized by source generation: no reflection, so the natively compiled shipgate writes them as the tests
/// do. Indented, nulls written (the schemas say which fields may be null), snake_case names, enums under their wire names.
/// A time is written as a record's copy in these documents has always been (<see cref="RecordedTime"/>); the documents' own
/// times (when a report was made, when an emergency was released) say <see cref="PlainTime"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UseStringEnumConverter = true,
    Converters = [typeof(RecordedTime)])]
[JsonSerializable(typeof(PlanJson))]
[JsonSerializable(typeof(ReleasedJson))]
[JsonSerializable(typeof(NothingReleasedJson))]
[JsonSerializable(typeof(VerifyJson))]
[JsonSerializable(typeof(OrgVerifyJson))]
[JsonSerializable(typeof(ReportDocumentJson))]
[JsonSerializable(typeof(OrgReportJson))]
internal sealed partial class DocumentJson : JsonSerializerContext
{
    /// <summary>A document's text as every --json output and MCP tool gives it.</summary>
    public static string Text<T>(T document, JsonTypeInfo<T> type) => JsonSerializer.Serialize(document, type);
}

/// <summary>
/// A record's time as the plan and the report have always written it: the record file's text, escaped as a string is
/// ("+00:00" as "\u002B00:00"), because they once copied the record's JSON. Kept so that their bytes stay the same.
/// </summary>
internal sealed class RecordedTime : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("documents are written, never read");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        var text = new ArrayBufferWriter<byte>(48);
        using (var plain = new Utf8JsonWriter(text)) plain.WriteStringValue(value);
        writer.WriteStringValue(Encoding.UTF8.GetString(text.WrittenSpan[1..^1]));
    }
}

/// <summary>A time as System.Text.Json writes it ("+00:00" as it is): the documents' own times.</summary>
internal sealed class PlainTime : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("documents are written, never read");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
